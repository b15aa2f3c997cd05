package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmSource;
import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.alarm.AlarmTrigger;
import dev.alertrelay.common.alarm.ChildAlarm;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.alarm.Dimension;
import dev.alertrelay.common.alarm.MetricQuery;
import dev.alertrelay.common.alarm.OtherSnsMessage;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.slack.SlackOverrides;
import dev.alertrelay.common.testing.BlockKitLimits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.alertrelay.alarm.SlackPayloads.buttons;
import static dev.alertrelay.alarm.SlackPayloads.fields;
import static dev.alertrelay.alarm.SlackPayloads.sections;
import static dev.alertrelay.alarm.SlackPayloads.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile and huge alarms still make a message Slack accepts, with untrusted text escaped. */
class AlarmMessageFormatterTest {

    private static final String INJECTION = "<!channel> <https://evil.example|click> & <@U123>";

    private static JsonObject payload(CloudWatchAlarm alarm) {
        JsonObject payload = AlarmMessageFormatter.format(alarm).toPayload(SlackOverrides.NONE);
        BlockKitLimits.assertValid(payload);
        return payload;
    }

    private static CloudWatchAlarm alarm(String name, String region, String description, String reason, AlarmTrigger trigger,
                                         String rule, List<ChildAlarm> children) {
        return new CloudWatchAlarm(name, null, "123456789012", region, AlarmState.ALARM, AlarmState.OK, description, reason,
                Instant.parse("2026-11-21T03:05:12Z"), trigger, rule, children, AlarmSource.SNS);
    }

    private static AlarmTrigger metric(String name, List<Dimension> dimensions) {
        return new AlarmTrigger("AWS/ApplicationELB", name, "Minimum", null, dimensions, 60L, 1L, 1L,
                "LessThanThreshold", 1.0, null, null, List.of());
    }

    @Test
    void untrustedTextCannotMentionEveryoneOrForgeLinks() {
        JsonObject payload = payload(alarm(INJECTION, "us-east-1", INJECTION, INJECTION,
                metric(INJECTION, List.of(new Dimension(INJECTION, INJECTION))), null, List.of()));

        String escaped = "&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; &lt;@U123&gt;";
        assertEquals(escaped, sections(payload).get(0));
        assertTrue(fields(payload).get("Metric").startsWith(escaped));
        assertEquals(escaped, fields(payload).get(INJECTION.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")));
    }

    @Test
    void hugeNamesDescriptionsAndReasonsAreCutToSlacksLimits() {
        String huge = "x".repeat(200_000);
        JsonObject payload = payload(alarm(huge, "us-east-1", huge, huge, metric(huge, List.of(new Dimension("d", huge))),
                null, List.of()));

        assertTrue(text(payload).length() <= 3000);
        assertTrue(sections(payload).get(0).endsWith("…"));
        assertTrue(buttons(payload).isEmpty(), "a 200,000-char alarm link exceeds Slack's 3000-char URL limit and is left out");
    }

    @Test
    void manyDimensionsShareOneFieldSoNoOtherFieldIsLost() {
        List<Dimension> dimensions = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            dimensions.add(new Dimension("Dim" + i, "value" + i));
        }
        JsonObject payload = payload(alarm("many", "us-east-1", null, null, metric("Requests", dimensions), null, List.of()));

        assertTrue(fields(payload).get("Dimensions").startsWith("Dim0: value0\nDim1: value1"));
        assertEquals("us-east-1", fields(payload).get("Region"));
    }

    @Test
    void aCompositeWithHundredsOfChildrenListsTenAndCountsTheRest() {
        List<ChildAlarm> children = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            children.add(new ChildAlarm("child-" + i, null, AlarmState.ALARM));
        }
        JsonObject payload = payload(alarm("parent", "us-east-1", null, null, null, "ALARM(x) OR ".repeat(5000), children));

        String triggeredBy = sections(payload).stream().filter(s -> s.startsWith("*Triggered by*")).findFirst().orElseThrow();
        assertTrue(triggeredBy.endsWith("• child-9 (ALARM)\n_and 290 more_"));
        assertEquals("ALARM: parent: triggered by child-0, child-1, child-2 and 297 more in us-east-1", text(payload));
    }

