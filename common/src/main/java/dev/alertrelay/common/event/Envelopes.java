package dev.alertrelay.common.event;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Takes the transport off an event, so every function reads its own event the same way however it was delivered:
 * <ul>
 *   <li>directly (an EventBridge rule, the alarm action, a Logs subscription): the event is the one message;</li>
 *   <li>SNS ({@code Records[].Sns.Message}), e.g. EventBridge rule -> SNS topic -> Lambda, a common fan-out:
 *       https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html;</li>
 *   <li>SQS ({@code Records[].body}, {@code eventSource} {@code aws:sqs}), the body itself or, when an SNS topic
 *       feeds the queue without raw message delivery, the SNS notification JSON around it:
 *       https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html.</li>
 * </ul>
 */
public final class Envelopes {

    /**
     * One message the event carried.
     *
     * @param json      the message parsed as a JSON object, or null when it is not one (plain text)
     * @param body      the message as delivered: the SNS Message or SQS body, or null for a direct event
     * @param messageId the SQS message id, what {@code batchItemFailures} names; null for other transports
     * @param sns       the SNS notification it came in, or null
     */
    public record Message(JsonObject json, String body, String messageId, SnsNotification sns) {

        /** Whether it arrived through a transport (SNS or SQS), not as the function's own event. */
        public boolean wasWrapped() {
            return body != null;
        }
    }

    /** What SNS says about a message it delivered. */
    public record SnsNotification(String topicArn, String subject, String timestamp) {
    }

    private Envelopes() {
    }

    /** The messages in delivery order; an empty {@code Records} array gives none. */
    public static List<Message> unwrap(JsonObject event) {
        if (!event.has("Records")) {
            return List.of(new Message(event, null, null, null));
        }
        JsonArray records = Json.array(event, "Records");
        if (records == null) {
            throw new InvalidEventException("Records is not an array");
        }
        List<Message> messages = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            messages.add(fromRecord(Json.objectAt(records, i), i));
        }
        return messages;
    }

    private static Message fromRecord(JsonObject record, int index) {
        if (record == null) {
            throw new InvalidEventException("record " + index + " is not a JSON object");
        }
        JsonObject sns = Json.object(record, "Sns");
        if (sns != null) {
            return fromSns(sns, null);
        }
        String body = Json.string(record, "body");
        if (body != null && (record.has("messageId") || "aws:sqs".equals(Json.string(record, "eventSource")))) {
            String messageId = Json.string(record, "messageId");
            if (messageId == null || messageId.isBlank()) {
                throw new InvalidEventException("SQS record " + index + " has no messageId, so a failure could not be reported for it");
            }
            JsonObject json = Json.tryParse(body) instanceof JsonObject object ? object : null;
            if (json != null && "Notification".equals(Json.string(json, "Type")) && Json.string(json, "Message") != null
                    && Json.string(json, "TopicArn") != null) {
                return fromSns(json, messageId);
            }
            return new Message(json, body, messageId, null);
        }
        throw new InvalidEventException("record " + index + " is neither an SNS record (Sns) nor an SQS message (body)");
    }

    private static Message fromSns(JsonObject sns, String sqsMessageId) {
        String message = Json.string(sns, "Message");
        String body = message == null ? "" : message;
        JsonObject json = Json.tryParse(body) instanceof JsonObject object ? object : null;
        return new Message(json, body, sqsMessageId, new SnsNotification(Json.string(sns, "TopicArn"), Json.string(sns, "Subject"),
                Json.string(sns, "Timestamp")));
    }
}
