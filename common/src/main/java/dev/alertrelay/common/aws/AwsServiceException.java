package dev.alertrelay.common.aws;

/** An AWS API call failed; {@code errorCode} is the service's error type, e.g. {@code InvalidCiphertextException}. */
public class AwsServiceException extends RuntimeException {

    private final String errorCode;
    private final int status;

    public AwsServiceException(String errorCode, String message, int status) {
        super(errorCode + (message == null || message.isBlank() ? "" : ": " + message) + (status > 0 ? " (HTTP " + status + ")" : ""));
        this.errorCode = errorCode;
        this.status = status;
    }

    public String errorCode() {
        return errorCode;
    }

    public int status() {
        return status;
    }
}
