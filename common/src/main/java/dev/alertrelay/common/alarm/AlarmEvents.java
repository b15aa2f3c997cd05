package dev.alertrelay.common.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads every event shape that carries CloudWatch alarm state changes:
 * <ul>
 *   <li>SNS ({@code Records[].Sns}): the alarm is the JSON in {@code Message}; any other message becomes an
 *       {@link OtherSnsMessage}, so nothing published to the topic is lost. No records: nothing to tell.</li>
 *   <li>the direct alarm Lambda action ({@code source: aws.cloudwatch}, {@code alarmData}):
 *       https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-actions-Lambda</li>
 *   <li>EventBridge "CloudWatch Alarm State Change" (the same shape under {@code detail}):
 *       https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html</li>
 * </ul>
 * Any other event is an {@link InvalidEventException}.
 */
public final class AlarmEvents {

    private AlarmEvents() {
    }

    /** The notifications in an event, in delivery order. */
    public static List<AlarmNotification> parse(JsonObject event) {
        if (event.has("Records")) {
            return fromSnsRecords(event);
        }
        JsonObject alarmData = Json.object(event, "alarmData");
        if (alarmData != null) {
            return List.of(AlarmDataReader.read(alarmData, Json.string(event, "alarmArn"),
                    Json.string(event, "accountId"), Json.string(event, "region"), Json.string(event, "time"),
                    AlarmSource.ALARM_ACTION));
        }
        JsonObject detail = Json.object(event, "detail");
        if (detail != null && Json.string(detail, "alarmName") != null) {
            return List.of(AlarmDataReader.read(detail, firstString(Json.array(event, "resources")),
                    Json.string(event, "account"), Json.string(event, "region"), Json.string(event, "time"),
                    AlarmSource.EVENTBRIDGE));
        }
        String detailType = Json.string(event, "detail-type");
        throw new InvalidEventException("not a CloudWatch alarm event: expected SNS Records, a direct alarm action"
                + " (alarmData) or an EventBridge alarm state change"
                + (detailType == null ? "" : ", got detail-type \"" + detailType + "\""));
    }

    /**
     * One SNS message body read as an alarm, or null when it is not one. For messages that reach a function by another
     * path (an SQS queue subscribed to the topic); {@code topicArn} supplies region and account when the alarm lacks them.
     */
    public static CloudWatchAlarm alarmInSnsMessage(String message, String topicArn) {
        return Json.tryParse(message) instanceof JsonObject object ? SnsAlarmReader.read(object, topicArn) : null;
    }

    private static List<AlarmNotification> fromSnsRecords(JsonObject event) {
        JsonArray records = Json.array(event, "Records");
        if (records == null) {
            throw new InvalidEventException("Records is not an array");
        }
        List<AlarmNotification> notifications = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            JsonObject sns = Json.object(Json.objectAt(records, i), "Sns");
            if (sns == null) {
                throw new InvalidEventException("record " + i + " is not an SNS record (no Sns object)");
            }
            notifications.add(fromSnsMessage(sns));
        }
        return notifications;
    }

    private static AlarmNotification fromSnsMessage(JsonObject sns) {
        String topicArn = Json.string(sns, "TopicArn");
        String message = Json.string(sns, "Message");
        CloudWatchAlarm alarm = alarmInSnsMessage(message, topicArn);
        if (alarm != null) {
            return alarm;
        }
        Arn topic = Arn.parse(topicArn);
        return new OtherSnsMessage(Json.string(sns, "Subject"), topicArn, message,
                AlarmTimes.parse(Json.string(sns, "Timestamp")), topic == null ? null : topic.region(),
                topic == null ? null : topic.accountId());
    }

    private static String firstString(JsonArray array) {
        if (array == null || array.isEmpty()) {
            return null;
        }
        JsonElement first = array.get(0);
        return first.isJsonPrimitive() ? first.getAsString() : null;
    }
}
