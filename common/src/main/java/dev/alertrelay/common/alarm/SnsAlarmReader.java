package dev.alertrelay.common.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.util.ArrayList;
import java.util.List;

import static dev.alertrelay.common.alarm.FirstNonNull.firstNonNull;

/**
 * The alarm JSON CloudWatch publishes to SNS (PascalCase keys, {@code Trigger} or {@code AlarmRule}).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-sns-notifications.html
 */
final class SnsAlarmReader {

    private SnsAlarmReader() {
    }

    /** The alarm, or null when the message has no alarm name or no known new state. */
    static CloudWatchAlarm read(JsonObject message, String topicArn, AlarmSource source) {
        String name = Json.string(message, "AlarmName", null);
        AlarmState state = AlarmState.parse(Json.string(message, "NewStateValue"));
        if (name == null || state == null) {
            return null;
        }
        String alarmArn = Json.string(message, "AlarmArn", null);
        Arn alarm = Arn.parse(alarmArn);
        Arn topic = Arn.parse(topicArn);
        String rule = Json.string(message, "AlarmRule", null);
        JsonObject trigger = Json.object(message, "Trigger");
        return new CloudWatchAlarm(
                name,
                alarmArn,
                firstNonNull(Json.string(message, "AWSAccountId", null), alarm == null ? null : alarm.accountId(),
                        topic == null ? null : topic.accountId()),
                firstNonNull(alarm == null ? null : alarm.region(), topic == null ? null : topic.region(),
                        RegionDisplayNames.code(Json.string(message, "Region"))),
                state,
                AlarmState.parse(Json.string(message, "OldStateValue")),
                Json.string(message, "AlarmDescription", null),
                Json.string(message, "NewStateReason", null),
                AlarmTimes.parse(Json.string(message, "StateChangeTime")),
                rule == null ? readTrigger(trigger == null ? new JsonObject() : trigger) : null,
                rule,
                rule == null ? List.of() : children(Json.array(message, "TriggeringChildren")),
                source);
    }

    private static AlarmTrigger readTrigger(JsonObject trigger) {
        return new AlarmTrigger(
                Json.string(trigger, "Namespace", null),
                Json.string(trigger, "MetricName", null),
                statistic(trigger),
                Json.string(trigger, "Unit", null),
                MetricQueries.fromPairs(Json.array(trigger, "Dimensions")),
                Json.integer(trigger, "Period"),
                Json.integer(trigger, "EvaluationPeriods"),
                Json.integer(trigger, "DatapointsToAlarm"),
                Json.string(trigger, "ComparisonOperator", null),
                Json.number(trigger, "Threshold"),
                Json.string(trigger, "ThresholdMetricId", null),
                treatMissingData(Json.string(trigger, "TreatMissingData", null)),
                MetricQueries.read(Json.array(trigger, "Metrics"), MetricQueries.SNS));
    }

    /** SNS spells statistics in upper snake case ({@code SAMPLE_COUNT}); the API and console say {@code SampleCount}. */
    private static String statistic(JsonObject trigger) {
        String extended = Json.string(trigger, "ExtendedStatistic", null);
        if (extended != null && !"Statistic".equals(Json.string(trigger, "StatisticType"))) {
            return extended;
        }
        String statistic = Json.string(trigger, "Statistic", null);
        if (statistic == null) {
            return extended;
        }
        StringBuilder apiName = new StringBuilder(statistic.length());
        boolean upper = true;
        for (char c : statistic.strip().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                apiName.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
                upper = false;
            }
        }
        return apiName.toString();
    }

    /** Old messages carry free text such as {@code "- TreatMissingData:                    missing"}. */
    private static String treatMissingData(String value) {
        if (value == null) {
            return null;
        }
        String token = value.substring(value.lastIndexOf(':') + 1).strip();
        return token.isEmpty() ? null : token;
    }

    /** Each child is {@code {"Arn": ..., "State": {"Value": ...}}}; the documented schema also allows a bare string. */
    private static List<ChildAlarm> children(JsonArray array) {
        List<ChildAlarm> children = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonElement element = array.get(i);
            if (element.isJsonPrimitive()) {
                children.add(child(element.getAsString(), null));
            } else if (element instanceof JsonObject entry && Json.string(entry, "Arn", null) != null) {
                children.add(child(Json.string(entry, "Arn"), Json.string(Json.object(entry, "State"), "Value")));
            }
        }
        return children;
    }

    static ChildAlarm child(String arnOrName, String state) {
        Arn arn = Arn.parse(arnOrName);
        String name = arn == null ? arnOrName : arn.alarmName();
        return new ChildAlarm(name == null ? arnOrName : name, arn == null ? null : arnOrName, AlarmState.parse(state));
    }
}
