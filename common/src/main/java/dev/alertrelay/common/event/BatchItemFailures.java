package dev.alertrelay.common.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Lambda's partial batch response for an SQS event source with {@code ReportBatchItemFailures}: exactly the messages
 * named here become visible again and are redelivered (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html).
 */
public final class BatchItemFailures {

    private BatchItemFailures() {
    }

    public static void write(OutputStream output, List<String> failedMessageIds) {
        JsonArray failures = new JsonArray();
        for (String id : failedMessageIds) {
            JsonObject item = new JsonObject();
            item.addProperty("itemIdentifier", id);
            failures.add(item);
        }
        JsonObject response = new JsonObject();
        response.add("batchItemFailures", failures);
        try {
            output.write(Json.toJson(response).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch response", e);
        }
    }
}
