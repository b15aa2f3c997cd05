package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.logs.LogsSubscriptionBatch.LogEvent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Log batches for tests: decoded, or wrapped as CloudWatch Logs delivers them. */
final class LogBatches {

    static final String LOG_GROUP = "/aws/lambda/orders-api";
    static final String LOG_STREAM = "2026/11/21/[$LATEST]4f9c2f7d0c5a4d5e9b1e8a7c6d5e4f3a";
    static final long START = 1_795_230_245_123L;

    private LogBatches() {
    }

    static LogsSubscriptionBatch of(String... messages) {
        return inGroup(LOG_GROUP, messages);
    }

    static LogsSubscriptionBatch inGroup(String logGroup, String... messages) {
        List<LogEvent> events = new ArrayList<>();
        for (int i = 0; i < messages.length; i++) {
            events.add(new LogEvent(String.valueOf(i), START + i * 1000L, messages[i]));
        }
        return new LogsSubscriptionBatch("123456789012", logGroup, LOG_STREAM, "DATA_MESSAGE", events);
    }

    /** {"awslogs":{"data":base64(gzip(json))}} */
    static String subscriptionEvent(LogsSubscriptionBatch batch) {
        JsonObject decoded = new JsonObject();
        decoded.addProperty("messageType", batch.messageType());
        decoded.addProperty("owner", batch.owner());
        decoded.addProperty("logGroup", batch.logGroup());
        decoded.addProperty("logStream", batch.logStream());
        JsonArray events = new JsonArray();
        for (LogEvent event : batch.logEvents()) {
            JsonObject e = new JsonObject();
            e.addProperty("id", event.id());
            e.addProperty("timestamp", event.timestamp());
            e.addProperty("message", event.message());
            events.add(e);
        }
        decoded.add("logEvents", events);
        return "{\"awslogs\":{\"data\":\"" + Base64.getEncoder().encodeToString(gzip(Json.toJson(decoded))) + "\"}}";
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
