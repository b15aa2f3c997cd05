package dev.alertrelay.common.routing;

/** The routes document is wrong; the message names the route and the field. */
public class RoutesException extends RuntimeException {

    public RoutesException(String message) {
        super(message);
    }
}
