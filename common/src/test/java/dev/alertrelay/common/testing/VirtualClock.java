package dev.alertrelay.common.testing;

import dev.alertrelay.common.http.InvocationClock;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time plus every wait skipped: a back-off or a Retry-After passes at once (and counts as elapsed), while
 * connections, timeouts and slow servers still take the real time they take. Tests never sleep through a wait.
 */
public final class VirtualClock implements InvocationClock {

    private final AtomicLong skippedNanos = new AtomicLong();
    private final long startNanos = nanoTime();

    @Override
    public long nanoTime() {
        return System.nanoTime() + skippedNanos.get();
    }

    @Override
    public void sleep(long millis) {
        skippedNanos.addAndGet(Math.max(0, millis) * 1_000_000L);
    }

    @Override
    public long currentTimeMillis() {
        return System.currentTimeMillis() + skippedNanos.get() / 1_000_000L;
    }

    /** Time since this clock was made, waits included: what a user would have waited. */
    public long elapsedMillis() {
        return (nanoTime() - startNanos) / 1_000_000L;
    }
}
