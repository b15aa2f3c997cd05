package dev.alertrelay.ecs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.RecordingHttpServer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar run as a user runs it: {@code java -jar ecs-task-stopped.jar [--dry-run] <event>}. */
class EcsTaskStoppedJarIT {

    @Test
    void dryRunPrintsTheCrashMessageAsOneJsonLineAndABlockKitBuilderLink() {
        JarProcess.Result result = JarProcess.run(Map.of(), null, "--dry-run", EventFiles.path("ecs-crashed-service.json").toString());
        assertEquals(0, result.exitCode(), result.all());
        String[] lines = result.stdout().strip().split("\n");
        assertEquals(1, lines.length, result.stdout());
        JsonObject payload = Json.parseObject(lines[0]);
        BlockKitLimits.assertValid(payload);
        assertEquals("ECS task crashed: service checkout (cluster prod): container app exited 1", payload.get("text").getAsString());
        assertTrue(result.stderr().contains("Block Kit Builder: https://app.slack.com/block-kit-builder/#"), result.stderr());
        assertTrue(result.stderr().contains("ecs-task-stopped would send: category crashed"), result.stderr());
    }

    @Test
    void aRoutineStopPrintsNothingAndSaysWhyInOneLogLine() {
        JarProcess.Result result = JarProcess.run(Map.of(), null, "--dry-run", EventFiles.path("ecs-routine-deployment.json").toString());
        assertEquals(0, result.exitCode(), result.all());
        assertEquals("", result.stdout().strip());
        assertEquals(1, result.stderr().strip().lines().count(), result.stderr());
        assertTrue(result.stderr().contains("category routine is not in NOTIFY_CATEGORIES"), result.stderr());
    }

    @Test
    void deliversTheMessageToTheWebhookWithoutLoggingItsUrl() {
        try (RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK)) {
            String webhook = slack.url("/services/T000/B000/XXXXSECRET");
            JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", webhook, "SLACK_CHANNEL", "#oncall"),
                    EventFiles.text("ecs-out-of-memory.json"), "-");
            assertEquals(0, result.exitCode(), result.all());
            assertEquals(1, slack.requests().size());
            RecordingHttpServer.Request request = slack.requests().get(0);
            assertEquals("POST", request.method());
            assertEquals("/services/T000/B000/XXXXSECRET", request.path());
            JsonObject payload = Json.parseObject(request.body());
            BlockKitLimits.assertValid(payload);
            assertEquals("#oncall", payload.get("channel").getAsString());
            assertTrue(payload.get("text").getAsString().startsWith("ECS task ran out of memory: service image-resizer"));
            assertFalse(result.all().contains("XXXXSECRET"), result.all());
        }
    }

    @Test
    void anSqsBatchWhoseDigestCannotBeDeliveredPrintsTheBatchItemFailuresLambdaWouldRedeliver() {
        try (RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.Answer.of(400, "invalid_blocks"))) {
            JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", slack.url("/services/T/B/X")), null,
                    EventFiles.path("ecs-sqs-storm.json").toString());
            assertEquals(0, result.exitCode(), "a partial batch response is a success for Lambda: " + result.all());
            String[] lines = result.stdout().strip().split("\n");
            JsonObject response = Json.parseObject(lines[lines.length - 1]);
            assertEquals(7, response.getAsJsonArray("batchItemFailures").size(), result.stdout());
            assertEquals(1, slack.requests().size(), "one digest for the seven stops");
        }
    }

    @org.junit.jupiter.api.Test
    void theJarShipsUrlConnectionClientAsItsOnlyHttpClientAndStaysUnder20Mb() {
        dev.alertrelay.common.testing.JarContents.assertShipsOnlyUrlConnectionClient(dev.alertrelay.common.testing.JarProcess.jar(),
                dev.alertrelay.common.testing.JarContents.WITH_APP_MODE_MAX_BYTES);
    }

    @Test
    void aStopWhoseRegionIsAForgedKilobyteRunIsStillPostedWithoutConsoleLinksThere() {
        JsonObject event = Json.parseObject(EventFiles.text("ecs-crashed-service.json"));
        event.addProperty("region", "a-".repeat(3000) + "1");
        JarProcess.Result result = JarProcess.run(Map.of(), Json.toJson(event), "--dry-run", "-");
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(1, result.stdout().lines().filter(line -> !line.isBlank()).count(), result.stdout());
        assertFalse(result.stdout().contains("a-a-a-a-.console"), "a forged region never becomes a console host");
    }
}
