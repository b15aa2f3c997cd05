package dev.alertrelay.logs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.util.Map;
import java.util.Set;

/**
 * Reads a log event's message as an {@link ErrorLine}. Understands:
 * <ul>
 *   <li>plain text with the prefixes {@link TextPrefix} reads (Lambda's, Python's, log4j/logback's, PostgreSQL's,
 *       MySQL's, nginx's, syslog's, logfmt);</li>
 *   <li>multi-line Java, Python and Node stack traces in one event: the first exception line below the message is kept;</li>
 *   <li>JSON lines: the level wherever {@link LogLevel#in} finds it, the message under {@code message}, {@code msg},
 *       {@code @m}/{@code @mt} (Serilog), {@code event} (structlog) or {@code body} (OpenTelemetry), and the error
 *       wherever {@link StructuredError} finds it;</li>
 *   <li>the runtimes' labelled error records: Node's {@code Invoke Error}, {@code Uncaught Exception} and
 *       {@code Unhandled Promise Rejection}, Ruby's {@code Init error when loading handler} and
 *       {@code Critical exception from handler}, each followed by the record's JSON on the same or the next lines.</li>
 * </ul>
 * A line whose message is only its error's message reads as that error ({@code TypeError: x}), however it was
 * logged, so the same error fingerprints alike as a text stack trace, a pino {@code err} or a Lambda error record.
 */
final class ErrorLineParser {

    /** A runtime's label before an error record ("Invoke Error", "Init error when loading handler app.handler") is short. */
    private static final int RECORD_LABEL_CHARS = 120;
    /** How far into a message an error line or stack is looked for (see {@link #mentions}). */
    private static final int MENTION_SEARCH_CHARS = 8192;
    /** What the .NET host writes before the exception that ends a process. */
    private static final String DOTNET_UNHANDLED = "Unhandled exception. ";
    /** Stack trace lines searched for the exception line (Python puts it last, Java first). */
    private static final int EXCEPTION_SEARCH_LINES = 200;
    /** How far into a title an exception class is looked for: the headline kept is shorter still. */
    private static final int CLASS_SEARCH_CHARS = 4096;

    private ErrorLineParser() {
    }

    static ErrorLine parse(String message) {
        String trimmed = message == null ? "" : message.strip();
        if (trimmed.length() > 1 && trimmed.charAt(0) == '{' && trimmed.charAt(trimmed.length() - 1) == '}'
                && Json.tryParse(trimmed) instanceof JsonObject json) {
            return fromJson(json, null, null);
        }
        return fromText(trimmed);
    }

    private static ErrorLine fromText(String text) {
        int newline = text.indexOf('\n');
        String firstLine = stripCr(newline < 0 ? text : text.substring(0, newline));
        TextPrefix prefix = TextPrefix.of(firstLine);
        JsonObject record = labelledErrorRecord(text, prefix.end());
        if (record != null) {
            return fromJson(record, prefix.level(), prefix.requestId());
        }
        String title = firstLine.substring(prefix.end()).strip();
        if (title.isEmpty()) {
            title = firstLine.strip();
        }
        if (title.startsWith(DOTNET_UNHANDLED) && exceptionClassOf(title.substring(DOTNET_UNHANDLED.length())) != null) {
            title = title.substring(DOTNET_UNHANDLED.length());
        }
        String wrapper = exceptionClassOf(title);
        if (wrapper != null && wrapper.startsWith("Runtime.") && title.length() > wrapper.length()) {
            String unwrapped = RuntimeErrors.unwrap(wrapper, title.substring(wrapper.length() + 1).strip(), null).line();
            title = unwrapped == null ? title : unwrapped;
            wrapper = exceptionClassOf(title);
        }
        if (prefix.end() > 0 && title.startsWith("\"") && firstLine.charAt(prefix.end() - 1) == '=') {
            title = withoutLogfmtQuotes(title);
        }
        String exception = wrapper == null && newline >= 0 ? exceptionLineBelow(text, newline + 1) : null;
        if (exception != null && title.endsWith(": " + exceptionClassOf(exception))) {
            title = exception; // Java's runtime: "Class not found: x.Handler: java.lang.ClassNotFoundException", then the exception
            exception = null;
        }
        String body = prefix.end() == 0 ? text : title + text.substring(firstLine.length());
        return new ErrorLine(prefix.level(), title, exception, body, prefix.requestId(), null);
    }

