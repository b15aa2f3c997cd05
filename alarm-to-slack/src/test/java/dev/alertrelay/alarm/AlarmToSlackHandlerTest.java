package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.slack.testing.RecordingSlackSender;
import dev.alertrelay.common.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.alertrelay.alarm.SlackPayloads.buttons;
import static dev.alertrelay.alarm.SlackPayloads.color;
import static dev.alertrelay.alarm.SlackPayloads.fields;
import static dev.alertrelay.alarm.SlackPayloads.header;
import static dev.alertrelay.alarm.SlackPayloads.sections;
import static dev.alertrelay.alarm.SlackPayloads.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every sample in events/ through the handler, asserting what the person on call sees in Slack. */
class AlarmToSlackHandlerTest {

    private static final String CLOUDWATCH_TOKYO = "https://ap-northeast-1.console.aws.amazon.com/cloudwatch/home?region=ap-northeast-1#alarmsV2:alarm/";
    private static final String CLOUDWATCH_VIRGINIA = "https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#alarmsV2:alarm/";

    private final RecordingSlackSender slack = new RecordingSlackSender();

    private List<JsonObject> run(String sample) {
        return run(sample, Map.of());
    }

    private List<JsonObject> run(String sample, Map<String, String> env) {
        new AlarmToSlackHandler(env::get, slack).handleRequest(EventFiles.stream(sample), new ByteArrayOutputStream(),
                TestContext.of("alarm-to-slack"));
        slack.payloads().forEach(BlockKitLimits::assertValid);
        return slack.payloads();
    }

    private JsonObject runOne(String sample) {
        List<JsonObject> payloads = run(sample);
        assertEquals(1, payloads.size(), "messages sent for " + sample);
        return payloads.get(0);
    }

