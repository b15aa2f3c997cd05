package dev.alertrelay.common.testing;

import dev.alertrelay.common.testing.RecordingHttpServer.Answer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Runs one invocation against a receiver that misbehaves, and reports what a user and Lambda would see: whether the
 * invocation failed (so Lambda retries it), with what error, after how many attempts and how long.
 */
public final class FaultInjection {

    /** The deadline every fault scenario's invocation gets, as a Lambda context would give it. */
    public static final int DEADLINE_MILLIS = 8_000;

    /** What an invocation did. */
    public record Outcome(boolean failed, String error, int attempts, long millis) {
    }

    /** The receiver's faults, each as a script of answers for the local server. */
    public enum Fault {
        RATE_LIMITED_WITH_RETRY_AFTER(Answer.withHeader(429, "rate_limited", "Retry-After", "1")),
        RATE_LIMITED_WITHOUT_RETRY_AFTER(Answer.of(429, "rate_limited")),
        RETRY_AFTER_PAST_THE_DEADLINE(Answer.withHeader(429, "rate_limited", "Retry-After", "60")),
        ONE_SERVER_ERROR(Answer.of(500, "internal error")),
        PERSISTENT_SERVER_ERRORS(Answer.of(500, "internal error")),
        NEVER_ANSWERS(Answer.neverAnswer());

        private final Answer answer;

        Fault(Answer answer) {
            this.answer = answer;
        }

        /** Sets the fault up on {@code server}: once, then healthy; or for good. */
        public void applyTo(RecordingHttpServer server) {
            switch (this) {
                case PERSISTENT_SERVER_ERRORS, NEVER_ANSWERS, RETRY_AFTER_PAST_THE_DEADLINE ->
                        server.answerByDefault(answer);
                default -> server.thenAnswer(answer);
            }
        }
    }

    private FaultInjection() {
    }

    /**
     * Runs {@code invocation}, catching what Lambda would see as a failed invocation; its time is measured on
     * {@code clock}, the clock the invocation's context runs on (waits included, though they pass at once).
     */
    public static Outcome run(RecordingHttpServer server, VirtualClock clock, Runnable invocation) {
        long start = clock.elapsedMillis();
        try {
            invocation.run();
            return new Outcome(false, null, server.requests().size(), clock.elapsedMillis() - start);
        } catch (RuntimeException e) {
            return new Outcome(true, e.getMessage(), server.requests().size(), clock.elapsedMillis() - start);
        }
    }

    /** A loopback URL nothing listens on: connections are refused at once. */
    public static String refusedUrl(String path) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + path;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