    /** logfmt's {@code msg="failed to flush orders" error="..."}: the message without its quotes and escapes. */
    private static String withoutLogfmtQuotes(String title) {
        StringBuilder message = new StringBuilder(title.length());
        int i = 1;
        while (i < title.length() && title.charAt(i) != '"') {
            if (title.charAt(i) == '\\' && i + 1 < title.length()) {
                i++;
            }
            message.append(title.charAt(i));
            i++;
        }
        return i >= title.length() ? title : (message + title.substring(i + 1)).strip();
    }

    /**
     * The JSON error record after a runtime's short label, on the label's line or the lines below it, or null: one
     * parse, tried only when the text after the label is a whole object that names an error.
     */
    private static JsonObject labelledErrorRecord(String text, int from) {
        int brace = text.indexOf('{', from);
        if (brace < 0 || brace - from > RECORD_LABEL_CHARS || text.charAt(text.length() - 1) != '}') {
            return null;
        }
        String label = text.substring(from, brace).strip();
        if (label.isEmpty() || label.indexOf('{') >= 0) {
            return null;
        }
        return Json.tryParse(text.substring(brace)) instanceof JsonObject record
                && (record.has("errorType") || record.has("errorMessage")) ? record : null;
    }

    private static ErrorLine fromJson(JsonObject json, LogLevel outerLevel, String outerRequestId) {
        LogLevel level = outerLevel != null ? outerLevel : LogLevel.in(json);
        JsonObject structured = json.get("message") instanceof JsonObject object ? object : null;
        StructuredError thrown = StructuredError.in(json);
        if (thrown == null && structured != null) {
            thrown = StructuredError.in(structured);
        }
        String message = firstString(json, "message", "msg", "@m", "@mt", "event", "RenderedMessage", "MessageTemplate", "body");
        if (message == null && structured != null) {
            message = firstString(structured, "message", "msg");
            if (message == null && thrown == null) {
                message = readable(structured);
            }
        }
        if (level == null && thrown != null) {
            level = LogLevel.ERROR;
        }
        if (level == null && json.has("@t") && (json.has("@m") || json.has("@mt"))) {
            level = LogLevel.INFO; // Serilog's compact format leaves @l out for Information, and only then
        }
        String errorLine = thrown == null ? null : thrown.line();
        String stack = thrown == null ? null : thrown.stack();
        StringBuilder text = new StringBuilder();
        String title;
        String exception = null;
        if (message == null || message.isBlank() || (errorLine != null && isOnlyTheErrorsMessage(message.strip(), thrown))) {
            title = errorLine != null ? errorLine : readable(json);
            text.append(title);
        } else {
            String stripped = message.strip();
            int newline = stripped.indexOf('\n');
            String firstLine = stripCr(newline < 0 ? stripped : stripped.substring(0, newline));
            title = firstLine.substring(TextPrefix.of(firstLine).end()).strip();
            if (title.isEmpty()) {
                title = firstLine.strip();
            }
            text.append(stripped);
            if (errorLine != null && !mentions(stripped, errorLine)) {
                exception = errorLine;
                if (!startsWithLine(stack, errorLine)) {
                    text.append('\n').append(errorLine);
                }
            } else {
                exception = exceptionClassOf(title) == null && newline >= 0 ? exceptionLineBelow(stripped, newline + 1) : null;
            }
        }
        if (stack != null && !mentions(text.toString(), stack)) {
            if (startsWithLine(stack, title) && text.toString().equals(title)) {
                text.setLength(0);
                text.append(stack);
            } else {
                text.append('\n').append(stack);
            }
        }
        String requestId = firstString(json, "requestId", "AWSRequestId", "aws_request_id", "request_id", "awsRequestId",
                "function_request_id");
        return new ErrorLine(level, title, exception, text.toString(), requestId != null ? requestId : outerRequestId,
                firstString(json, "service", "service.name", "serviceName"));
    }

    /** pino's {@code logger.error(err)} logs the error's message as the line's; so do Lambda's runtimes, after a label. */
    private static boolean isOnlyTheErrorsMessage(String message, StructuredError thrown) {
        String line = thrown.line();
        return message.equals(line) || (!thrown.message().isEmpty() && message.endsWith(thrown.message())
                && message.length() - thrown.message().length() <= RECORD_LABEL_CHARS);
    }

