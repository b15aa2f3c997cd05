package dev.alertrelay.common.secrets;

/**
 * Where an indirect secret is read from. Implementations hold an AWS SDK client; each is created on first use so that
 * a plain-text configuration never loads an SDK class.
 */
interface SecretSource {

    /**
     * @param variable the environment variable the reference came from, for error messages
     * @param reference its value: a ciphertext or a parameter name, never logged
     */
    String read(String variable, String reference);
}
