package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The decoded content of a CloudWatch Logs subscription event: {@code awslogs.data} is base64 of gzip of this JSON
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample).
 *
 * @param owner       the AWS account that owns the log group
 * @param messageType DATA_MESSAGE, or CONTROL_MESSAGE when CloudWatch Logs only checks that the destination is reachable
 */
public record LogsSubscriptionBatch(String owner, String logGroup, String logStream, String messageType, List<LogEvent> logEvents) {

    /** One log event as CloudWatch Logs delivers it; {@code timestamp} in epoch milliseconds. */
    public record LogEvent(String id, long timestamp, String message) {
    }

    /**
     * Decompressed batches are at most a few MB (CloudWatch Logs sends at most 1 MB of log events per call); the cap
     * only stops a gzip bomb from exhausting the function's memory.
     */
    static final int MAX_DECODED_BYTES = 64 * 1024 * 1024;

    public boolean isControlMessage() {
        return "CONTROL_MESSAGE".equals(messageType);
    }

    /** Decodes {@code awslogs.data}; anything that is not base64 of gzip of the documented JSON is an {@link InvalidEventException}. */
    public static LogsSubscriptionBatch decode(String data) {
        if (data == null || data.isBlank()) {
            throw new InvalidEventException("awslogs.data is missing or empty");
        }
        final byte[] compressed;
        try {
            compressed = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("awslogs.data is not base64: " + e.getMessage());
        }
        JsonObject json = parse(gunzip(compressed));
        String messageType = Json.string(json, "messageType", "DATA_MESSAGE");
        JsonArray events = Json.array(json, "logEvents");
        if (events == null && !"CONTROL_MESSAGE".equals(messageType)) {
            throw new InvalidEventException("awslogs.data decodes to JSON without a logEvents array");
        }
        List<LogEvent> logEvents = new ArrayList<>(events == null ? 0 : events.size());
        for (int i = 0; events != null && i < events.size(); i++) {
            JsonObject event = Json.objectAt(events, i);
            String message = Json.string(event, "message");
            if (message != null) {
                Long timestamp = Json.integer(event, "timestamp");
                logEvents.add(new LogEvent(Json.string(event, "id", ""), timestamp == null ? 0 : timestamp, message));
            }
        }
        return new LogsSubscriptionBatch(Json.string(json, "owner", ""), Json.string(json, "logGroup", "unknown-log-group"),
                Json.string(json, "logStream", ""), messageType, List.copyOf(logEvents));
    }

    private static String gunzip(byte[] compressed) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed), 64 * 1024)) {
            byte[] bytes = in.readNBytes(MAX_DECODED_BYTES + 1);
            if (bytes.length > MAX_DECODED_BYTES) {
                throw new InvalidEventException("awslogs.data decompresses to more than " + MAX_DECODED_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidEventException("awslogs.data is not gzip data: " + e.getMessage());
        }
    }

    private static JsonObject parse(String json) {
        try {
            return Json.parseObject(json);
        } catch (InvalidEventException e) {
            throw new InvalidEventException("awslogs.data does not decompress to a log batch: " + e.getMessage());
        }
    }
}
