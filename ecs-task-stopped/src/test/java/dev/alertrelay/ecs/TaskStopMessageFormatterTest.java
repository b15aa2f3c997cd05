package dev.alertrelay.ecs;

import com.google.gson.JsonObject;
import dev.alertrelay.slack.SlackOverrides;
import dev.alertrelay.common.testing.BlockKitLimits;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.alertrelay.ecs.TaskStopBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskStopMessageFormatterTest {

    private final TaskStopClassifier classifier = new TaskStopClassifier();
    private final TaskStopMessageFormatter formatter = new TaskStopMessageFormatter();

    private JsonObject payload(TaskStop task) {
        JsonObject payload = formatter.format(task, classifier.classify(task)).toPayload(SlackOverrides.NONE);
        BlockKitLimits.assertValid(payload);
        return payload;
    }

    @Test
    void aCrashedStandaloneTaskIsNotSaidToBeRestartedByAService() {
        String standalone = payload(task().standalone("nightly-report").stopCode("EssentialContainerExited")
                .reason("Essential container in task exited").container("report", 3).build()).toString();
        assertFalse(standalone.contains("a service restarts it"), standalone);
        assertTrue(standalone.contains("a standalone task is not restarted"), standalone);
        String service = payload(task().stopCode("EssentialContainerExited").reason("Essential container in task exited")
                .container("app", 1).build()).toString();
        assertTrue(service.contains("a service restarts it"), service);
    }

    @Test
    void aHugeStoppedReasonIsCutToFitSlack() {
        JsonObject payload = payload(task().stopCode("TaskFailedToStart").reason("CannotPullContainerError: " + "x".repeat(100_000)).build());
        assertTrue(payload.get("text").getAsString().length() <= TaskStopMessageFormatter.NOTIFICATION_MAX);
    }

    @Test
    void hundredsOfContainersWithHugeFieldsStayWithinSlackLimits() {
        TaskStopBuilder builder = task().stopCode("EssentialContainerExited").reason("Essential container in task exited");
        for (int i = 0; i < 500; i++) {
            builder.container(new TaskStop.Container("c".repeat(300) + i, "registry/" + "i".repeat(5000) + ":tag", "STOPPED",
                    i % 3 == 0 ? null : i % 7, "r&<>".repeat(2000), 99_999));
        }
        String text = Payloads.visibleText(payload(builder.build()));
        assertTrue(text.matches("(?s).*\u2026 and 49\\d more: \\d+ exited non-zero, \\d+ exited 0, \\d+ without exit code.*"), text);
    }

    @Test
    void untrustedTextCannotMentionTheChannelOrInjectLinks() {
        JsonObject payload = payload(task().stopCode("UserInitiated").reason("<!channel> see <https://evil.example|the fix> & more")
                .container("<@U123>", 1, "<!here>").build());
        String all = payload.toString();
        assertFalse(all.contains("<!channel>"), all);
        assertFalse(all.contains("<!here>"), all);
        assertFalse(all.contains("<@U123>"), all);
        assertFalse(all.contains("<https://evil"), all);
        assertTrue(payload.get("text").getAsString().contains("&lt;!channel&gt;"));
    }

    @Test
    void aRegionThatIsNotARegionCodeGetsNoConsoleButtons() {
        TaskStop good = task().build();
        TaskStop hostile = new TaskStop(good.account(), "evil.example/x?", good.eventTime(), good.clusterArn(), good.clusterName(),
                good.taskArn(), good.taskId(), good.taskDefinitionArn(), good.family(), good.revision(), good.group(), good.serviceName(),
                good.launchType(), good.capacityProviderName(), good.availabilityZone(), good.lastStatus(), good.desiredStatus(),
                good.stopCode(), good.stoppedReason(), good.startedAt(), good.stoppedAt(), good.taskMemoryMiB(), good.version(), good.containers());
        assertEquals(2, Payloads.buttonUrls(payload(good)).size());
        assertTrue(Payloads.buttonUrls(payload(hostile)).isEmpty());
    }

    @Test
    void aTaskWithNothingButItsStatusStillFormats() {
        TaskStop bare = new TaskStop(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                TaskStop.STOPPED, null, null, null, null, null, null, null, null);
        JsonObject payload = payload(bare);
        assertEquals("ECS task stopped for an unrecognised reason: unknown task: no stop code or reason given",
                payload.get("text").getAsString());
    }

    @Test
    void imageTagDropsTheRegistryAndShortensDigests() {
        assertEquals("checkout:v2", TaskStopMessageFormatter.imageTag("123456789012.dkr.ecr.eu-west-1.amazonaws.com/checkout:v2"));
        assertEquals("nginx", TaskStopMessageFormatter.imageTag("nginx"));
        assertEquals("app@sha256:0123456789ab",
                TaskStopMessageFormatter.imageTag("ghcr.io/acme/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
    }

    @Test
    void durationShowsTheTwoLargestUnits() {
        assertEquals("12 s", dev.alertrelay.common.text.Durations.inWords(Duration.ofSeconds(12)));
        assertEquals("6 min 31 s", dev.alertrelay.common.text.Durations.inWords(Duration.ofSeconds(391)));
        assertEquals("5 h 24 min", dev.alertrelay.common.text.Durations.inWords(Duration.ofMinutes(324)));
        assertEquals("3 d 4 h", dev.alertrelay.common.text.Durations.inWords(Duration.ofHours(76)));
    }
}
