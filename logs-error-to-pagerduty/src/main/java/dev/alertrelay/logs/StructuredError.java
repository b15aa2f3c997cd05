package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The error a structured log line carries, wherever its logger put it:
 * <ul>
 *   <li>Lambda's error records ({@code errorType}, {@code errorMessage}, {@code stackTrace} or {@code stack}), with
 *       the Java runtime's {@code cause} chain, Ruby's {@code Init<LoadError>} and the runtimes' {@code Runtime.*}
 *       wrappers read as the error they wrap ({@link RuntimeErrors});</li>
 *   <li>Powertools for Python ({@code exception_name}, {@code exception}: a traceback), python-json-logger
 *       ({@code exc_info}), structlog ({@code exception} as a traceback or as {@code dict_tracebacks}' list of
 *       {@code exc_type}, {@code exc_value}, {@code frames});</li>
 *   <li>an error object under {@code error}, {@code err}, {@code exception}, {@code cause}, {@code thrown} or
 *       {@code exc} (pino and bunyan's {@code err}, Powertools for Java and TypeScript, winston's metadata, log4j2's
 *       JsonLayout, ECS written nested) with {@code type}/{@code name}/{@code kind}, {@code message}, {@code stack} or
 *       {@code stack_trace}; and, when no such key holds one, an error object under any other key (Powertools for
 *       TypeScript logs {@code logger.error('msg', { myKey: error })} as {@code myKey});</li>
 *   <li>flat dotted keys: ECS ({@code error.type}, {@code error.message}, {@code error.stack_trace}) and Datadog
 *       ({@code error.kind}, {@code error.message}, {@code error.stack});</li>
 *   <li>a bare trace: logstash-logback-encoder's {@code stack_trace}, winston's {@code stack}, Serilog's compact
 *       {@code @x}: its first line names the exception.</li>
 * </ul>
 *
 * @param type    the exception class, or null when only a trace or a message is known
 * @param message the exception's message, or ""
 * @param stack   the stack trace as text, or null
 */
record StructuredError(String type, String message, String stack) {

    private static final String[] ERROR_KEYS = {"error", "err", "exception", "cause", "thrown", "exc"};
    private static final String[] TYPE_KEYS = {"type", "name", "kind", "errorType", "class", "exception_class", "exc_type"};
    private static final String[] MESSAGE_KEYS = {"message", "errorMessage", "msg", "localizedMessage", "exc_value"};
    private static final String[] STACK_KEYS = {"stack", "stack_trace", "stackTrace", "extendedStackTrace", "trace", "frames"};
    /** Keys searched for an error object under an unconventional name; a line has few, a hostile one is cut here. */
    private static final int KEYS_SEARCHED = 64;
    /** Lambda's Java runtime wraps what a static initialiser or reflection threw; the cause is the real error. */
    private static final Set<String> WRAPPER_TYPES = Set.of("java.lang.ExceptionInInitializerError",
            "java.lang.reflect.InvocationTargetException", "java.lang.reflect.UndeclaredThrowableException",
            "java.util.concurrent.CompletionException", "java.util.concurrent.ExecutionException");
    private static final int CAUSES_FOLLOWED = 8;

    /** {@code type: message}, or whichever of the two is known; null when neither is. */
    String line() {
        if (type == null) {
            return message.isEmpty() ? null : message;
        }
        return message.isEmpty() ? type : type + ": " + message;
    }

    static StructuredError in(JsonObject json) {
        if (Json.string(json, "errorType") != null) {
            return lambdaRecord(json);
        }
        String exceptionName = Json.string(json, "exception_name");
        String traceback = firstString(json, "exception", "exc_info");
        if (exceptionName != null || traceback != null) {
            return pythonTraceback(exceptionName, traceback);
        }
        if (json.get("exception") instanceof JsonArray stacks && !stacks.isEmpty() && stacks.get(0) instanceof JsonObject first) {
            StructuredError structlog = errorObject(first);
            if (structlog != null) {
                return structlog;
            }
        }
        for (String key : ERROR_KEYS) {
            if (json.get(key) instanceof JsonObject object) {
                StructuredError error = errorObject(object);
                if (error != null) {
                    return error;
                }
            }
        }
        String flatType = firstString(json, "error.type", "error.kind");
        String flatMessage = firstString(json, "error.message");
        if (flatType != null || flatMessage != null) {
            return new StructuredError(flatType, flatMessage == null ? "" : flatMessage.strip(), stackOf(json, "error.stack_trace", "error.stack"));
        }
        String trace = stackOf(json, "stack_trace", "stackTrace", "stack", "@x");
        if (trace != null) {
            return fromTrace(trace);
        }
        return errorUnderAnyKey(json);
    }

