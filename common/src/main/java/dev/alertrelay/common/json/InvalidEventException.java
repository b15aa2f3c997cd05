package dev.alertrelay.common.json;

/**
 * The event itself cannot be read: not JSON, not the shape any delivery path produces, or undecodable data.
 * Lambda retries it and then keeps it in the failure destination; the local runner exits with status 2.
 */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String message) {
        super(message);
    }
}
