package dev.alertrelay.common.http;

import java.util.SplittableRandom;

/**
 * Bounded exponential back-off with "equal jitter": half the delay fixed, half random (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/),
 * always inside the invocation's deadline.
 *
 * @param maxAttempts     attempts in all, the first included
 * @param baseDelayMillis the back-off before the second attempt (before jitter)
 * @param maxDelayMillis  the cap on one back-off; a receiver's Retry-After is honoured in full when it fits before
 *                        the deadline (waiting less would only earn another 429), and fails the attempt at once when not
 * @param connectTimeoutMillis how long one connection attempt may take
 * @param requestTimeoutMillis how long one request may wait for its response
 * @param reserveMillis   time kept free before the deadline so the failure is reported, not cut off by Lambda
 */
public record RetryPolicy(int maxAttempts, long baseDelayMillis, long maxDelayMillis, long connectTimeoutMillis,
                          long requestTimeoutMillis, long reserveMillis) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, 300, 8_000, 3_000, 10_000, 500);

    /**
     * Half the capped exponential delay plus a random half. The randomness is seeded from the clock at each call, not
     * from a generator created at init: under SnapStart every restored environment shares the snapshot's generator
     * state, and identical "random" delays would defeat the jitter.
     */
    long backoffMillis(int failedAttempts) {
        long ceiling = Math.min(maxDelayMillis, baseDelayMillis << Math.min(20, failedAttempts - 1));
        return ceiling / 2 + new SplittableRandom(System.nanoTime()).nextLong(ceiling / 2 + 1);
    }
}
