package dev.alertrelay.common.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.event.Envelopes;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads every event shape that carries CloudWatch alarm state changes:
 * <ul>
 *   <li>SNS ({@code Records[].Sns}) or SQS: the alarm is the JSON in {@code Message} (any of the shapes here); any
 *       other message becomes an {@link OtherSnsMessage}, so nothing published to the topic is lost. No records:
 *       nothing to tell.</li>
 *   <li>the direct alarm Lambda action ({@code source: aws.cloudwatch}, {@code alarmData}):
 *       https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda</li>
 *   <li>EventBridge "CloudWatch Alarm State Change" (the same shape under {@code detail}):
 *       https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html</li>
 * </ul>
 * An "Alarm Configuration Change" (an alarm created, updated or deleted) is an {@link AlarmConfigurationChange}, not a
 * state change. Any other event is an {@link InvalidEventException}.
 */
public final class AlarmEvents {

    private AlarmEvents() {
    }

    /** What CloudWatch sends to EventBridge when an alarm is created, updated or deleted: not a state change. */
    static final String CONFIGURATION_CHANGE = "CloudWatch Alarm Configuration Change";

    /**
     * A notification and the SQS message that carried it.
     *
     * @param messageId the SQS message id (what a partial batch failure names), or null when not delivered by SQS
     */
    public record Item(String messageId, AlarmNotification notification) {
    }

    /** The notifications in an event, in delivery order, whatever transport {@link Envelopes} took off it. */
    public static List<AlarmNotification> parse(JsonObject event) {
        return parseItems(event).stream().map(Item::notification).toList();
    }

    /** {@link #parse}, keeping each notification's SQS message id for the queue path's partial batch response. */
    public static List<Item> parseItems(JsonObject event) {
        List<Envelopes.Message> messages = Envelopes.unwrap(event);
        List<Item> items = new ArrayList<>(messages.size());
        for (Envelopes.Message message : messages) {
            items.add(new Item(message.messageId(), message.wasWrapped() ? fromWrapped(message) : fromEvent(message.json())));
        }
        return items;
    }

    private static AlarmNotification fromEvent(JsonObject event) {
        AlarmNotification notification = alarmIn(event, null, null);
        if (notification != null) {
            return notification;
        }
        String detailType = Json.string(event, "detail-type");
        throw new InvalidEventException("not a CloudWatch alarm event: expected SNS Records, a direct alarm action"
                + " (alarmData) or an EventBridge alarm state change"
                + (detailType == null ? "" : ", got detail-type \"" + detailType + "\""));
    }

    /** A message that came through SNS or SQS: an alarm in any of its shapes, else kept as it was published. */
    private static AlarmNotification fromWrapped(Envelopes.Message message) {
        String topicArn = message.sns() == null ? null : message.sns().topicArn();
        AlarmSource transport = message.messageId() != null ? AlarmSource.SQS : AlarmSource.SNS;
        AlarmNotification alarm = message.json() == null ? null : alarmIn(message.json(), topicArn, transport);
        if (alarm != null) {
            return alarm;
        }
        Arn topic = Arn.parse(topicArn);
        return new OtherSnsMessage(message.sns() == null ? null : message.sns().subject(), topicArn, message.body(),
                AlarmTimes.parse(message.sns() == null ? null : message.sns().timestamp()),
                topic == null ? null : topic.region(), topic == null ? null : topic.accountId());
    }

    /**
     * The alarm notification in one JSON document, or null when it holds none: SNS's PascalCase alarm message, the
     * direct alarm action ({@code alarmData}, also seen inside an EventBridge envelope), or an EventBridge
     * {@code detail}. The EventBridge envelope's account and resources stand in for what the alarm data lacks.
     *
     * @param transport the SNS topic or SQS queue it came through, or null when it is the function's own event
     */
    private static AlarmNotification alarmIn(JsonObject json, String topicArn, AlarmSource transport) {
        if (json.has("AlarmName")) {
            return SnsAlarmReader.read(json, topicArn, transport == null ? AlarmSource.SNS : transport);
        }
        String envelopeArn = firstString(Json.array(json, "resources"));
        JsonObject alarmData = Json.object(json, "alarmData");
        if (alarmData != null) {
            return AlarmDataReader.read(alarmData, firstNonBlank(Json.string(json, "alarmArn"), envelopeArn),
                    firstNonBlank(Json.string(json, "accountId"), Json.string(json, "account")), Json.string(json, "region"),
                    Json.string(json, "time"), transport == null ? AlarmSource.ALARM_ACTION : transport);
        }
        JsonObject detail = Json.object(json, "detail");
        if (detail != null && Json.string(detail, "alarmName") != null) {
            String detailType = Json.string(json, "detail-type");
            if (CONFIGURATION_CHANGE.equals(detailType)) {
                return new AlarmConfigurationChange(Json.string(detail, "alarmName"), Json.string(detail, "operation"), envelopeArn);
            }
            return AlarmDataReader.read(detail, envelopeArn, Json.string(json, "account"), Json.string(json, "region"),
                    Json.string(json, "time"), transport == null ? AlarmSource.EVENTBRIDGE : transport);
        }
        return null;
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    private static String firstString(JsonArray array) {
        if (array == null || array.isEmpty()) {
            return null;
        }
        JsonElement first = array.get(0);
        return first.isJsonPrimitive() ? first.getAsString() : null;
    }
}
