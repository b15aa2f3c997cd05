package dev.alertrelay.common.http;

import com.amazonaws.services.lambda.runtime.Context;

/** The moment an invocation must have finished by: no retry and no wait may run past it. */
public final class Deadline {

    private final long endNanos;

    private Deadline(long endNanos) {
        this.endNanos = endNanos;
    }

    public static Deadline in(long millis) {
        return new Deadline(System.nanoTime() + millis * 1_000_000L);
    }

    /** The invocation's own deadline; a context without one (some test doubles) gets 30 s. */
    public static Deadline of(Context context) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        return in(remaining > 0 ? remaining : 30_000);
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - System.nanoTime()) / 1_000_000L);
    }
}
