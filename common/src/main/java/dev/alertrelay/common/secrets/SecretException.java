package dev.alertrelay.common.secrets;

/** A secret could not be resolved. The message names the variable and the cause, never the value. */
public class SecretException extends RuntimeException {
    public SecretException(String message) {
        super(message);
    }
}
