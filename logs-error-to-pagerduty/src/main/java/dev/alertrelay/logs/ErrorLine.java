package dev.alertrelay.logs;

/**
 * One log event read as an error report, whatever format it was written in.
 *
 * @param level     the level the line declares, or null if it declares none
 * @param title     the first line of the message without its timestamp, request id, thread and level prefix
 * @param exception the exception line below the title ({@code java.lang.IllegalStateException: card declined}) when the
 *                  title is a log message and the exception follows in a stack trace; null otherwise
 * @param text      the whole message, stack trace included (for JSON logs rebuilt from message, errorType, errorMessage
 *                  and stackTrace)
 * @param requestId the request id a JSON log line carries, or null
 * @param service   the service a JSON log line names (Powertools' {@code service}), or null
 */
record ErrorLine(LogLevel level, String title, String exception, String text, String requestId, String service) {

    /** What identifies the error: the title, and the exception below it if there is one. */
    String headline() {
        return exception == null ? title : title + " \u2014 " + exception;
    }

    /** The exception class the headline names ({@code java.lang.IllegalStateException}), or null. */
    String exceptionClass() {
        String fromException = exception == null ? null : ErrorLineParser.exceptionClassOf(exception);
        return fromException != null ? fromException : ErrorLineParser.exceptionClassIn(title);
    }
}
