package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a log event's message as an {@link ErrorLine}. Understands:
 * <ul>
 *   <li>plain text with the usual prefixes: Lambda's {@code 2026-11-21T03:04:05.123Z <request id> ERROR message},
 *       Python's {@code [ERROR] <time> <request id> message}, log4j/logback's {@code <time> [thread] ERROR logger - message};</li>
 *   <li>multi-line Java, Python and Node stack traces in one event: the first exception line below the message is kept;</li>
 *   <li>JSON lines: {@code {"level":"ERROR","message":...}}, Lambda's JSON log format ({@code timestamp, level, message,
 *       logger, requestId}) and Lambda's error records ({@code errorType, errorMessage, stackTrace}), including
 *       Node's {@code Invoke Error} line that carries one.</li>
 * </ul>
 */
final class ErrorLineParser {

    /** Prefix tokens looked at for a level; a message's own words come after these. */
    private static final int PREFIX_TOKENS = 8;
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
            return fromJson(json, null);
        }
        return fromText(trimmed);
    }

    private static ErrorLine fromText(String text) {
        int newline = text.indexOf('\n');
        String firstLine = stripCr(newline < 0 ? text : text.substring(0, newline));
        Prefix prefix = Prefix.of(firstLine);
        String title = firstLine.substring(prefix.end).strip();
        int embeddedJson = title.startsWith("Invoke Error") ? title.indexOf('{') : -1;
        if (embeddedJson > 0 && Json.tryParse(title.substring(embeddedJson)) instanceof JsonObject record) {
            return fromJson(record, prefix.level);
        }
        if (title.isEmpty()) {
            title = firstLine.strip();
        }
        String exception = exceptionClassOf(title) == null && newline >= 0 ? exceptionLineBelow(text, newline + 1) : null;
        String body = prefix.end == 0 ? text : title + text.substring(firstLine.length());
        return new ErrorLine(prefix.level, title, exception, body, null, null);
    }

    private static ErrorLine fromJson(JsonObject json, LogLevel outerLevel) {
        LogLevel level = outerLevel != null ? outerLevel
                : LogLevel.of(firstString(json, "level", "severity", "levelname", "log.level", "loglevel"));
        JsonObject structured = json.get("message") instanceof JsonObject object ? object : null;
        Thrown thrown = Thrown.in(json);
        if (thrown == null && structured != null) {
            thrown = Thrown.in(structured);
        }
        String message = firstString(json, "message", "msg");
        if (message == null && structured != null) {
            message = firstString(structured, "message", "msg");
            if (message == null && thrown == null) {
                message = readable(structured);
            }
        }
        if (level == null && thrown != null) {
            level = LogLevel.ERROR;
        }
        String errorLine = thrown == null ? null : thrown.line();
        StringBuilder text = new StringBuilder();
        String title;
        String exception;
        if (message == null || message.isBlank()) {
            title = errorLine != null ? errorLine : readable(json);
            exception = null;
            text.append(title);
        } else {
            String stripped = message.strip();
            int newline = stripped.indexOf('\n');
            String firstLine = stripCr(newline < 0 ? stripped : stripped.substring(0, newline));
            Prefix prefix = Prefix.of(firstLine);
            title = firstLine.substring(prefix.end).strip();
            if (title.isEmpty()) {
                title = firstLine.strip();
            }
            text.append(stripped);
            if (errorLine != null && !stripped.contains(errorLine)) {
                exception = errorLine;
                text.append('\n').append(errorLine);
            } else {
                exception = exceptionClassOf(title) == null && newline >= 0 ? exceptionLineBelow(stripped, newline + 1) : null;
            }
        }
        if (thrown != null && thrown.stack() != null) {
            text.append('\n').append(thrown.stack());
        }
        String requestId = firstString(json, "requestId", "AWSRequestId", "aws_request_id", "request_id", "awsRequestId");
        return new ErrorLine(level, title, exception, text.toString(), requestId,
                firstString(json, "service", "service.name", "serviceName"));
    }

    /**
     * The exception a structured log line carries, in the field names each logger uses: Lambda's JSON log format and
     * its uncaught-error records ({@code errorType}, {@code errorMessage}, {@code stackTrace}); Powertools for Python
     * ({@code exception_name}, {@code exception}, a traceback); Powertools for Java and TypeScript, pino and bunyan
     * ({@code error} or {@code err} with {@code name}/{@code type}, {@code message}, {@code stack}); log4j2's
     * JsonLayout ({@code thrown} with {@code name}, {@code message}); Elastic Common Schema layouts
     * ({@code error.type}, {@code error.message}, {@code error.stack_trace}); logstash-logback-encoder
     * ({@code stack_trace}, whose first line is the exception).
     *
     * @param type    the exception class, or null when only a trace is known
     * @param message the exception's message, or ""
     * @param stack   the stack trace as text, or null
     */
    private record Thrown(String type, String message, String stack) {

        String line() {
            if (type == null) {
                return message.isEmpty() ? null : message;
            }
            return message.isEmpty() ? type : type + ": " + message;
        }

        static Thrown in(JsonObject json) {
            String lambdaType = firstString(json, "errorType");
            if (lambdaType != null) {
                return new Thrown(lambdaType, Json.string(json, "errorMessage", "").strip(), stackOf(json, "stackTrace", "stack"));
            }
            String exceptionName = firstString(json, "exception_name");
            String traceback = firstString(json, "exception");
            if (exceptionName != null || traceback != null) {
                String last = traceback == null ? null : exceptionLineAtEnd(traceback);
                String type = last == null ? null : exceptionClassOf(last);
                if (type != null && (exceptionName == null || type.equals(exceptionName) || type.endsWith("." + exceptionName))) {
                    return new Thrown(type, last.substring(type.length() + 1).strip(), traceback.stripTrailing());
                }
                return new Thrown(exceptionName, "", traceback == null ? null : traceback.stripTrailing());
            }
            for (String key : new String[] {"error", "err", "thrown", "exception"}) {
                if (json.get(key) instanceof JsonObject error) {
                    String type = firstString(error, "type", "name", "errorType", "class", "exception_class");
                    String message = firstString(error, "message", "errorMessage", "localizedMessage");
                    if (type != null || message != null) {
                        return new Thrown(type, message == null ? "" : message.strip(),
                                stackOf(error, "stack", "stack_trace", "stackTrace", "extendedStackTrace"));
                    }
                }
            }
            String ecsType = firstString(json, "error.type");
            String ecsMessage = firstString(json, "error.message");
            if (ecsType != null || ecsMessage != null) {
                return new Thrown(ecsType, ecsMessage == null ? "" : ecsMessage.strip(), stackOf(json, "error.stack_trace"));
            }
            String trace = stackOf(json, "stack_trace", "stackTrace", "stack");
            if (trace != null) {
                String first = stripCr(trace.lines().findFirst().orElse("")).strip();
                String type = exceptionClassOf(first);
                if (type == null) {
                    return new Thrown(null, "", trace);
                }
                String rest = first.substring(type.length());
                return new Thrown(type, rest.startsWith(":") ? rest.substring(1).strip() : rest.strip(), trace);
            }
            return null;
        }

        /** A trace as an array of frames or as one string; frames that are objects (log4j2's) as their JSON. */
        private static String stackOf(JsonObject json, String... keys) {
            for (String key : keys) {
                JsonElement value = json.get(key);
                if (value instanceof JsonArray frames) {
                    StringBuilder text = new StringBuilder();
                    for (JsonElement frame : frames) {
                        if (!text.isEmpty()) {
                            text.append('\n');
                        }
                        text.append(frame.isJsonPrimitive() ? frame.getAsString().stripTrailing() : Json.toJson(frame));
                    }
                    if (!text.isEmpty()) {
                        return text.toString();
                    }
                }
                String trace = Json.string(json, key);
                if (trace != null && !trace.isBlank()) {
                    return trace.stripTrailing();
                }
            }
            return null;
        }

        /** Python puts the exception last: {@code KeyError: 'total'} below the frames. */
        private static String exceptionLineAtEnd(String traceback) {
            List<String> lines = traceback.strip().lines().toList();
            for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - 3; i--) {
                String line = lines.get(i).strip();
                String type = exceptionClassOf(line);
                if (type != null && line.length() > type.length()) {
                    return line;
                }
            }
            return null;
        }
    }

    private static final Set<String> BOOKKEEPING_FIELDS = Set.of("timestamp", "time", "@timestamp", "level", "severity",
            "levelname", "log.level", "loglevel", "requestId", "AWSRequestId", "aws_request_id", "request_id", "xray_trace_id",
            "traceId", "logger", "logger_name", "loggerName", "thread", "thread_name", "location", "service", "cold_start",
            "function_name", "function_arn", "function_memory_size", "function_request_id", "sampling_rate");

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

    /** The leading timestamp / request id / [thread] / level / pid tokens of a plain line, and the level among them. */
    private record Prefix(int end, LogLevel level) {

        static Prefix of(String line) {
            int i = 0;
            int n = line.length();
            int end = 0;
            LogLevel level = null;
            for (int token = 0; token < PREFIX_TOKENS; token++) {
                while (i < n && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                int start = i;
                while (i < n && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (start == i) {
                    break;
                }
                String word = line.substring(start, i);
                LogLevel named = level == null ? levelOf(word) : null;
                if (named != null) {
                    level = named;
                } else if (!isPrefixNoise(word, level != null)) {
                    break;
                }
                end = i;
            }
            return new Prefix(end, level);
        }

        /** ERROR, [ERROR], ERROR:, <ERROR> */
        private static LogLevel levelOf(String word) {
            String bare = word;
            if (bare.length() > 2 && (bare.charAt(0) == '[' || bare.charAt(0) == '<')) {
                bare = bare.substring(1, bare.length() - 1);
            }
            if (bare.endsWith(":")) {
                bare = bare.substring(0, bare.length() - 1);
            }
            return LogLevel.of(bare);
        }

        /**
         * Timestamps, dates and times, request ids (UUIDs), [thread] names and separators; a bare number only after the
         * level (Spring Boot's pid), so a message starting "404 Not Found" keeps its number.
         */
        private static boolean isPrefixNoise(String word, boolean afterLevel) {
            char first = word.charAt(0);
            if (first == '[' && word.charAt(word.length() - 1) == ']') {
                return true;
            }
            if (word.equals("-") || word.equals("---") || word.equals("|")) {
                return true;
            }
            boolean uuid = word.length() == 36 && word.charAt(8) == '-' && word.charAt(13) == '-';
            if (!uuid && !(first >= '0' && first <= '9')) {
                return false;
            }
            boolean digitsOnly = true;
            boolean dateOrTimeSeparator = false;
            for (int k = 0; k < word.length(); k++) {
                char c = word.charAt(k);
                if (!(Character.isLetterOrDigit(c) || c == ':' || c == '.' || c == ',' || c == '-' || c == '+' || c == '/')) {
                    return false;
                }
                digitsOnly &= c >= '0' && c <= '9';
                dateOrTimeSeparator |= c == ':' || c == '-' || c == '/';
            }
            return uuid || (dateOrTimeSeparator && word.length() >= 8) || (digitsOnly && afterLevel);
        }
    }
}
