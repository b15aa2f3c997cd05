package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.alertrelay.common.json.Json;

import java.util.Set;

/**
 * Machine lines that observability tools write into a function's log group: recognised so that they never page,
 * whatever a catch-all subscription filter lets through, and never become a summary made of a base64 blob.
 * <ul>
 *   <li>CloudWatch embedded metric format ({@code {"_aws":{"CloudWatchMetrics":[...]}, ...}}), which Powertools'
 *       Metrics and Lambda Insights write;</li>
 *   <li>Datadog: the Lambda libraries' metrics flushed to the log ({@code {"m":"aws.lambda.enhanced.invocations","v":1,
 *       "e":<epoch>,"t":[tags]}}), traces flushed to the log ({@code {"traces":[[spans]]}}), the extension's own lines
 *       ({@code DD_EXTENSION | LEVEL | ...}) and the tracer's start-up report ({@code DATADOG TRACER CONFIGURATION});</li>
 *   <li>New Relic: the agent's {@code [2,"NR_LAMBDA_MONITORING",{metadata},"<base64 of gzip>"]} payloads and the
 *       extension's {@code [NR_EXT]} lines;</li>
 *   <li>OpenTelemetry: OTLP JSON ({@code resourceSpans}, {@code resourceMetrics}, {@code resourceLogs}), the console
 *       exporters' spans and metrics (Python's {@code {"name":..,"context":{"trace_id":..,"span_id":..}}} and
 *       {@code resource_metrics}, Node's {@code {traceId: '...', ..., kind: 1, ...}}), and the collector's own JSON log
 *       lines (ADOT and the OpenTelemetry Lambda layer: {@code "kind":"exporter"} with a {@code "name"} or
 *       {@code "data_type"}). A collector that fails to export is the telemetry's problem, not the function's.</li>
 * </ul>
 * Cheap checks on the line's start come first; a line is parsed only when one of them matches.
 */
final class TelemetryLines {

    /** The markers are near the start of a line; a line is not searched beyond this. */
    private static final int MARKER_WITHIN_CHARS = 400;
    private static final Set<String> COLLECTOR_COMPONENT_KINDS = Set.of("exporter", "receiver", "processor", "extension", "connector");
    private static final Set<String> OTLP_KEYS = Set.of("resourceSpans", "resourceMetrics", "resourceLogs", "resource_metrics",
            "resource_spans", "resource_logs");

    private TelemetryLines() {
    }

    /** The tool that wrote the line ("Datadog", "New Relic", ...), or null when it is not a telemetry line. */
    static String toolOf(String message) {
        String line = message == null ? "" : message.strip();
        if (line.isEmpty()) {
            return null;
        }
        String start = line.substring(0, Math.min(line.length(), MARKER_WITHIN_CHARS));
        if (line.startsWith("DD_EXTENSION |") || start.startsWith("DATADOG TRACER CONFIGURATION")) {
            return "Datadog";
        }
        if (line.startsWith("[NR_EXT]") || (line.charAt(0) == '[' && start.contains("\"NR_LAMBDA_MONITORING\""))) {
            return "New Relic";
        }
        if (line.charAt(0) != '{') {
            return null;
        }
        if (start.contains("traceId: '") && start.contains("kind:")) {
            return "OpenTelemetry";
        }
        boolean maybe = start.contains("\"_aws\"") || start.contains("\"m\"") || start.contains("\"traces\"")
                || start.contains("\"kind\"") || start.contains("\"context\"") || start.contains("resource");
        return maybe && Json.tryParse(line) instanceof JsonObject json ? toolOf(json) : null;
    }

    private static String toolOf(JsonObject json) {
        if (json.get("_aws") instanceof JsonObject aws && aws.get("CloudWatchMetrics") instanceof JsonArray) {
            return "CloudWatch embedded metric format";
        }
        if (json.get("m") instanceof JsonPrimitive name && name.isString() && json.get("v") instanceof JsonPrimitive value
                && value.isNumber() && (json.has("e") || json.has("t"))) {
            return "Datadog";
        }
        if (json.get("traces") instanceof JsonArray) {
            return "Datadog";
        }
        for (String key : OTLP_KEYS) {
            if (json.get(key) instanceof JsonArray) {
                return "OpenTelemetry";
            }
        }
        if (json.get("context") instanceof JsonObject context && context.has("trace_id") && context.has("span_id")) {
            return "OpenTelemetry";
        }
        JsonElement kind = json.get("kind");
        if (kind instanceof JsonPrimitive primitive && primitive.isString()
                && COLLECTOR_COMPONENT_KINDS.contains(primitive.getAsString()) && (json.has("name") || json.has("data_type"))) {
            return "OpenTelemetry";
        }
        return null;
    }
}
