package dev.alertrelay.common.http;

/**
 * Keeps this container's requests to one receiver under its documented rate: a token bucket of {@code burst} tokens,
 * one more every {@code intervalMillis}, on the invocation's clock ({@link Deadline}). A request takes a token,
 * waiting for one if none is left; a wait that would run into the deadline (less {@code reserveMillis}) fails the
 * request with a {@link DeliveryException} instead, so that it is retried (a redelivered batch item, a Lambda retry)
 * rather than cut off mid-flight. A 429 that still comes is waited out by the sender's Retry-After handling.
 */
public final class Pacer {

    private final int burst;
    private final long intervalMillis;
    private final long reserveMillis;
    private final String receiver;
    private double tokens;
    private long refilledAtMillis = Long.MIN_VALUE;

    /** @param receiver named in the failure, e.g. "Slack" */
    public Pacer(int burst, long intervalMillis, long reserveMillis, String receiver) {
        this.burst = burst;
        this.intervalMillis = intervalMillis;
        this.reserveMillis = reserveMillis;
        this.receiver = receiver;
        this.tokens = burst;
    }

    /** Waits for a token on {@code deadline}'s clock, or throws if that would pass the deadline. */
    public synchronized void acquire(Deadline deadline) {
        long now = deadline.now().toEpochMilli();
        if (refilledAtMillis != Long.MIN_VALUE) {
            tokens = Math.min(burst, tokens + (double) Math.max(0, now - refilledAtMillis) / intervalMillis);
        }
        refilledAtMillis = now;
        if (tokens < 1) {
            long wait = (long) Math.ceil((1 - tokens) * intervalMillis);
            if (wait + reserveMillis >= deadline.remainingMillis()) {
                throw new DeliveryException(receiver + ": the next request would have to wait " + wait + " ms for the rate limit,"
                        + " past the invocation's deadline; left to the retry", 0);
            }
            try {
                deadline.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException(receiver + ": interrupted while pacing requests", 0);
            }
            tokens = 1;
            refilledAtMillis = deadline.now().toEpochMilli();
        }
        tokens -= 1;
    }
}