    @Test
    void aMetricMathAlarmWithManyInputsListsTenAndCountsTheRest() {
        List<MetricQuery> metrics = new ArrayList<>();
        metrics.add(new MetricQuery("e1", "SUM(METRICS())", null, true, null, null, List.of(), null, null));
        for (int i = 0; i < 40; i++) {
            metrics.add(new MetricQuery("m" + i, null, null, false, "AWS/EC2", "NetworkIn", List.of(new Dimension("InstanceId", "i-" + i)),
                    "Sum", 60L));
        }
        JsonObject payload = payload(alarm("traffic", "us-east-1", null, null, new AlarmTrigger(null, null, null, null, List.of(),
                300L, 2L, null, "GreaterThanThreshold", 1.0e10, null, null, metrics), null, List.of()));

        assertTrue(fields(payload).get("Inputs").endsWith("_and 30 more_"));
        assertEquals("SUM(METRICS()) &gt; 10000000000: over 5 min, 2 of 2 datapoints", fields(payload).get("Condition"));
    }

    @Test
    void aMetricsInsightsAlarmShowsItsQueryAndNoEmptyInputs() {
        String query = "SELECT AVG(CPUUtilization) FROM SCHEMA(\"AWS/EC2\", InstanceId)";
        List<MetricQuery> metrics = List.of(new MetricQuery("q1", query, null, true, null, null, List.of(), null, 60L));
        JsonObject payload = payload(alarm("fleet-cpu", "us-east-1", null, null, new AlarmTrigger(null, null, null, null, List.of(),
                60L, 1L, null, "GreaterThanThreshold", 80.0, null, null, metrics), null, List.of()));

        assertTrue(fields(payload).get("Query").contains("SELECT AVG(CPUUtilization)"), fields(payload).toString());
        assertFalse(fields(payload).containsKey("Inputs"), fields(payload).toString());
    }

    @Test
    void anAlarmWithoutRegionOrTriggerStillMakesAMessageWithoutLinks() {
        JsonObject payload = payload(alarm("bare", null, null, null, null, null, List.of()));

        assertEquals("ALARM: bare", text(payload));
        assertTrue(buttons(payload).isEmpty());
    }

    @Test
    void aForgedRegionOrTargetGroupNeverBecomesALink() {
        CloudWatchAlarm forged = alarm("x", "evil.example/#", null, null,
                metric("HealthyHostCount", List.of(new Dimension("TargetGroup", "targetgroup/x/1\"><script>"))), null, List.of());
        assertTrue(buttons(payload(forged)).isEmpty());

        CloudWatchAlarm forgedTargetGroup = alarm("x", "us-east-1", null, null,
                metric("HealthyHostCount", List.of(new Dimension("TargetGroup", "targetgroup/x/1#@evil.example"))), null, List.of());
        assertEquals(List.of("Open alarm"), List.copyOf(buttons(payload(forgedTargetGroup)).keySet()));
    }

    @Test
    void aHugeNonAlarmBodyIsCutInsideItsCodeBlock() {
        OtherSnsMessage message = new OtherSnsMessage(null, "arn:aws:sns:us-east-1:123456789012:t", "<&>".repeat(100_000), null,
                "us-east-1", "123456789012");
        JsonObject payload = SnsMessageFormatter.format(message).toPayload(SlackOverrides.NONE);
        BlockKitLimits.assertValid(payload);

        String body = sections(payload).get(0);
        assertTrue(body.startsWith("```\n&lt;&amp;&gt;"));
        assertTrue(body.endsWith("…\n```"));
        assertFalse(text(payload).contains("\n"));
    }

    @Test
    void anEmptyNonAlarmMessageStillSaysWhereItCameFrom() {
        JsonObject payload = SnsMessageFormatter.format(new OtherSnsMessage(null, null, "", null, null, null))
                .toPayload(SlackOverrides.NONE);
        BlockKitLimits.assertValid(payload);

        assertEquals("SNS message on an SNS topic", text(payload));
    }

    @Test
    void aRealEventFullOfHostileValuesStaysWithinLimits() {
        String hostile = Json.toJson(Json.parseObject("{\"s\":" + new com.google.gson.JsonPrimitive("`*_~ <!here> " + "🔥".repeat(3000)).toString() + "}").get("s"));
        String message = "{\"AlarmName\":" + hostile + ",\"NewStateValue\":\"ALARM\",\"AlarmDescription\":" + hostile
                + ",\"NewStateReason\":" + hostile + ",\"AlarmArn\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:x\""
                + ",\"Trigger\":{\"MetricName\":" + hostile + ",\"Namespace\":" + hostile + ",\"Dimensions\":[{\"name\":" + hostile
                + ",\"value\":" + hostile + "}],\"Threshold\":\"NaN\",\"Period\":\"-1e400\"}}";
        CloudWatchAlarm alarm = (CloudWatchAlarm) dev.alertrelay.common.alarm.AlarmEvents.parse(
                Json.parseObject(message)).get(0);

        JsonObject payload = payload(alarm);

        assertTrue(text(payload).startsWith("ALARM: `*_~ <!here> 🔥"));
    }
}
