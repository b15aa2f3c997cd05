package dev.alertrelay.common.testing;

import dev.alertrelay.common.http.InvocationClock;

/**
 * Real time in which a wait only yields: for races between invocations on threads, where the other thread's progress
 * takes the real time it takes and a poll must not sleep the test.
 */
public final class YieldingClock implements InvocationClock {

    public static final YieldingClock INSTANCE = new YieldingClock();

    private YieldingClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(long millis) {
        Thread.yield();
    }
}