    /**
     * Whether {@code text} already holds {@code part}: searched only where a logger puts it (the text's first
     * {@link #MENTION_SEARCH_CHARS} characters, or its end), so two long hostile strings cannot make it quadratic.
     */
    private static boolean mentions(String text, String part) {
        if (text.endsWith(part)) {
            return true;
        }
        if (part.length() > MENTION_SEARCH_CHARS / 4) {
            return text.startsWith(part);
        }
        return text.substring(0, Math.min(text.length(), MENTION_SEARCH_CHARS)).contains(part);
    }

    /** Whether a stack trace's first line is the error line already shown (Node and Python traces repeat it). */
    private static boolean startsWithLine(String stack, String line) {
        if (stack == null || line == null) {
            return false;
        }
        int newline = stack.indexOf('\n');
        return stripCr(newline < 0 ? stack : stack.substring(0, newline)).strip().equals(line.strip());
    }

    private static final Set<String> BOOKKEEPING_FIELDS = Set.of("timestamp", "time", "@timestamp", "@t", "level", "severity",
            "levelname", "log.level", "loglevel", "lvl", "status", "@l", "requestId", "AWSRequestId", "aws_request_id",
            "request_id", "xray_trace_id", "traceId", "logger", "logger_name", "loggerName", "thread", "thread_name",
            "location", "service", "cold_start", "function_name", "function_arn", "function_memory_size",
            "function_request_id", "sampling_rate", "pid", "hostname", "v", "ts");

    /**
     * A JSON object a person can read in a summary: {@code key: value} pairs without the bookkeeping fields (time,
     * level, request id), nested values as compact JSON. Used when a line logs an object and no message.
     */
    private static String readable(JsonObject json) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            JsonElement value = entry.getValue();
            if (BOOKKEEPING_FIELDS.contains(entry.getKey()) || value.isJsonNull()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(entry.getKey()).append(": ").append(value.isJsonPrimitive() ? value.getAsString() : Json.toJson(value));
        }
        return text.isEmpty() ? "(a JSON log line without a message)" : text.toString();
    }

    /** The first line below {@code from} that starts with an exception class, as in a Java, Python or Node trace. */
    private static String exceptionLineBelow(String text, int from) {
        int start = from;
        for (int line = 0; line < EXCEPTION_SEARCH_LINES && start < text.length(); line++) {
            int end = text.indexOf('\n', start);
            String candidate = stripCr(end < 0 ? text.substring(start) : text.substring(start, end)).strip();
            if (candidate.startsWith("Caused by: ")) {
                candidate = candidate.substring("Caused by: ".length());
            }
            if (exceptionClassOf(candidate) != null) {
                return candidate;
            }
            if (end < 0) {
                break;
            }
            start = end + 1;
        }
        return null;
    }

    /**
     * The exception class a line starts with ({@code java.lang.IllegalStateException: ...}, {@code KeyError: 'x'},
     * {@code TypeError: ...}), or null: an identifier, dots and $ allowed, ending in Exception, Error, Throwable or
     * Fault, followed by a colon or the end of the line.
     */
    static String exceptionClassOf(String line) {
        return exceptionClassAt(line, 0);
    }

    /** {@link #exceptionClassOf} for the part of {@code line} from {@code start}, without copying it. */
    private static String exceptionClassAt(String line, int start) {
        int end = start;
        int n = line.length();
        while (end < n) {
            char c = line.charAt(end);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '$' || c == '_')) {
                break;
            }
            end++;
        }
        if (end == start || (end < n && line.charAt(end) != ':') || !Character.isLetter(line.charAt(start))) {
            return null;
        }
        boolean named = line.startsWith("Exception", end - 9) || line.startsWith("Error", end - 5)
                || line.startsWith("Throwable", end - 9) || line.startsWith("Fault", end - 5);
        return named && end - start >= 5 ? line.substring(start, end) : null;
    }

    /**
     * The first exception class named in the first {@value #CLASS_SEARCH_CHARS} characters of a line, as in
     * {@code Exception in thread "main" java.lang.OutOfMemoryError: ...}. Each word is read once (a 1 MB line of short
     * words is one pass, not one copy of the rest per word).
     */
    static String exceptionClassIn(String line) {
        int limit = Math.min(line.length(), CLASS_SEARCH_CHARS);
        int start = 0;
        while (start < limit) {
            String found = exceptionClassAt(line, start);
            if (found != null) {
                return found;
            }
            int space = line.indexOf(' ', start);
            if (space < 0 || space >= limit) {
                return null;
            }
            start = space + 1;
        }
        return null;
    }

    private static String firstString(JsonObject json, String... keys) {
        for (String key : keys) {
            String value = Json.string(json, key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
