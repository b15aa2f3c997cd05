package dev.alertrelay.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmEvents;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The metric widget CloudWatch draws for each kind of alarm, from recorded events. */
class AlarmChartTest {

    private static final Instant LATER = Instant.parse("2026-11-22T00:00:00Z");

    private static CloudWatchAlarm alarm(String sample) {
        return (CloudWatchAlarm) AlarmEvents.parse(Json.parseObject(EventFiles.text(sample))).get(0);
    }

    @Test
    void aMetricAlarmDrawsItsMetricWithTheThresholdShadedOnTheBreachingSide() {
        JsonObject widget = AlarmChart.widget(alarm("alarm-sns-alb-healthyhostcount.json"), LATER);

        JsonArray metric = widget.getAsJsonArray("metrics").get(0).getAsJsonArray();
        assertEquals("AWS/ApplicationELB", metric.get(0).getAsString());
        assertEquals("HealthyHostCount", metric.get(1).getAsString());
        assertEquals("TargetGroup", metric.get(2).getAsString());
        JsonObject options = metric.get(metric.size() - 1).getAsJsonObject();
        assertEquals("Minimum", options.get("stat").getAsString());
        assertEquals(60, options.get("period").getAsInt());
        JsonObject threshold = widget.getAsJsonObject("annotations").getAsJsonArray("horizontal").get(0).getAsJsonObject();
        assertEquals(1.0, threshold.get("value").getAsDouble());
        assertEquals("below", threshold.get("fill").getAsString());
        JsonObject change = widget.getAsJsonObject("annotations").getAsJsonArray("vertical").get(0).getAsJsonObject();
        assertEquals("2026-11-21T03:05:12.402Z", change.get("value").getAsString());
        assertEquals("2026-11-21T00:05:12.402Z", widget.get("start").getAsString());
        assertEquals("2026-11-21T03:35:12.402Z", widget.get("end").getAsString());
        assertEquals("ap-northeast-1", widget.get("region").getAsString());
    }

    @Test
    void aBreachThatJustHappenedIsDrawnUpToNow() {
        Instant justAfter = Instant.parse("2026-11-21T03:06:00Z");
        JsonObject widget = AlarmChart.widget(alarm("alarm-sns-alb-healthyhostcount.json"), justAfter);

        assertEquals(justAfter.toString(), widget.get("end").getAsString());
    }

    @Test
    void aMetricMathAlarmDrawsItsExpressionFromItsHiddenInputs() {
        JsonObject widget = AlarmChart.widget(alarm("alarm-sns-metric-math.json"), LATER);

        String metrics = widget.getAsJsonArray("metrics").toString();
        assertTrue(metrics.contains("\"expression\""), metrics);
        assertTrue(metrics.contains("\"visible\":false"), metrics);
        assertTrue(metrics.contains("\"visible\":true"), metrics);
    }

    @Test
    void anAnomalyAlarmDrawsItsBandAndNoThresholdLine() {
        JsonObject widget = AlarmChart.widget(alarm("alarm-sns-anomaly-detection.json"), LATER);

        String metrics = widget.getAsJsonArray("metrics").toString();
        assertTrue(metrics.contains("ANOMALY_DETECTION_BAND"), metrics);
        assertFalse(widget.getAsJsonObject("annotations").has("horizontal"));
    }

    @Test
    void aCompositeAlarmHasNoChart() {
        assertNull(AlarmChart.widget(alarm("alarm-sns-composite.json"), LATER));
    }

    @Test
    void theFileNameIsSafeForAnyAlarmName() {
        assertEquals("shop-alb-no-healthy-hosts.png", AlarmChart.fileName(alarm("alarm-sns-alb-healthyhostcount.json")));
        assertEquals("ALB.png", AlarmChart.fileName(alarm("alarm-sns-japanese-name.json")));
        assertEquals("a-b.c_d.png", AlarmChart.fileName(named("..--a /#b.c_d--..")));
        assertEquals("alarm-chart.png", AlarmChart.fileName(named("\u8b66\u544a")));
    }

    @Test
    void aForgedAlarmNameOfTensOfThousandsOfDotsGetsAShortFileNameInOnePass() {
        assertEquals("alarm-chart.png", AlarmChart.fileName(named(".".repeat(40_000))));
        assertEquals("x".repeat(80) + ".png", AlarmChart.fileName(named(".".repeat(40_000) + "x".repeat(40_000))));
        assertEquals("x".repeat(79) + ".png", AlarmChart.fileName(named("x".repeat(79) + ".".repeat(40_000))));
    }

    private static CloudWatchAlarm named(String name) {
        JsonObject event = Json.parseObject(EventFiles.text("alarm-sns-alb-healthyhostcount.json"));
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject message = Json.parseObject(Json.string(sns, "Message"));
        message.addProperty("AlarmName", name);
        sns.addProperty("Message", Json.toJson(message));
        return (CloudWatchAlarm) AlarmEvents.parse(event).get(0);
    }
}
