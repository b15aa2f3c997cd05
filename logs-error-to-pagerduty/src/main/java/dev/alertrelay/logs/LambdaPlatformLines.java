package dev.alertrelay.logs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.util.Map;

/**
 * Lines the Lambda service itself writes into a function's log group, told apart from what the function logged.
 * A subscription filter such as {@code ?ERROR ?Exception} lets them through whenever a request id or a report happens
 * to match, and a filter of "" lets all of them through; most are bookkeeping and must never page anyone.
 *
 * <p>Text format (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs-logformat.html):
 * {@code START RequestId: ...}, {@code END RequestId: ...}, {@code REPORT RequestId: ...\tDuration: ...},
 * {@code INIT_START Runtime Version: ...}, {@code INIT_REPORT Init Duration: ...}, {@code RESTORE_START},
 * {@code RESTORE_REPORT}, {@code EXTENSION Name: ...}, {@code TELEMETRY Name: ...}, {@code XRAY TraceId: ...}. JSON format: objects with
 * {@code time}, {@code type} {@code platform.*} and {@code record}.
 *
 * <p>Some of them do mean the invocation failed, and stay incidents under one fixed headline per kind of failure, so
 * the text line and the JSON record of the same failure, in any batch, fold into one incident:
 * {@code Task timed out after 3.00 seconds}, a REPORT or {@code platform.report}/{@code platform.runtimeDone} whose
 * status is {@code timeout}, {@code error} or {@code failure}, {@code Runtime exited with error: ...}, and
 * {@code Runtime.OutOfMemory}, {@code Unknown application error occurred} (Lambda's line when a runtime failed
 * without a reason) and aws-lambda-go's {@code calling the handler function resulted in a panic}. Each carries the
 * request id it names, so {@link ErrorIncidentFormatter} can fold it into the incident of the error that explains it.
 *
 * <p>The runtimes' boilerplate is routine too: the Python and Node.js runtimes' {@code LAMBDA_WARNING: Unhandled
 * exception. The most likely cause is an issue in the function code...} is the same for every unhandled exception of
 * every function (the exception itself is its own line), so it never opens an incident.
 */
final class LambdaPlatformLines {

    /** What a log line is, seen from the Lambda platform's side. */
    sealed interface Kind permits NotPlatform, Routine, Failure {
    }

    /** Written by the function: read it as a log line. */
    record NotPlatform() implements Kind {
    }

    /** Platform bookkeeping: never an incident. */
    record Routine(String type) implements Kind {
    }

    /**
     * The platform reporting a failed invocation or init; {@code headline} is fixed per kind of failure.
     *
     * @param requestId the invocation it names, or null (init failures and lines that name none)
     */
    record Failure(String headline, String requestId) implements Kind {
    }

    static final String TIMED_OUT = "Lambda: invocation timed out";
    static final String OUT_OF_MEMORY = "Lambda: out of memory (Runtime.OutOfMemory)";

    private static final NotPlatform NOT_PLATFORM = new NotPlatform();
    private static final String BOILERPLATE = "LAMBDA_WARNING: Unhandled exception.";
    /** Where the runtimes put the boilerplate: after a level, time and request id, or inside a JSON line's message. */
    private static final int BOILERPLATE_WITHIN_CHARS = 200;

    /** The first word of each platform line, and what follows it (tab or space separated). */
    private static final Map<String, String> TEXT_RECORDS = Map.ofEntries(
            Map.entry("START", "RequestId:"), Map.entry("END", "RequestId:"), Map.entry("REPORT", "RequestId:"),
            Map.entry("INIT_START", "Runtime Version:"), Map.entry("INIT_REPORT", "Init Duration:"),
            Map.entry("INIT_RUNTIME_DONE", ""), Map.entry("RESTORE_START", ""), Map.entry("RESTORE_REPORT", ""),
            Map.entry("RESTORE_RUNTIME_DONE", ""), Map.entry("EXTENSION", "Name:"), Map.entry("TELEMETRY", "Name:"),
            Map.entry("LOGS", "Name:"), Map.entry("XRAY", "TraceId:"));

    private LambdaPlatformLines() {
    }

    static Kind classify(String message) {
        String line = message == null ? "" : message.strip();
        if (line.startsWith("{") && line.contains("\"platform.")
                && Json.tryParse(line) instanceof JsonObject json && isPlatformType(Json.string(json, "type"))) {
            JsonObject record = Json.object(json, "record");
            return fromJsonRecord(Json.string(json, "type"), record, Json.string(record, "requestId"));
        }
        int boilerplate = line.indexOf(BOILERPLATE);
        if (boilerplate >= 0 && boilerplate < BOILERPLATE_WITHIN_CHARS) {
            return new Routine("LAMBDA_WARNING");
        }
        String requestId = requestIdOf(line);
        String afterPrefix = withoutTimestampAndRequestId(line);
        if (afterPrefix.startsWith("Task timed out after ")) {
            return new Failure(TIMED_OUT, requestId);
        }
        if (afterPrefix.startsWith("Runtime exited with error") || afterPrefix.startsWith("Runtime exited without providing a reason")) {
            return afterPrefix.contains("Runtime.OutOfMemory") ? new Failure(OUT_OF_MEMORY, requestId)
                    : new Failure("Lambda: " + firstLine(afterPrefix), requestId);
        }
        if (afterPrefix.startsWith("Unknown application error occurred")) {
            String type = secondLine(afterPrefix);
            return new Failure("Lambda: unknown application error" + (type.isEmpty() ? "" : " (" + type + ")"), requestId);
        }
        if (afterPrefix.startsWith("calling the handler function resulted in a panic")) {
            return new Failure("Lambda: the Go handler panicked", requestId);
        }
        int space = indexOfWhitespace(line);
        String first = space < 0 ? line : line.substring(0, space);
        String follows = TEXT_RECORDS.get(first);
        if (follows != null && (space < 0 ? follows.isEmpty() : line.substring(space).strip().startsWith(follows))) {
            return fromTextRecord(first, line, requestId);
        }
        return NOT_PLATFORM;
    }

