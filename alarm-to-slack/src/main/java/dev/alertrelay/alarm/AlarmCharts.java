package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.api.SlackWebApi.PostedMessage;
import dev.alertrelay.common.text.Truncate;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The chart of a new alarm thread: drawn by CloudWatch ({@code GetMetricWidgetImage}) and uploaded into the thread
 * after the text message is posted. A chart that cannot be drawn or uploaded costs one log line, never the message,
 * and it gets at most {@value #BUDGET_MILLIS} ms of the invocation.
 */
final class AlarmCharts {

    static final String VARIABLE = "ALARM_CHARTS";
    static final long BUDGET_MILLIS = 8_000;
    private static final long RESERVE_MILLIS = 1_000;

    /** Draws a metric widget as a PNG: CloudWatch's GetMetricWidgetImage, or the dry run's printout. */
    @FunctionalInterface
    interface ChartImages {
        byte[] draw(String metricWidgetJson, Deadline deadline);
    }

    private final ChartImages images;
    private final SlackWebApi slack;

    AlarmCharts(ChartImages images, SlackWebApi slack) {
        this.images = images;
        this.slack = slack;
    }

    /** {@code ALARM_CHARTS}: {@code on} (the default) or {@code off}; anything else is logged and reads as on. */
    static boolean enabled(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "on", "true", "yes", "1" -> {
                return true;
            }
            case "off", "false", "no", "0" -> {
                return false;
            }
            default -> {
                Log.warn(VARIABLE + "='" + Truncate.toLength(value, 40) + "' is neither on nor off; charts stay on");
                return true;
            }
        }
    }

    /** What runs once the thread's top message is posted. */
    Consumer<PostedMessage> uploadInto(CloudWatchAlarm alarm, Deadline invocation) {
        return thread -> upload(alarm, thread, invocation);
    }

    void upload(CloudWatchAlarm alarm, PostedMessage thread, Deadline invocation) {
        JsonObject widget = AlarmChart.widget(alarm, invocation.now());
        if (widget == null) {
            return;
        }
        long budget = Math.min(BUDGET_MILLIS, invocation.remainingMillis() - RESERVE_MILLIS);
        if (budget <= 0) {
            Log.warn("alarm-to-slack: no chart for " + Truncate.toLength(alarm.name(), 120) + ": no time left in the invocation");
            return;
        }
        Deadline deadline = invocation.within(budget);
        try {
            byte[] png = images.draw(Json.toJson(widget), deadline);
            slack.uploadFile(thread, AlarmChart.fileName(alarm), AlarmChart.description(alarm), png, deadline);
        } catch (RuntimeException e) {
            Log.warn("alarm-to-slack: the chart of " + Truncate.toLength(alarm.name(), 120)
                    + " was not posted (the message was): " + Truncate.toLength(String.valueOf(e.getMessage()), 500));
        }
    }
}
