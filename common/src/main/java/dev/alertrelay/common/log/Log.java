package dev.alertrelay.common.log;

import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;

/**
 * One-line logging. In Lambda it goes through the runtime's logger (so the function's JSON log format applies);
 * elsewhere, to stderr, which keeps stdout free for the local runner's dry-run payloads.
 */
public final class Log {

    private static final boolean IN_LAMBDA = System.getenv("AWS_LAMBDA_RUNTIME_API") != null;

    private Log() {
    }

    /** Longer lines are cut: an event's text (a 100,000-char alarm name) must not flood the log. */
    static final int MAX_LINE = 4_000;

    public static void info(String message) {
        write(LogLevel.INFO, message);
    }

    public static void warn(String message) {
        write(LogLevel.WARN, message);
    }

    public static void error(String message) {
        write(LogLevel.ERROR, message);
    }

    /** Set on the thread that primes SnapStart: its handler path runs on a sample and must not log "sent". */
    private static final ThreadLocal<Boolean> QUIET = ThreadLocal.withInitial(() -> false);

    /** Runs {@code work} with this thread's log lines dropped (SnapStart priming, where nothing is really sent). */
    public static void quietly(Runnable work) {
        QUIET.set(true);
        try {
            work.run();
        } finally {
            QUIET.set(false);
        }
    }

    private static void write(LogLevel level, String message) {
        if (QUIET.get()) {
            return;
        }
        String oneLine = oneLine(message);
        if (IN_LAMBDA) {
            LambdaRuntime.getLogger().log(oneLine, level);
        } else {
            System.err.println(level + " " + oneLine);
        }
    }

    /**
     * One line, at most {@link #MAX_LINE} chars: newlines and other control characters from event text are written as
     * escapes, so a log line cannot be split, forged or turned into terminal control sequences.
     */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_LINE) + 16);
        int i = 0;
        for (; i < message.length() && out.length() < MAX_LINE; i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append('\t');
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append("\\u").append(Integer.toHexString(c | 0x10000), 1, 5);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (i < message.length()) {
            out.append("\u2026 (cut)");
        }
        return out.toString();
    }
}
