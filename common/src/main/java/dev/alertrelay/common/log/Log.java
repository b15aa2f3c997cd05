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

    public static void info(String message) {
        write(LogLevel.INFO, message);
    }

    public static void warn(String message) {
        write(LogLevel.WARN, message);
    }

    public static void error(String message) {
        write(LogLevel.ERROR, message);
    }

    private static void write(LogLevel level, String message) {
        String oneLine = message == null ? "" : message.replace("\r", "\\r").replace("\n", "\\n");
        if (IN_LAMBDA) {
            LambdaRuntime.getLogger().log(oneLine, level);
        } else {
            System.err.println(level + " " + oneLine);
        }
    }
}
