package dev.alertrelay.common.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.alertrelay.common.alarm.FirstNonNull.firstNonNull;

/**
 * The camelCase alarm data of the direct alarm Lambda action ({@code alarmData}) and of EventBridge alarm state
 * changes ({@code detail}). They carry the metrics but not the threshold or comparison; the threshold is in the new
 * state's {@code reasonData}.
 */
final class AlarmDataReader {

    private AlarmDataReader() {
    }

    static CloudWatchAlarm read(JsonObject data, String alarmArn, String accountId, String region, String eventTime,
                                AlarmSource source) {
        String name = Json.string(data, "alarmName", null);
        JsonObject state = Json.object(data, "state");
        AlarmState value = AlarmState.parse(Json.string(state, "value"));
        if (name == null || value == null) {
            throw new InvalidEventException("the alarm event has no alarm name or no known state (alarmName, state.value)");
        }
        Arn arn = Arn.parse(alarmArn);
        JsonObject configuration = Json.object(data, "configuration");
        JsonObject reasonData = Json.tryParse(Json.string(state, "reasonData")) instanceof JsonObject parsed ? parsed : null;
        String rule = Json.string(configuration, "alarmRule", null);
        return new CloudWatchAlarm(
                name,
                alarmArn == null || alarmArn.isBlank() ? null : alarmArn,
                firstNonNull(blankToNull(accountId), arn == null ? null : arn.accountId()),
                firstNonNull(arn == null ? null : arn.region(), blankToNull(region)),
                value,
                AlarmState.parse(Json.string(Json.object(data, "previousState"), "value")),
                Json.string(configuration, "description", null),
                Json.string(state, "reason", null),
                firstNonNull(AlarmTimes.parse(Json.string(state, "timestamp")), AlarmTimes.parse(eventTime)),
                rule == null ? trigger(configuration == null ? new JsonObject() : configuration, reasonData) : null,
                rule,
                rule == null ? List.of() : children(Json.array(reasonData, "triggeringAlarms")),
                source);
    }

    private static AlarmTrigger trigger(JsonObject configuration, JsonObject reasonData) {
        List<MetricQuery> metrics = MetricQueries.read(Json.array(configuration, "metrics"), MetricQueries.ALARM_DATA);
        MetricQuery single = metrics.size() == 1 && !metrics.get(0).isExpression() ? metrics.get(0) : null;
        return new AlarmTrigger(
                single == null ? null : single.namespace(),
                single == null ? null : single.metricName(),
                firstNonNull(single == null ? null : single.statistic(), Json.string(reasonData, "statistic", null)),
                single == null ? null : unit(Json.array(configuration, "metrics")),
                single == null ? List.of() : single.dimensions(),
                firstNonNull(single == null ? null : single.periodSeconds(), Json.integer(reasonData, "period")),
                Json.integer(configuration, "evaluationPeriods"),
                Json.integer(configuration, "datapointsToAlarm"),
                Json.string(configuration, "comparisonOperator", null),
                firstNonNull(Json.number(configuration, "threshold"), Json.number(reasonData, "threshold")),
                Json.string(configuration, "thresholdMetricId", null),
                Json.string(configuration, "treatMissingData", null),
                single == null ? metrics : List.of());
    }

    private static String unit(JsonArray metrics) {
        return Json.string(Json.object(Json.objectAt(metrics, 0), "metricStat"), "unit", null);
    }

    /** {@code reasonData} of a composite alarm: {@code {"triggeringAlarms":[{"arn":...,"state":{"value":...}}]}}. */
    private static List<ChildAlarm> children(JsonArray array) {
        List<ChildAlarm> children = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonObject entry = Json.objectAt(array, i);
            String arn = Json.string(entry, "arn", null);
            if (arn != null) {
                children.add(SnsAlarmReader.child(arn, Json.string(Json.object(entry, "state"), "value")));
            }
        }
        return children;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