    private static StructuredError lambdaRecord(JsonObject json) {
        JsonObject record = json;
        for (int depth = 0; depth < CAUSES_FOLLOWED && WRAPPER_TYPES.contains(Json.string(record, "errorType"))
                && record.get("cause") instanceof JsonObject cause && Json.string(cause, "errorType") != null; depth++) {
            record = cause;
        }
        return RuntimeErrors.unwrap(Json.string(record, "errorType").strip(), Json.string(record, "errorMessage", "").strip(),
                stackOf(record, "stackTrace", "stack", "trace"));
    }

    private static StructuredError pythonTraceback(String exceptionName, String traceback) {
        String last = traceback == null ? null : exceptionLineAtEnd(traceback);
        String type = last == null ? null : ErrorLineParser.exceptionClassOf(last);
        if (type != null && (exceptionName == null || type.equals(exceptionName) || type.endsWith("." + exceptionName))) {
            return new StructuredError(type, last.substring(type.length() + 1).strip(), traceback.stripTrailing());
        }
        return new StructuredError(exceptionName, "", traceback == null ? null : traceback.stripTrailing());
    }

    /** An object with a type or message and, to tell it from any other object with a message, a type or a stack. */
    private static StructuredError errorObject(JsonObject object) {
        String type = firstString(object, TYPE_KEYS);
        String message = firstString(object, MESSAGE_KEYS);
        String stack = stackOf(object, STACK_KEYS);
        if (type == null && message == null) {
            return stack == null ? null : fromTrace(stack);
        }
        return RuntimeErrors.unwrap(type == null ? null : type.strip(), message == null ? "" : message.strip(), stack);
    }

    private static StructuredError errorUnderAnyKey(JsonObject json) {
        int searched = 0;
        for (Map.Entry<String, JsonElement> entry : json.entrySet()) {
            if (++searched > KEYS_SEARCHED) {
                break;
            }
            if (entry.getValue() instanceof JsonObject object && looksLikeAnError(object)) {
                return errorObject(object);
            }
        }
        return null;
    }

    private static boolean looksLikeAnError(JsonObject object) {
        String type = firstString(object, "name", "type");
        boolean named = type != null && ErrorLineParser.exceptionClassOf(type) != null;
        return firstString(object, "message") != null && (named || stackOf(object, "stack", "stack_trace") != null);
    }

    /** A trace whose first line names the exception ({@code java.lang.IllegalStateException: ...}), or just a trace. */
    private static StructuredError fromTrace(String trace) {
        int newline = trace.indexOf('\n');
        String first = (newline < 0 ? trace : trace.substring(0, newline)).strip();
        String type = ErrorLineParser.exceptionClassOf(first);
        if (type == null) {
            return new StructuredError(null, "", trace);
        }
        String rest = first.substring(type.length());
        return new StructuredError(type, rest.startsWith(":") ? rest.substring(1).strip() : rest.strip(), trace);
    }

    /** Python puts the exception last: {@code KeyError: 'total'} below the frames. */
    private static String exceptionLineAtEnd(String traceback) {
        List<String> lines = traceback.strip().lines().toList();
        for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - 3; i--) {
            String line = lines.get(i).strip();
            String type = ErrorLineParser.exceptionClassOf(line);
            if (type != null && line.length() > type.length()) {
                return line;
            }
        }
        return null;
    }

    /** A trace as an array of frames or as one string; frames that are objects (log4j2's, structlog's) as their JSON. */
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

    private static String firstString(JsonObject json, String... keys) {
        for (String key : keys) {
            String value = Json.string(json, key);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
