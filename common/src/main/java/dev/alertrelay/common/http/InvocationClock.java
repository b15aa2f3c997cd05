package dev.alertrelay.common.http;

/**
 * The time an invocation runs on: how much of it is left, how a wait before a retry passes, and what time it is. The system clock in
 * Lambda; a test gives a clock whose waits pass at once, so that a contract about back-off and Retry-After takes
 * milliseconds instead of seconds while every network timeout still runs for real.
 */
public interface InvocationClock {

    InvocationClock SYSTEM = new InvocationClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    long nanoTime();

    void sleep(long millis) throws InterruptedException;

    /** Wall-clock time for timestamps and record expiries; a test clock adds the waits it skipped. */
    default long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /** A Lambda context that brings its own clock (tests); {@link Deadline#of} uses it. */
    interface Source {
        InvocationClock clock();
    }
}
