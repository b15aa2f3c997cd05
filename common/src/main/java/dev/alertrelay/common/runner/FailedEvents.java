package dev.alertrelay.common.runner;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The original events inside what a failure queue holds, for replay ({@code --replay}):
 * <ul>
 *   <li>the output of {@code aws sqs receive-message} ({@code {"Messages":[{"Body":...}]}}), or one such message;</li>
 *   <li>a Lambda on-failure destination record ({@code requestContext} + {@code requestPayload}:
 *       https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html);</li>
 *   <li>an EventBridge dead-letter message, whose body is the event itself.</li>
 * </ul>
 */
final class FailedEvents {

    /** One event to replay, with what the failure record says about why it failed (may be null). */
    record FailedEvent(byte[] event, String failure) {
    }

    private FailedEvents() {
    }

    static List<FailedEvent> unwrap(byte[] input) {
        JsonObject document = Json.parseObject(new String(input, StandardCharsets.UTF_8));
        if (document.isEmpty()) {
            throw new InvalidEventException("the document is empty: the queue may be empty");
        }
        List<FailedEvent> events = new ArrayList<>();
        JsonArray messages = Json.array(document, "Messages");
        if (messages != null) {
            for (int i = 0; i < messages.size(); i++) {
                events.add(fromMessageBody(Json.string(Json.objectAt(messages, i), "Body")));
            }
            if (events.isEmpty()) {
                throw new InvalidEventException("the receive-message output holds no messages: the queue may be empty");
            }
            return events;
        }
        if (document.has("Body") && document.has("MessageId")) {
            return List.of(fromMessageBody(Json.string(document, "Body")));
        }
        return List.of(fromRecordOrEvent(document));
    }

    private static FailedEvent fromMessageBody(String body) {
        if (body == null) {
            throw new InvalidEventException("an SQS message has no Body");
        }
        return fromRecordOrEvent(Json.parseObject(body));
    }

    private static FailedEvent fromRecordOrEvent(JsonObject document) {
        JsonElement payload = document.get("requestPayload");
        JsonObject context = Json.object(document, "requestContext");
        if (payload == null || context == null) {
            return new FailedEvent(bytes(document), null);
        }
        if (!payload.isJsonObject()) {
            throw new InvalidEventException("the destination record's requestPayload is not an event object");
        }
        JsonObject response = Json.object(document, "responsePayload");
        String failure = Json.string(context, "condition", "failed")
                + ", " + Json.string(context, "approximateInvokeCount", "?") + " attempt(s)"
                + (response == null ? "" : ": " + Json.string(response, "errorType", "")
                + " " + Json.string(response, "errorMessage", ""));
        return new FailedEvent(bytes(payload), failure.strip());
    }

    private static byte[] bytes(JsonElement element) {
        return Json.toJson(element).getBytes(StandardCharsets.UTF_8);
    }
}
