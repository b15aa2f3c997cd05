package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
record LogsSubscriptionBatch(String owner, String logGroup, String logStream, String messageType, List<LogEvent> logEvents) {

    /** One log event as CloudWatch Logs delivers it; {@code timestamp} in epoch milliseconds. */
    public record LogEvent(String id, long timestamp, String message) {
    }

    /**
     * Decompressed batches are a few MB at most (CloudWatch Logs sends at most 1 MB of log events per call); the cap
     * stops a gzip bomb from exhausting the function's memory. Parsing a batch takes about eight times its size in heap
     * at its peak (a 60 MB batch filled a 512 MB function), so the cap is a twelfth of the heap this JVM may use: 36 MB
     * at Lambda's 512 MB, never below 4 MB nor above 64 MB.
     */
    static final int MAX_DECODED_BYTES = (int) Math.clamp(Runtime.getRuntime().maxMemory() / 12, 4L << 20, 64L << 20);

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
        JsonObject json = parseGzippedJson(compressed);
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

    /**
     * Parses the JSON straight from the decompressing stream (no copy of the whole batch as bytes and again as a
     * string), stopping at {@link #MAX_DECODED_BYTES}.
     */
    private static JsonObject parseGzippedJson(byte[] compressed) {
        final InputStream gzip;
        try {
            gzip = new GZIPInputStream(new ByteArrayInputStream(compressed), 64 * 1024);
        } catch (IOException e) {
            throw new InvalidEventException("awslogs.data is not gzip data: " + e.getMessage());
        }
        try (Reader reader = new InputStreamReader(new CappedInputStream(gzip, MAX_DECODED_BYTES), StandardCharsets.UTF_8)) {
            return Json.parseObject(reader);
        } catch (InvalidEventException e) {
            throw new InvalidEventException("awslogs.data does not decompress to a log batch: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidEventException("awslogs.data is not gzip data: " + e.getMessage());
        }
    }

    /** Fails the read once more than {@code max} bytes came through: a gzip bomb is refused, not inflated. */
    private static final class CappedInputStream extends FilterInputStream {

        private final long max;
        private long read;

        CappedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new InvalidEventException("awslogs.data decompresses to more than " + max + " bytes (a twelfth of this"
                        + " function's heap; raise MemorySize for larger batches)");
            }
        }
    }
}
