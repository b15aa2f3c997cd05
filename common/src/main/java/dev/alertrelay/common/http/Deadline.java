package dev.alertrelay.common.http;

import com.amazonaws.services.lambda.runtime.Context;

import java.time.Instant;

/** The moment an invocation must have finished by: no retry and no wait may run past it. */
public final class Deadline {

    private final InvocationClock clock;
    private final long endNanos;

    private Deadline(InvocationClock clock, long endNanos) {
        this.clock = clock;
        this.endNanos = endNanos;
    }

    public static Deadline in(long millis) {
        return in(millis, InvocationClock.SYSTEM);
    }

    public static Deadline in(long millis, InvocationClock clock) {
        return new Deadline(clock, clock.nanoTime() + millis * 1_000_000L);
    }

    /**
     * The invocation's own deadline; a context without one (some test doubles) gets 30 s. A context that is an
     * {@link InvocationClock.Source} runs on its clock.
     */
    public static Deadline of(Context context) {
        long remaining = context == null ? 0 : context.getRemainingTimeInMillis();
        InvocationClock clock = context instanceof InvocationClock.Source source ? source.clock() : InvocationClock.SYSTEM;
        return in(remaining > 0 ? remaining : 30_000, clock);
    }

    public long remainingMillis() {
        return Math.max(0, (endNanos - clock.nanoTime()) / 1_000_000L);
    }

    /** Now, on this invocation's clock: the one clock for waits, deadlines and timestamps. */
    public Instant now() {
        return Instant.ofEpochMilli(clock.currentTimeMillis());
    }

    /** Waits {@code millis} on this invocation's clock (the back-off before a retry). */
    public void pause(long millis) throws InterruptedException {
        clock.sleep(millis);
    }

    /** A deadline on the same clock, {@code millis} from now or this one, whichever comes first. */
    public Deadline within(long millis) {
        long end = Math.min(endNanos, clock.nanoTime() + millis * 1_000_000L);
        return new Deadline(clock, end);
    }
}
