package dev.alertrelay.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmTrigger;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.alarm.Dimension;
import dev.alertrelay.common.alarm.MetricQuery;
import dev.alertrelay.common.text.Truncate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The CloudWatch metric widget (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Metric-Widget-Structure.html)
 * that draws an alarm's metric, or its metric math expression, over the hours around the breach: the threshold as a
 * horizontal line shaded on the breaching side (or the anomaly band), and the state change as a vertical line. Pure.
 * Composite alarms and alarms whose message does not say what they evaluate get no chart (null).
 */
final class AlarmChart {

    static final Duration BEFORE = Duration.ofHours(3);
    static final Duration AFTER = Duration.ofMinutes(30);
    static final int WIDTH = 800;
    static final int HEIGHT = 360;
    private static final int TITLE_MAX = 100;
    private static final String ALARM_RED = "#d13212";

    private AlarmChart() {
    }

    /** @return the widget JSON, or null when the alarm cannot be drawn */
    static JsonObject widget(CloudWatchAlarm alarm, Instant now) {
        AlarmTrigger trigger = alarm.trigger();
        if (alarm.isComposite() || trigger == null) {
            return null;
        }
        JsonArray metrics = new JsonArray();
        if (trigger.metricName() != null && trigger.namespace() != null) {
            JsonObject options = new JsonObject();
            putStatistic(options, trigger.statistic(), trigger.periodSeconds());
            options.addProperty("label", trigger.metricName());
            metrics.add(metric(trigger.namespace(), trigger.metricName(), trigger.dimensions(), options));
        } else {
            for (MetricQuery query : trigger.metrics()) {
                JsonArray entry = query(query, trigger);
                if (entry == null) {
                    return null;
                }
                metrics.add(entry);
            }
        }
        if (metrics.isEmpty()) {
            return null;
        }
        Instant breach = alarm.stateChangeTime() != null ? alarm.stateChangeTime() : now;
        Instant end = breach.plus(AFTER).isAfter(now) ? now : breach.plus(AFTER);
        JsonObject widget = new JsonObject();
        widget.addProperty("view", "timeSeries");
        widget.addProperty("stacked", false);
        widget.addProperty("width", WIDTH);
        widget.addProperty("height", HEIGHT);
        widget.addProperty("start", breach.minus(BEFORE).toString());
        widget.addProperty("end", (end.isAfter(breach) ? end : breach.plusSeconds(60)).toString());
        widget.addProperty("timezone", "+0000");
        if (alarm.region() != null) {
            widget.addProperty("region", alarm.region());
        }
        widget.addProperty("title", Truncate.toLength(alarm.name(), TITLE_MAX));
        widget.add("metrics", metrics);
        widget.add("annotations", annotations(alarm, breach));
        JsonObject legend = new JsonObject();
        legend.addProperty("position", "bottom");
        widget.add("legend", legend);
        return widget;
    }

    /** Alt text and file title: what the picture shows, for screen readers and the file list. */
    static String description(CloudWatchAlarm alarm) {
        AlarmTrigger trigger = alarm.trigger();
        String what = trigger != null && trigger.metricName() != null ? trigger.metricName() : "the alarm's expression";
        return Truncate.toLength(what + " of " + alarm.name() + ", " + BEFORE.toHours() + " hours before the state change"
                + " and after", 200);
    }

    /**
     * A file name Slack shows: the alarm's name with each run of anything unusual replaced by one dash, at most
     * {@value #FILE_NAME_CHARS} characters, never starting or ending with a dash or dot. One pass that stops at the
     * length kept: an alarm name is at most 255 characters, but a forged one can be any length.
     */
    static String fileName(CloudWatchAlarm alarm) {
        String name = alarm.name();
        StringBuilder safe = new StringBuilder(FILE_NAME_CHARS);
        boolean inUnusualRun = false;
        for (int i = 0; i < name.length() && safe.length() < FILE_NAME_CHARS; i++) {
            char c = name.charAt(i);
            boolean separator = c == '.' || c == '-';
            if (!separator && !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
                if (!inUnusualRun && !safe.isEmpty()) {
                    safe.append('-');
                }
                inUnusualRun = true;
            } else {
                inUnusualRun = false;
                if (!(separator && safe.isEmpty())) {
                    safe.append(c);
                }
            }
        }
        int end = safe.length();
        while (end > 0 && (safe.charAt(end - 1) == '-' || safe.charAt(end - 1) == '.')) {
            end--;
        }
        return (end == 0 ? "alarm-chart" : safe.substring(0, end)) + ".png";
    }

    private static final int FILE_NAME_CHARS = 80;

    private static JsonArray query(MetricQuery query, AlarmTrigger trigger) {
        JsonObject options = new JsonObject();
        if (query.id() != null) {
            options.addProperty("id", query.id());
        }
        if (query.label() != null) {
            options.addProperty("label", query.label());
        }
        boolean band = query == trigger.anomalyBand();
        options.addProperty("visible", query.returnData() || band);
        if (query.isExpression()) {
            options.addProperty("expression", query.expression());
            JsonArray entry = new JsonArray();
            entry.add(options);
            return entry;
        }
        if (query.namespace() == null || query.metricName() == null) {
            return null;
        }
        putStatistic(options, query.statistic(), query.periodSeconds());
        if (band || trigger.isAnomalyDetection() && !options.has("label")) {
            options.addProperty("label", query.metricName());
        }
        return metric(query.namespace(), query.metricName(), query.dimensions(), options);
    }

    private static JsonArray metric(String namespace, String name, List<Dimension> dimensions, JsonObject options) {
        JsonArray entry = new JsonArray();
        entry.add(namespace);
        entry.add(name);
        for (Dimension dimension : dimensions) {
            entry.add(dimension.name());
            entry.add(dimension.value());
        }
        entry.add(options);
        return entry;
    }

    private static void putStatistic(JsonObject options, String statistic, Long periodSeconds) {
        if (statistic != null) {
            options.addProperty("stat", statistic);
        }
        if (periodSeconds != null && periodSeconds > 0) {
            options.addProperty("period", periodSeconds);
        }
    }

    private static JsonObject annotations(CloudWatchAlarm alarm, Instant breach) {
        JsonObject annotations = new JsonObject();
        AlarmTrigger trigger = alarm.trigger();
        if (trigger.threshold() != null && !trigger.isAnomalyDetection()) {
            JsonObject threshold = new JsonObject();
            threshold.addProperty("label", "Threshold");
            threshold.addProperty("value", trigger.threshold());
            threshold.addProperty("color", ALARM_RED);
            String fill = breachingSide(trigger.comparisonOperator());
            if (fill != null) {
                threshold.addProperty("fill", fill);
            }
            JsonArray horizontal = new JsonArray();
            horizontal.add(threshold);
            annotations.add("horizontal", horizontal);
        }
        JsonObject change = new JsonObject();
        change.addProperty("label", alarm.state().toString());
        change.addProperty("value", breach.toString());
        change.addProperty("color", ALARM_RED);
        JsonArray vertical = new JsonArray();
        vertical.add(change);
        annotations.add("vertical", vertical);
        return annotations;
    }

    /** "above" for GreaterThan operators, "below" for LessThan ones; null for the others. */
    private static String breachingSide(String operator) {
        if (operator == null) {
            return null;
        }
        String lower = operator.toLowerCase(Locale.ROOT);
        if (lower.startsWith("greaterthan")) {
            return "above";
        }
        if (lower.startsWith("lessthan")) {
            return "below";
        }
        return null;
    }
}
