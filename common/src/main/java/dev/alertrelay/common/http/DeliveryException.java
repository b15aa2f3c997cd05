package dev.alertrelay.common.http;

/**
 * A message was not delivered. It fails the invocation so Lambda retries and the failure destination keeps the event.
 * The message says what the receiver answered; it never holds the endpoint URL, which is a secret for webhooks.
 */
public class DeliveryException extends RuntimeException {

    private final int attempts;
    private final int status;
    private final String answer;

    public DeliveryException(String message, int attempts) {
        this(message, attempts, 0, "");
    }

    /**
     * A rejection: the receiver answered {@code status} with {@code answer} (its body, scrubbed of the endpoint),
     * which tells whether the credential itself was refused.
     */
    public DeliveryException(String message, int attempts, int status, String answer) {
        super(message);
        this.attempts = attempts;
        this.status = status;
        this.answer = answer == null ? "" : answer;
    }

    public int attempts() {
        return attempts;
    }

    /** The HTTP status of a rejection, or 0 when the receiver never answered with one that ends retrying. */
    public int status() {
        return status;
    }

    /** The receiver's answer to a rejection, scrubbed; "" when there is none. */
    public String answer() {
        return answer;
    }
}