    private static boolean isPlatformType(String type) {
        return type != null && type.startsWith("platform.");
    }

    /** REPORT and INIT_REPORT carry {@code Status: timeout|error|failure} and {@code Error Type: ...} when they failed. */
    private static Kind fromTextRecord(String type, String line, String requestId) {
        String status = field(line, "Status: ");
        if (status == null || !(type.equals("REPORT") || type.endsWith("_REPORT"))) {
            return new Routine(type);
        }
        return failure(status, field(line, "Error Type: "), type.equals("REPORT") ? "invocation" : "init", requestId);
    }

    private static Kind fromJsonRecord(String type, JsonObject record, String requestId) {
        String status = Json.string(record, "status", null);
        boolean reports = type.equals("platform.report") || type.equals("platform.runtimeDone")
                || type.equals("platform.initReport") || type.equals("platform.initRuntimeDone")
                || type.equals("platform.restoreReport") || type.equals("platform.restoreRuntimeDone");
        if (!reports || status == null || status.equals("success")) {
            return new Routine(type);
        }
        return failure(status, Json.string(record, "errorType", null), type.startsWith("platform.init") ? "init" : "invocation",
                requestId);
    }

    private static Kind failure(String status, String errorType, String phase, String requestId) {
        if (errorType != null && errorType.contains("OutOfMemory")) {
            return new Failure(OUT_OF_MEMORY, requestId);
        }
        if (status.equals("timeout")) {
            return new Failure(phase.equals("init") ? "Lambda: init timed out" : TIMED_OUT, requestId);
        }
        return new Failure("Lambda: " + phase + " " + status + (errorType == null ? "" : " (" + errorType + ")"), requestId);
    }

    /**
     * The request id a platform line names: after {@code RequestId:} ({@code REPORT RequestId: <id>}, {@code RequestId:
     * <id> Error: Runtime exited...}) or as the token after the timestamp ({@code <time> <id> Task timed out...}).
     */
    private static String requestIdOf(String line) {
        int label = line.indexOf("RequestId:");
        if (label >= 0 && label < BOILERPLATE_WITHIN_CHARS) {
            String after = line.substring(label + "RequestId:".length()).strip();
            int end = indexOfWhitespace(after);
            return end < 0 ? after : after.substring(0, end);
        }
        int space = indexOfWhitespace(line);
        if (space > 0 && space + 37 <= line.length() && Character.isDigit(line.charAt(0))) {
            String candidate = line.substring(space + 1, space + 37);
            return candidate.charAt(8) == '-' && candidate.charAt(13) == '-' ? candidate : null;
        }
        return null;
    }

    private static String secondLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? "" : firstLine(text.substring(newline + 1));
    }

    /** The value after {@code name} up to the next tab or end of line, or null. */
    private static String field(String line, String name) {
        int at = line.indexOf(name);
        if (at < 0) {
            return null;
        }
        int start = at + name.length();
        int end = start;
        while (end < line.length() && line.charAt(end) != '\t' && line.charAt(end) != '\n' && line.charAt(end) != '\r') {
            end++;
        }
        String value = line.substring(start, end).strip();
        int space = value.indexOf("  ");
        return value.isEmpty() ? null : space > 0 ? value.substring(0, space) : value;
    }

    /**
     * {@code 2026-11-21T03:04:05.123Z <request id> Task timed out ...} and {@code RequestId: <id> Error: Runtime exited
     * with error: signal: killed}: the platform's failure lines start with one or the other.
     */
    private static String withoutTimestampAndRequestId(String line) {
        String rest = line;
        for (int token = 0; token < 2; token++) {
            int space = indexOfWhitespace(rest);
            String word = space < 0 ? rest : rest.substring(0, space);
            boolean timestamp = word.length() >= 20 && Character.isDigit(word.charAt(0)) && word.indexOf('T') == 10;
            boolean requestId = word.length() == 36 && word.charAt(8) == '-';
            if (space < 0 || !(timestamp || requestId)) {
                break;
            }
            rest = rest.substring(space).strip();
        }
        if (rest.startsWith("RequestId:")) {
            String afterLabel = rest.substring("RequestId:".length()).strip();
            int space = indexOfWhitespace(afterLabel);
            rest = space < 0 ? "" : afterLabel.substring(space).strip();
        }
        return rest.startsWith("Error: ") ? rest.substring("Error: ".length()) : rest;
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).strip();
    }
}