    static Stream<String> alarmSamples() throws IOException {
        try (Stream<Path> files = Files.list(EventFiles.dir())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("alarm-") && name.endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("alarmSamples")
    void everySampleBecomesMessagesSlackAccepts(String sample) {
        List<JsonObject> payloads = run(sample);

        int expected = switch (sample) {
            case "alarm-sns-no-records.json", "alarm-eventbridge-configuration-change.json" -> 0;
            case "alarm-sns-multiple-records.json", "alarm-sqs-storm-mixed.json", "alarm-sqs-redelivered.json" -> 2;
            default -> 1;
        };
        assertEquals(expected, payloads.size());
    }

    @Test
    void anAlarmConfigurationChangeIsNotPostedAsAStateChange() {
        assertEquals(List.of(), run("alarm-eventbridge-configuration-change.json"));
    }

    @Test
    void anEventBridgeEnvelopeCarryingAlarmDataLendsItsAccountAndAlarmArn() {
        JsonObject payload = runOne("alarm-eventbridge-envelope-alarmdata.json");

        assertEquals("123456789012", fields(payload).get("Account"));
        assertEquals("ap-northeast-1", fields(payload).get("Region"));
        assertEquals(CLOUDWATCH_TOKYO + "shop-checkout-degraded", buttons(payload).get("Open alarm"));
    }

    @Test
    void anAlarmThroughAnSqsQueueSubscribedToTheTopicReadsLikeTheSnsDelivery() {
        JsonObject viaQueue = runOne("alarm-sqs-sns-notification.json");
        slack.payloads().clear();
        JsonObject viaSns = runOne("alarm-sns-alb-healthyhostcount.json");

        assertEquals(Json.toJson(viaSns), Json.toJson(viaQueue));
    }

    @Test
    void theFoundingAlbAlarmSaysWhatFiredWhereAndLinksToTheAlarmAndTargetGroup() {
        JsonObject payload = runOne("alarm-sns-alb-healthyhostcount.json");

        assertEquals("ALARM: shop-alb-no-healthy-hosts: HealthyHostCount < 1 in ap-northeast-1", text(payload));
        assertEquals(SlackMessage.COLOR_DANGER, color(payload));
        assertEquals(":red_circle: ALARM: shop-alb-no-healthy-hosts", header(payload));
        assertEquals("The shop ALB has no healthy targets: every request gets a 503. Check the instance and its health check path /healthz.",
                sections(payload).get(0));
        assertTrue(sections(payload).get(1).startsWith("*Reason*\nThreshold Crossed: 1 out of the last 1 datapoints"));
        assertEquals(Map.of(
                "Metric", "HealthyHostCount _(AWS/ApplicationELB)_",
                "Condition", "HealthyHostCount &lt; 1: Minimum over 1 min, 1 of 1 datapoints",
                "TargetGroup", "shop-web-tg",
                "LoadBalancer", "shop-alb",
                "Transition", "OK → ALARM",
                "Since", "<!date^1795230312^{date_short_pretty} {time}|2026-11-21 03:05 UTC>",
                "Account", "123456789012",
                "Region", "ap-northeast-1"), fields(payload));
        assertEquals(Map.of(
                "Open alarm", CLOUDWATCH_TOKYO + "shop-alb-no-healthy-hosts",
                "Target group", "https://ap-northeast-1.console.aws.amazon.com/ec2/home?region=ap-northeast-1#TargetGroup:targetGroupArn="
                        + "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:targetgroup/shop-web-tg/73e2d6bc24d8a067",
                "Load balancer", "https://ap-northeast-1.console.aws.amazon.com/ec2/home?region=ap-northeast-1#LoadBalancer:loadBalancerArn="
                        + "arn:aws:elasticloadbalancing:ap-northeast-1:123456789012:loadbalancer/app/shop-alb/50dc6c495c0c9188"),
                buttons(payload));
    }

    @Test
    void theRecoveryIsGreenAndShowsTheTransitionBack() {
        JsonObject payload = runOne("alarm-sns-alb-healthyhostcount-ok.json");

        assertEquals("OK: shop-alb-no-healthy-hosts: HealthyHostCount < 1 in ap-northeast-1", text(payload));
        assertEquals(SlackMessage.COLOR_GOOD, color(payload));
        assertEquals(":large_green_circle: OK: shop-alb-no-healthy-hosts", header(payload));
        assertEquals("ALARM → OK", fields(payload).get("Transition"));
    }

    @Test
    void insufficientDataIsAmberWithTheInstanceAndItsCondition() {
        JsonObject payload = runOne("alarm-sns-insufficient-data.json");

        assertEquals("INSUFFICIENT_DATA: batch-worker-cpu-high: CPUUtilization > 90 in ap-northeast-1", text(payload));
        assertEquals(SlackMessage.COLOR_WARNING, color(payload));
        assertEquals("CPUUtilization &gt; 90: Average over 5 min, 3 of 3 datapoints", fields(payload).get("Condition"));
        assertEquals("i-0abc1234def567890", fields(payload).get("InstanceId"));
        assertEquals("OK → INSUFFICIENT_DATA", fields(payload).get("Transition"));
        assertEquals(List.of("Open alarm"), List.copyOf(buttons(payload).keySet()));
    }

    @Test
    void aMetricMathAlarmShowsItsExpressionInputsAndCondition() {
        JsonObject payload = runOne("alarm-sns-metric-math.json");

        assertEquals("ALARM: checkout-error-rate: Error rate (%) > 5 in us-east-1", text(payload));
        Map<String, String> fields = fields(payload);
        assertEquals("`100*(m1/m2)`", fields.get("Expression"));
        assertEquals("`m1` = Errors (AWS/Lambda, Sum)\n`m2` = Invocations (AWS/Lambda, Sum)", fields.get("Inputs"));
        assertEquals("Error rate (%) &gt; 5: over 1 min, 1 of 1 datapoints", fields.get("Condition"));
        assertEquals("checkout", fields.get("FunctionName"));
        assertEquals(CLOUDWATCH_VIRGINIA + "checkout-error-rate", buttons(payload).get("Open alarm"));
    }

    @Test
    void anAnomalyDetectionAlarmShowsTheBandExpression() {
        JsonObject payload = runOne("alarm-sns-anomaly-detection.json");

        assertEquals("ALARM: api-latency-anomaly: TargetResponseTime outside the expected band in us-east-1", text(payload));
        Map<String, String> fields = fields(payload);
        assertEquals("TargetResponseTime _(AWS/ApplicationELB)_", fields.get("Metric"));
        assertEquals("`ANOMALY_DETECTION_BAND(m1, 2)`", fields.get("Band"));
        assertEquals("TargetResponseTime outside the expected band: p90 over 5 min, 1 of 1 datapoints", fields.get("Condition"));
        assertEquals("public-api", fields.get("LoadBalancer"));
        assertEquals("https://us-east-1.console.aws.amazon.com/ec2/home?region=us-east-1#LoadBalancer:loadBalancerArn="
                + "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/public-api/9f1e2d3c4b5a6978",
                buttons(payload).get("Load balancer"));
    }

    @Test
    void aCompositeAlarmShowsItsRuleAndTheChildrenThatTriggeredIt() {
        JsonObject payload = runOne("alarm-sns-composite.json");

        assertEquals("ALARM: shop-unavailable: triggered by shop-alb-no-healthy-hosts in ap-northeast-1", text(payload));
        assertTrue(sections(payload).contains(
                "*Rule*\n`ALARM(\"shop-alb-no-healthy-hosts\") OR (ALARM(\"shop-5xx-rate\") AND ALARM(\"shop-latency-p99\"))`"));
        assertTrue(sections(payload).contains("*Triggered by*\n• shop-alb-no-healthy-hosts (ALARM)"));
        assertFalse(fields(payload).containsKey("Condition"));
        assertEquals(CLOUDWATCH_TOKYO + "shop-unavailable", buttons(payload).get("Open alarm"));
    }

    @Test
    void absentNullAndEmptyDescriptionsLeaveNoEmptySection() {
        for (String sample : List.of("alarm-sns-description-absent.json", "alarm-sns-description-null.json",
                "alarm-sns-description-empty.json")) {
            slack.payloads().clear();
            JsonObject payload = runOne(sample);

            assertTrue(sections(payload).get(0).startsWith("*Reason*"), sample);
        }
    }

    @Test
    void aLongDescriptionIsShownWholeAndEscaped() {
        JsonObject payload = runOne("alarm-sns-description-long.json");

        String description = sections(payload).get(0);
        assertTrue(description.startsWith("Runbook: the shop ALB has no healthy targets"));
        assertTrue(description.contains("&lt;see /var/log/shop/app.log&gt; &amp; restart"));
        assertFalse(description.endsWith("…"));
    }

    @Test
    void anOldMessageWithoutAlarmArnTakesItsRegionFromTheTopic() {
        JsonObject payload = runOne("alarm-sns-old-without-arn.json");

        assertEquals("ALARM: legacy-rds-free-storage-low: FreeStorageSpace < 2147483648 in eu-west-1", text(payload));
        assertEquals("eu-west-1", fields(payload).get("Region"));
        assertEquals("legacy-db", fields(payload).get("DBInstanceIdentifier"));
        assertEquals("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/legacy-rds-free-storage-low",
                buttons(payload).get("Open alarm"));
    }

    @Test
    void aJapaneseNameWithSlashAndSpaceRendersIntactAndIsEncodedForTheConsole() {
        JsonObject payload = runOne("alarm-sns-japanese-name.json");

        assertEquals(":red_circle: ALARM: 本番/ショップ ALB 正常ホストなし", header(payload));
        assertTrue(text(payload).startsWith("ALARM: 本番/ショップ ALB 正常ホストなし: HealthyHostCount < 1"));
        assertTrue(sections(payload).get(0).startsWith("ショップのALBに正常なターゲットがありません。"));
        assertEquals(CLOUDWATCH_TOKYO + "$E6$9C$AC$E7$95$AA$2F$E3$82$B7$E3$83$A7$E3$83$83$E3$83$97$20ALB$20"
                        + "$E6$AD$A3$E5$B8$B8$E3$83$9B$E3$82$B9$E3$83$88$E3$81$AA$E3$81$97",
                buttons(payload).get("Open alarm"));
    }

    @Test
    void multipleRecordsBecomeOneMessageEachInOrder() {
        List<JsonObject> payloads = run("alarm-sns-multiple-records.json");

        assertEquals(List.of("ALARM: shop-alb-no-healthy-hosts: HealthyHostCount < 1 in ap-northeast-1",
                "OK: batch-worker-cpu-high: CPUUtilization > 90 in ap-northeast-1"), payloads.stream().map(SlackPayloads::text).toList());
    }

    @Test
    void aPlainTextMessageIsPostedWithItsSubjectTopicAndBody() {
        JsonObject payload = runOne("alarm-sns-not-alarm-text.json");

        assertEquals("SNS message on alert-relay-alarms: shop-web deployment finished", text(payload));
        assertEquals(SlackMessage.COLOR_NEUTRAL, color(payload));
        assertEquals(":envelope: shop-web deployment finished", header(payload));
        assertEquals("```\nDeploy of shop-web v2026.11.21-3 finished on 1 of 1 instances.\nRolled back: no.\n```", sections(payload).get(0));
        assertEquals("alert-relay-alarms", fields(payload).get("Topic"));
        assertEquals("ap-northeast-1", fields(payload).get("Region"));
    }

    @Test
    void aJsonMessageOfAnotherShapeIsPostedEscapedInACodeBlock() {
        JsonObject payload = runOne("alarm-sns-not-alarm-json.json");

        assertTrue(text(payload).startsWith("SNS message on alert-relay-alarms: {\"version\":\"0\""));
        assertEquals(":envelope: Message on alert-relay-alarms", header(payload));
        assertTrue(sections(payload).get(0).contains("\"message\":\"Spend &lt;80%&gt; &amp; rising\""));
    }

    @Test
    void anEventWithoutRecordsSendsNothingAndSucceeds() {
        assertEquals(List.of(), run("alarm-sns-no-records.json"));
    }

    @Test
    void theDirectAlarmActionReadsLikeTheSnsMessage() {
        JsonObject payload = runOne("alarm-action-lambda.json");

        assertEquals("ALARM: shop-alb-no-healthy-hosts: HealthyHostCount vs threshold 1 in ap-northeast-1", text(payload));
        Map<String, String> fields = fields(payload);
        assertEquals("HealthyHostCount vs threshold 1: Minimum over 1 min", fields.get("Condition"));
        assertEquals("shop-web-tg", fields.get("TargetGroup"));
        assertEquals("OK → ALARM", fields.get("Transition"));
        assertEquals(List.of("Open alarm", "Target group", "Load balancer"), List.copyOf(buttons(payload).keySet()));
    }

    @Test
    void theEventBridgeStateChangeShowsTheMetricMathAlarm() {
        JsonObject payload = runOne("alarm-eventbridge-state-change.json");

        assertEquals("ALARM: checkout-error-rate: Error rate (%) vs threshold 5 in us-east-1", text(payload));
        assertEquals("`100*(m1/m2)`", fields(payload).get("Expression"));
        assertEquals(CLOUDWATCH_VIRGINIA + "checkout-error-rate", buttons(payload).get("Open alarm"));
    }

    @Test
    void theEventBridgeCompositeListsItsTriggeringChild() {
        JsonObject payload = runOne("alarm-eventbridge-composite.json");

        assertEquals("ALARM: shop-unavailable: triggered by shop-alb-no-healthy-hosts in ap-northeast-1", text(payload));
        assertTrue(sections(payload).contains("*Triggered by*\n• shop-alb-no-healthy-hosts (ALARM)"));
    }

    @Test
    void statesLeftOutOfNotifyStatesAreSkipped() {
        List<JsonObject> payloads = run("alarm-sns-multiple-records.json", Map.of("NOTIFY_STATES", "ALARM"));

        assertEquals(List.of("ALARM: shop-alb-no-healthy-hosts: HealthyHostCount < 1 in ap-northeast-1"),
                payloads.stream().map(SlackPayloads::text).toList());
    }

    @Test
    void nonAlarmMessagesArePostedWhateverNotifyStatesSays() {
        assertEquals(1, run("alarm-sns-not-alarm-text.json", Map.of("NOTIFY_STATES", "ALARM")).size());
    }

    @Test
    void anUnknownStateInNotifyStatesFailsAtStartUp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AlarmToSlackHandler(Map.of("NOTIFY_STATES", "ALARM,ALARMS")::get, slack));
        assertTrue(e.getMessage().contains("\"ALARMS\""));
    }

    @Test
    void anEventOfAnotherKindIsRejectedAsInvalid() {
        assertThrows(InvalidEventException.class, () -> new AlarmToSlackHandler(Map.<String, String>of()::get, slack).handleRequest(
                EventFiles.streamOf("{\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\",\"detail\":{}}"),
                new ByteArrayOutputStream(), TestContext.of("alarm-to-slack")));
    }
}
