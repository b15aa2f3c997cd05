package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackOverrides;
import dev.alertrelay.slack.SlackSender;
import dev.alertrelay.slack.testing.RecordingSlackSender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The queue path in an outage: storms fold into one message, posts are paced, nothing is lost or shown twice. */
class AlarmStormTest {

    private static final List<String> STORM_NAMES = List.of("shop-alb-no-healthy-hosts", "shop-alb-5xx", "checkout-api-latency-p99",
            "orders-db-cpu-high", "orders-db-connections", "payments-queue-age", "payments-lambda-errors");

    private final RecordingSlackSender slack = new RecordingSlackSender();

    /** Runs the handler on a sample with {@code sender}; returns the handler's batch response. */
    private static JsonObject run(AlarmToSlackHandler handler, String sample, TestContext context) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(EventFiles.stream(sample), response, context);
        return Json.parseObject(response.toString(StandardCharsets.UTF_8));
    }

    private JsonObject run(String sample, Map<String, String> env) {
        JsonObject response = run(new AlarmToSlackHandler(env::get, slack), sample, TestContext.of("alarm-to-slack"));
        slack.payloads().forEach(BlockKitLimits::assertValid);
        return response;
    }

    private static List<String> failedIds(JsonObject response) {
        List<String> ids = new ArrayList<>();
        response.getAsJsonArray("batchItemFailures").forEach(item -> ids.add(Json.string(item.getAsJsonObject(), "itemIdentifier")));
        return ids;
    }

    private static List<String> messageIds(String sample) {
        List<String> ids = new ArrayList<>();
        Json.parseObject(EventFiles.text(sample)).getAsJsonArray("Records")
                .forEach(record -> ids.add(Json.string(record.getAsJsonObject(), "messageId")));
        return ids;
    }

    @Test
    void sevenAlarmsInOneBatchAreOneMessageListingEveryAlarmWithTheFirstToChangeInFull() {
        JsonObject response = run("alarm-sqs-storm.json", Map.of());

        assertEquals(List.of(), failedIds(response));
        JsonObject storm = slack.only();
        String text = Json.toJson(storm);
        assertTrue(Json.string(storm, "text").startsWith("ALARM storm: 7 alarms in ALARM: shop-alb-no-healthy-hosts"), text);
        assertTrue(text.contains("7 alarms in ALARM"), text);
        for (String name : STORM_NAMES) {
            assertTrue(text.contains("alarmsV2:alarm/" + name + "|" + name + ">"), "a line linking " + name);
        }
        assertTrue(text.contains("*First to change: shop-alb-no-healthy-hosts*"), text);
        assertTrue(text.contains("HealthyHostCount &lt; 1"), "conditions in words, escaped: " + text);
        assertTrue(text.contains("account 123456789012") && text.contains("region ap-northeast-1"), text);
    }

    @Test
    void recoveriesAndNewAlarmsInOneBatchFoldSeparatelyAlarmFirst() {
        run("alarm-sqs-storm-mixed.json", Map.of());

        List<JsonObject> posts = slack.payloads();
        assertEquals(2, posts.size());
        assertTrue(Json.string(posts.get(0), "text").startsWith("ALARM storm: 3 alarms in ALARM"), Json.string(posts.get(0), "text"));
        assertTrue(Json.string(posts.get(1), "text").startsWith("OK storm: 4 alarms recovered (OK)"), Json.string(posts.get(1), "text"));
    }

    @Test
    void belowTheThresholdEachAlarmIsItsOwnMessage() {
        run("alarm-sqs-storm.json", Map.of(AlarmBatch.THRESHOLD_VARIABLE, "8"));

        assertEquals(7, slack.payloads().size());
        assertTrue(Json.string(slack.payloads().get(0), "text").startsWith("ALARM: shop-alb-no-healthy-hosts"));
    }

    @Test
    void aThresholdOfZeroNeverFolds() {
        run("alarm-sqs-storm.json", Map.of(AlarmBatch.THRESHOLD_VARIABLE, "0"));

        assertEquals(7, slack.payloads().size());
    }

    @Test
    void aRedeliveredChangeThatThisContainerAlreadyShowedIsNotShownAgain() {
        AlarmToSlackHandler handler = new AlarmToSlackHandler(Map.<String, String>of()::get, slack);
        run(handler, "alarm-sqs-storm.json", TestContext.of("alarm-to-slack"));
        JsonObject response = run(handler, "alarm-sqs-redelivered.json", TestContext.of("alarm-to-slack"));

        assertEquals(1, slack.payloads().size(), "the storm once; the redelivered pair is not posted again");
        assertEquals(List.of(), failedIds(response));
    }

    @Test
    void aStormSlackRefusesIsReportedAsExactlyItsMessagesSoNothingIsLost() {
        SlackSender refusing = (message, deadline) -> {
            throw new DeliveryException("Slack rejected the request: HTTP 500 rollup_error", 3);
        };
        JsonObject response = run(new AlarmToSlackHandler(Map.<String, String>of()::get, refusing), "alarm-sqs-storm-mixed.json",
                TestContext.of("alarm-to-slack"));

        assertEquals(messageIds("alarm-sqs-storm-mixed.json").stream().sorted().toList(), failedIds(response).stream().sorted().toList());
    }

    @Test
    void onlyThePostThatFailedIsRedelivered() {
        SlackSender okRefused = (message, deadline) -> {
            if (message.text().startsWith("OK")) {
                throw new DeliveryException("Slack rejected the request: HTTP 500 rollup_error", 3);
            }
            slack.send(message, deadline);
        };
        JsonObject response = run(new AlarmToSlackHandler(Map.<String, String>of()::get, okRefused), "alarm-sqs-storm-mixed.json",
                TestContext.of("alarm-to-slack"));

        assertEquals(messageIds("alarm-sqs-storm-mixed.json").subList(0, 4).stream().sorted().toList(),
                failedIds(response).stream().sorted().toList(), "the four recoveries, not the three alarms already shown");
        assertEquals(1, slack.payloads().size());
    }

    @Test
    void postsToOneWebhookArePacedASecondApartOnTheInvocationsClock() {
        VirtualClock clock = new VirtualClock();
        List<Instant> sentAt = new ArrayList<>();
        SlackSender timing = (message, deadline) -> sentAt.add(deadline.now());
        run(new AlarmToSlackHandler(Map.of(AlarmBatch.THRESHOLD_VARIABLE, "0")::get, timing), "alarm-sqs-storm.json",
                new TestContext("alarm-to-slack", 30_000, clock));

        assertEquals(7, sentAt.size());
        for (int i = 1; i < sentAt.size(); i++) {
            // a second apart from the moment each post was cleared to start; the send itself is measured a little later
            long gap = sentAt.get(i).toEpochMilli() - sentAt.get(i - 1).toEpochMilli();
            assertTrue(gap >= 950, "post " + i + " came " + gap + " ms after the one before");
        }
        assertTrue(Duration.between(sentAt.get(0), sentAt.get(6)).toMillis() >= 5_900, "six paced gaps");
    }

    @Test
    void postsThatCannotBePacedBeforeTheDeadlineAreLeftToTheRetryNotLost() {
        VirtualClock clock = new VirtualClock();
        List<String> sent = new ArrayList<>();
        SlackSender recording = (message, deadline) -> sent.add(message.text());
        JsonObject response = run(new AlarmToSlackHandler(Map.of(AlarmBatch.THRESHOLD_VARIABLE, "0")::get, recording),
                "alarm-sqs-storm.json", new TestContext("alarm-to-slack", 4_500, clock));

        List<String> failed = failedIds(response);
        assertFalse(sent.isEmpty(), "the first posts went out");
        assertFalse(failed.isEmpty(), "the rest did not fit before the deadline");
        assertEquals(7, sent.size() + failed.size(), "every alarm is either shown or redelivered");
        List<String> all = messageIds("alarm-sqs-storm.json");
        assertEquals(all.subList(sent.size(), all.size()), failed, "exactly the ones not shown");
    }

    @Test
    void aStormOfTwoHundredAlarmsStaysWithinSlacksLimits() {
        List<dev.alertrelay.common.alarm.CloudWatchAlarm> alarms = new ArrayList<>();
        JsonObject event = Json.parseObject(EventFiles.text("alarm-sns-alb-healthyhostcount.json"));
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        for (int i = 0; i < 200; i++) {
            JsonObject message = Json.parseObject(Json.string(sns, "Message"));
            message.addProperty("AlarmName", "service-" + i + "-" + "x".repeat(200) + "<!channel>");
            sns.addProperty("Message", Json.toJson(message));
            alarms.add((dev.alertrelay.common.alarm.CloudWatchAlarm) dev.alertrelay.common.alarm.AlarmEvents.parse(event).get(0));
        }
        SlackMessage storm = AlarmStormFormatter.format(alarms);
        JsonObject payload = storm.toPayload(SlackOverrides.NONE);
        BlockKitLimits.assertValid(payload);
        String text = Json.toJson(payload);
        assertTrue(text.contains("and " + (200 - AlarmStormFormatter.LISTED_MAX) + " more"), "the rest counted");
        assertFalse(text.contains("<!channel>"), "names are escaped");
    }

    @Test
    void aStormLargerThanOneMessageCanNameIsPostedInPartsNamingEveryAlarm() {
        JsonObject event = Json.parseObject(EventFiles.text("alarm-sqs-storm.json"));
        com.google.gson.JsonArray records = event.getAsJsonArray("Records");
        JsonObject template = records.get(0).getAsJsonObject();
        com.google.gson.JsonArray many = new com.google.gson.JsonArray();
        for (int i = 0; i < 130; i++) {
            JsonObject record = template.deepCopy();
            JsonObject body = Json.parseObject(Json.string(record, "body"));
            JsonObject alarm = Json.parseObject(Json.string(body, "Message"));
            alarm.addProperty("AlarmName", "service-" + i + "-no-healthy-hosts");
            alarm.addProperty("AlarmArn", "arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:service-" + i + "-no-healthy-hosts");
            body.addProperty("Message", Json.toJson(alarm));
            record.addProperty("body", Json.toJson(body));
            record.addProperty("messageId", "message-" + i);
            many.add(record);
        }
        event.add("Records", many);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        new AlarmToSlackHandler(Map.<String, String>of()::get, slack).handleRequest(EventFiles.streamOf(Json.toJson(event)), response,
                TestContext.of("alarm-to-slack"));

        assertEquals(3, slack.payloads().size(), "130 alarms: parts of 60, 60 and 10");
        assertTrue(Json.string(slack.payloads().get(0), "text").startsWith("ALARM storm: 130 alarms in ALARM (part 1 of 3)"));
        String all = slack.payloads().stream().map(Json::toJson).reduce("", String::concat);
        for (int i = 0; i < 130; i++) {
            assertTrue(all.contains("|service-" + i + "-no-healthy-hosts>"), "service-" + i + " is named");
        }
        slack.payloads().forEach(BlockKitLimits::assertValid);
    }
}
