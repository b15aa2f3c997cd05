package dev.alertrelay.ecs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackSender;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.slack.testing.RecordingSlackSender;
import dev.alertrelay.common.testing.TestContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crash loop arrives as an SQS batch (the digest path) and becomes one message per service, not one per task. */
class EcsFailureStormTest {

    private final RecordingSlackSender slack = new RecordingSlackSender();

    private static List<String> ids(String sample) {
        List<String> ids = new ArrayList<>();
        for (var record : Json.array(Json.parseObject(EventFiles.text(sample)), "Records")) {
            ids.add(record.getAsJsonObject().get("messageId").getAsString());
        }
        return ids;
    }

    /** Runs the handler; returns the ids Lambda would redeliver (batchItemFailures). */
    private static List<String> run(SlackSender sender, String event) {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        new EcsTaskStoppedHandler(Map.<String, String>of()::get, sender)
                .handleRequest(EventFiles.streamOf(event), response, TestContext.of("ecs-task-stopped"));
        List<String> failed = new ArrayList<>();
        JsonArray failures = Json.parseObject(response.toString(StandardCharsets.UTF_8)).getAsJsonArray("batchItemFailures");
        failures.forEach(item -> failed.add(item.getAsJsonObject().get("itemIdentifier").getAsString()));
        return failed;
    }

    @Test
    void sevenStopsOfOneServiceBecomeOneDigestWithTheCountsAndTheMostTellingStop() {
        assertEquals(List.of(), run(slack, EventFiles.text("ecs-sqs-storm.json")));

        JsonObject digest = slack.only();
        BlockKitLimits.assertValid(digest);
        assertEquals("checkout (prod): 7 tasks stopped in 48 s \u2014 out of memory x5 (exit 137), crashed x2 (exit 1);"
                + " task definition checkout:43 (also :42)", digest.get("text").getAsString());
        String shown = digest.toString();
        assertTrue(shown.contains("Most telling stop: container resizer ran out of memory"), shown);
        assertTrue(shown.contains("/services/checkout/events?region=eu-west-1"), "links to the service's events");
        assertTrue(shown.contains("/tasks/000000000000000000000000000000b2/configuration"), "links to the most recent task");
    }

    @Test
    void aStopDeliveredTwiceInABatchCountsOnceAndARoutineStopIsDropped() {
        run(slack, EventFiles.text("ecs-sqs-storm.json"));
        assertTrue(slack.only().get("text").getAsString().contains("7 tasks stopped"), "9 messages: 7 stops, a duplicate, a deployment");
    }

    @Test
    void aSingleStopIsTodaysMessage() {
        assertEquals(List.of(), run(slack, EventFiles.text("ecs-sqs-single-stop.json")));
        assertEquals("ECS task crashed: service checkout (cluster prod): container app exited 1", slack.only().get("text").getAsString());
    }

    @Test
    void aMalformedBodyIsReportedFailedAndTheOthersAreDelivered() {
        List<String> ids = ids("ecs-sqs-malformed-body.json");
        assertEquals(List.of(ids.get(1)), run(slack, EventFiles.text("ecs-sqs-malformed-body.json")));
        assertEquals(1, slack.payloads().size());
    }

    @Test
    void whenOneServicesDigestCannotBeDeliveredExactlyItsMessagesAreRedelivered() {
        JsonObject storm = Json.parseObject(EventFiles.text("ecs-sqs-storm.json"));
        JsonObject other = Json.parseObject(EventFiles.text("ecs-sqs-single-stop.json"));
        JsonObject otherRecord = other.getAsJsonArray("Records").get(0).getAsJsonObject();
        JsonObject task = Json.parseObject(otherRecord.get("body").getAsString());
        task.getAsJsonObject("detail").addProperty("group", "service:payments");
        otherRecord.addProperty("body", Json.toJson(task));
        storm.getAsJsonArray("Records").add(otherRecord);
        SlackSender checkoutFails = new SlackSender() {
            @Override
            public void send(SlackMessage message, Deadline deadline) {
                if (message.text().startsWith("checkout")) {
                    throw new DeliveryException("Slack delivery failed after 5 attempts; last: HTTP 503", 5);
                }
                slack.send(message, deadline);
            }
        };

        List<String> failed = run(checkoutFails, Json.toJson(storm));

        List<String> stormIds = ids("ecs-sqs-storm.json");
        assertEquals(stormIds.subList(0, 7), failed, "the 7 stops of checkout, not the duplicate (dropped), the routine stop or payments");
        assertTrue(slack.only().get("text").getAsString().contains("service payments"));
    }

    @Test
    void theDirectEventBridgeDeliveryStillFailsTheInvocationWhenSlackFails() {
        SlackSender failing = (message, deadline) -> {
            throw new DeliveryException("down", 1);
        };
        org.junit.jupiter.api.Assertions.assertThrows(DeliveryException.class, () -> new EcsTaskStoppedHandler(Map.<String, String>of()::get, failing)
                .handleRequest(EventFiles.stream("ecs-crashed-service.json"), new ByteArrayOutputStream(), TestContext.of("ecs-task-stopped")));
    }
}
