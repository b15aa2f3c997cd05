package dev.alertrelay.common.http;

/**
 * A message was not delivered. It fails the invocation so Lambda retries and the failure destination keeps the event.
 * The message says what the receiver answered; it never holds the endpoint URL, which is a secret for webhooks.
 */
public class DeliveryException extends RuntimeException {

    private final int attempts;

    public DeliveryException(String message, int attempts) {
        super(message);
        this.attempts = attempts;
    }

    public int attempts() {
        return attempts;
    }
}
