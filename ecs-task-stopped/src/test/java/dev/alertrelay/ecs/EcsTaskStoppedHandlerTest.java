package dev.alertrelay.ecs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.slack.testing.RecordingSlackSender;
import dev.alertrelay.common.testing.TestContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EcsTaskStoppedHandlerTest {

    private final RecordingSlackSender slack = new RecordingSlackSender();

    private void run(Map<String, String> env, String sample) {
        new EcsTaskStoppedHandler(env::get, slack)
                .handleRequest(EventFiles.stream(sample), new ByteArrayOutputStream(), TestContext.of("ecs-task-stopped"));
    }

    /** Sends with NOTIFY_CATEGORIES=all so every sample shows its message; returns the one payload, checked against Slack's limits. */
    private JsonObject messageFor(String sample) {
        run(Map.of("NOTIFY_CATEGORIES", "all"), sample);
        JsonObject payload = slack.only();
        BlockKitLimits.assertValid(payload);
        return payload;
    }

    @Nested
    class EverySampleGetsItsCategory {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({
                "ecs-crashed-service.json, crashed",
                "ecs-crashed-exit-zero-service.json, crashed",
                "ecs-many-containers.json, crashed",
                "ecs-no-exit-codes.json, crashed",
                "ecs-unknown-fields.json, crashed",
                "ecs-out-of-memory.json, out-of-memory",
                "ecs-failed-to-start-image-pull.json, failed-to-start",
                "ecs-failed-to-start-secrets.json, failed-to-start",
                "ecs-failed-elb-health-checks.json, failed-health-checks",
                "ecs-failed-container-health-checks.json, failed-health-checks",
                "ecs-spot-interruption.json, spot-interruption",
                "ecs-infrastructure-host-terminated.json, infrastructure",
                "ecs-infrastructure-maintenance.json, infrastructure",
                "ecs-completed-standalone.json, completed",
                "ecs-routine-deployment.json, routine",
                "ecs-routine-user-stop.json, routine",
                "ecs-unknown.json, unknown",
                "ecs-sns-wrapped-crashed.json, crashed",
        })
        void sampleIsClassifiedAndShownAsItsCategory(String sample, String category) {
            JsonObject payload = messageFor(sample);
            assertTrue(Payloads.visibleText(payload).contains("category " + category), Payloads.visibleText(payload));
        }

        @Test
        void everyEcsSampleIsCoveredByTheTableAbove() throws IOException {
            try (Stream<java.nio.file.Path> files = Files.list(EventFiles.dir())) {
                long samples = files.map(p -> p.getFileName().toString())
                        .filter(name -> name.startsWith("ecs-") && !name.startsWith("ecs-sqs-")).count();
                assertEquals(19, samples, "18 STOPPED samples in the table plus ecs-not-stopped.json (SQS batches: EcsFailureStormTest)");
            }
        }
    }

    @Nested
    class WhatTheMessageShows {

        @Test
        void crashNamesServiceClusterContainerAndExitCodeInTheNotification() {
            JsonObject payload = messageFor("ecs-crashed-service.json");
            assertEquals("ECS task crashed: service checkout (cluster prod): container app exited 1", payload.get("text").getAsString());
            assertEquals(SlackMessage.COLOR_DANGER, Payloads.color(payload));
            assertEquals(":x: ECS task crashed: service checkout", Payloads.header(payload));
            String text = Payloads.visibleText(payload);
            assertTrue(text.contains("Essential container *app* exited with code `1` (application error)"), text);
            assertTrue(text.contains("`checkout:42`"), text);
            assertTrue(text.contains("`EssentialContainerExited`"), text);
            assertTrue(text.contains("Essential container in task exited"), text);
            assertTrue(text.contains("*Ran for*\n6 min 31 s"), text);
            assertTrue(text.contains("*Availability zone*\neu-west-1b"), text);
            assertTrue(text.contains("*Account*\n123456789012"), text);
            assertTrue(text.contains("*Region*\neu-west-1"), text);
            assertTrue(text.contains("*Capacity*\nFARGATE"), text);
            assertTrue(text.contains("<!date^1795230311^{date_short_pretty} {time_secs}|2026-11-21 03:05:11 UTC>"), text);
        }

        @Test
        void containersListTheFailingOneFirstWithItsImageTag() {
            String text = Payloads.visibleText(messageFor("ecs-crashed-service.json"));
            int app = text.indexOf("\u2022 *app* `checkout:v2.4.1` exit `1` (application error)");
            int envoy = text.indexOf("\u2022 *envoy* `aws-appmesh-envoy:v1.29.6.0-prod` exit `0` (success)");
            assertTrue(app >= 0 && envoy > app, text);
        }

        @Test
        void buttonsOpenTheTaskAndTheServiceInTheConsole() {
            assertEquals(List.of(
                    "https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/tasks/3f9c1a7e2b5d4c8e9a1f0b2c3d4e5f60/configuration?region=eu-west-1",
                    "https://eu-west-1.console.aws.amazon.com/ecs/v2/clusters/prod/services/checkout/health?region=eu-west-1"),
                    Payloads.buttonUrls(messageFor("ecs-crashed-service.json")));
        }

        @Test
        void serviceTaskExitingZeroIsExplainedAsACrash() {
            String text = Payloads.visibleText(messageFor("ecs-crashed-exit-zero-service.json"));
            assertTrue(text.contains("a service's task must keep running"), text);
        }

        @Test
        void outOfMemoryShowsTheMemoryLimitAndTheHintToRaiseItOrLookForALeak() {
            JsonObject payload = messageFor("ecs-out-of-memory.json");
            assertEquals("ECS task ran out of memory: service image-resizer (cluster prod): container resizer ran out of memory (limit 512 MiB)",
                    payload.get("text").getAsString());
            String text = Payloads.visibleText(payload);
            assertTrue(text.contains("Container *resizer* was killed for using more memory than it is allowed (512 MiB; task 1024 MiB)"), text);
            assertTrue(text.contains("raise the container's `memory`"), text);
            assertTrue(text.contains("look for a leak"), text);
            assertTrue(text.contains("*Capacity*\nprod-asg-ondemand (EC2)"), text);
        }

        @Test
        void imagePullFailureShowsTheImageAndTheLikelyCause() {
            JsonObject payload = messageFor("ecs-failed-to-start-image-pull.json");
            assertEquals("ECS task failed to start: service checkout (cluster prod): container app: CannotPullContainerError (image or tag not found)",
                    payload.get("text").getAsString());
            String text = Payloads.visibleText(payload);
            assertTrue(text.contains("pulling `123456789012.dkr.ecr.eu-west-1.amazonaws.com/checkout:v2.5.0`"), text);
            assertTrue(text.contains("check that this tag was pushed"), text);
            assertTrue(text.contains("*Ran for*\nnever started"), text);
        }

        @Test
        void secretsFailureWithNoExitCodesPointsAtTheExecutionRole() {
            JsonObject payload = messageFor("ecs-failed-to-start-secrets.json");
            String text = Payloads.visibleText(payload);
            assertTrue(text.contains("`ResourceInitializationError`"), text);
            assertTrue(text.contains("task execution role may read its secrets"), text);
            assertTrue(text.contains("\u2022 *worker* `billing-worker:1.8.0` no exit code"), text);
        }

        @Test
        void elbHealthCheckFailureNamesTheTargetGroup() {
            JsonObject payload = messageFor("ecs-failed-elb-health-checks.json");
            assertTrue(payload.get("text").getAsString().endsWith("failed ELB health checks (target group checkout-tg)"));
            assertTrue(Payloads.visibleText(payload).contains("target group *checkout-tg* found the task unhealthy"));
        }

        @Test
        void containerHealthCheckFailureSaysSo() {
            assertTrue(messageFor("ecs-failed-container-health-checks.json").get("text").getAsString()
                    .endsWith("failed container health checks"));
        }

        @Test
        void spotInterruptionIsAmberAndShowsTheSpotCapacityProvider() {
            JsonObject payload = messageFor("ecs-spot-interruption.json");
            assertEquals(SlackMessage.COLOR_WARNING, Payloads.color(payload));
            assertTrue(Payloads.visibleText(payload).contains("*Capacity*\nFARGATE_SPOT (FARGATE)"));
        }

        @Test
        void hostTerminationQuotesTheReason() {
            JsonObject payload = messageFor("ecs-infrastructure-host-terminated.json");
            assertTrue(payload.get("text").getAsString().endsWith("Host EC2 (instance i-0f1e2d3c4b5a69788) terminated."));
            assertEquals(SlackMessage.COLOR_WARNING, Payloads.color(payload));
        }

        @Test
        void completedStandaloneTaskIsGreenAndNamesItsFamilyWithoutAServiceButton() {
            JsonObject payload = messageFor("ecs-completed-standalone.json");
            assertEquals("ECS task completed: task nightly-report (cluster batch): container report exited 0", payload.get("text").getAsString());
            assertEquals(SlackMessage.COLOR_GOOD, Payloads.color(payload));
            assertTrue(Payloads.visibleText(payload).contains("*Task family*\nnightly-report"));
            assertEquals(1, Payloads.buttonUrls(payload).size());
        }

        @Test
        void deploymentNamesTheDeployment() {
            assertTrue(messageFor("ecs-routine-deployment.json").get("text").getAsString()
                    .endsWith("replaced by deployment ecs-svc/4412345678901234567"));
        }

        @Test
        void unknownStopShowsTheNewStopCodeAndTheReason() {
            JsonObject payload = messageFor("ecs-unknown.json");
            assertTrue(payload.get("text").getAsString().endsWith("Task stopped for a platform upgrade"));
            assertTrue(Payloads.visibleText(payload).contains("does not recognise this stop (stop code PlatformUpgradeInitiated)"));
        }

        @Test
        void taskWithNoExitCodesAndNullTimestampsStillGetsAMessage() {
            JsonObject payload = messageFor("ecs-no-exit-codes.json");
            assertTrue(payload.get("text").getAsString().endsWith("an essential container exited (no exit code reported)"));
            String text = Payloads.visibleText(payload);
            assertTrue(text.contains("*Ran for*\nnever started"), text);
            assertTrue(text.contains("\u2022 *ledger* `ledger:5.0.2` no exit code"), text);
        }

        @Test
        void thirtyContainersShowTheCulpritFirstAndCountTheRest() {
            JsonObject payload = messageFor("ecs-many-containers.json");
            assertTrue(payload.get("text").getAsString().endsWith("container worker-18 exited 2"));
            String text = Payloads.visibleText(payload);
            assertTrue(text.contains("*Containers (30)*\n\u2022 *worker-18* `fanout-worker:7.1.18` exit `2`"), text);
            assertTrue(text.contains("\u2026 and 22 more: 21 exited non-zero, 1 exited 0"), text);
        }

        @Test
        void aTaskEventThroughSnsReadsExactlyLikeTheDirectEventBridgeDelivery() {
            JsonObject viaSns = messageFor("ecs-sns-wrapped-crashed.json");
            slack.payloads().clear();
            JsonObject direct = messageFor("ecs-crashed-service.json");
            assertEquals(direct, viaSns);
        }

        @Test
        void absentFactsAreLeftOutRatherThanShownAsADash() {
            String text = Payloads.visibleText(messageFor("ecs-no-exit-codes.json"));
            assertTrue(!text.contains("\n-\n") && !text.endsWith("\n-"), text);
        }

        @Test
        void aCapacityProviderNamedLikeItsLaunchTypeIsShownOnce() {
            TaskStop fargate = TaskStopBuilder.task().capacityProvider("FARGATE").launchType("FARGATE").build();
            TaskStop spot = TaskStopBuilder.task().capacityProvider("FARGATE_SPOT").launchType("FARGATE").build();
            assertEquals("FARGATE", TaskStopMessageFormatter.capacity(fargate));
            assertEquals("FARGATE_SPOT (FARGATE)", TaskStopMessageFormatter.capacity(spot));
        }

        @Test
        void unknownFieldsAndWrongTypesAreIgnored() {
            JsonObject payload = messageFor("ecs-unknown-fields.json");
            assertEquals("ECS task crashed: service geo-api (cluster prod): container api exited 139", payload.get("text").getAsString());
            assertTrue(Payloads.visibleText(payload).contains("(segmentation fault)"));
        }
    }

    @Nested
    class WhatIsSent {

        @Test
        void aTaskThatIsNotStoppedSendsNothing() {
            run(Map.of("NOTIFY_CATEGORIES", "all"), "ecs-not-stopped.json");
            assertTrue(slack.payloads().isEmpty());
        }

        @Test
        void routineAndCompletedStopsSendNothingByDefault() {
            run(Map.of(), "ecs-routine-deployment.json");
            run(Map.of(), "ecs-routine-user-stop.json");
            run(Map.of(), "ecs-completed-standalone.json");
            assertTrue(slack.payloads().isEmpty());
        }

        @Test
        void failuresAndUnknownStopsAreSentByDefault() {
            for (String sample : List.of("ecs-crashed-service.json", "ecs-out-of-memory.json", "ecs-failed-to-start-image-pull.json",
                    "ecs-failed-elb-health-checks.json", "ecs-spot-interruption.json", "ecs-infrastructure-maintenance.json", "ecs-unknown.json")) {
                run(Map.of(), sample);
            }
            assertEquals(7, slack.payloads().size());
        }

        @Test
        void notifyCategoriesLimitsWhatIsSent() {
            run(Map.of("NOTIFY_CATEGORIES", "out-of-memory"), "ecs-crashed-service.json");
            run(Map.of("NOTIFY_CATEGORIES", "out-of-memory"), "ecs-out-of-memory.json");
            assertEquals(1, slack.payloads().size());
            assertTrue(slack.only().get("text").getAsString().startsWith("ECS task ran out of memory"));
        }

        @Test
        void aDuplicateDeliveryOfTheSameVersionIsSentOnce() {
            var handler = new EcsTaskStoppedHandler(Map.<String, String>of()::get, slack);
            handler.handleRequest(EventFiles.stream("ecs-crashed-service.json"), new ByteArrayOutputStream(), TestContext.of("f"));
            handler.handleRequest(EventFiles.stream("ecs-crashed-service.json"), new ByteArrayOutputStream(), TestContext.of("f"));
            assertEquals(1, slack.payloads().size());
        }

        @Test
        void aNewerVersionOfTheSameTaskIsSentAgain() {
            var handler = new EcsTaskStoppedHandler(Map.<String, String>of()::get, slack);
            String event = EventFiles.text("ecs-crashed-service.json");
            handler.handleRequest(EventFiles.streamOf(event), new ByteArrayOutputStream(), TestContext.of("f"));
            handler.handleRequest(EventFiles.streamOf(event.replace("\"version\": 5", "\"version\": 6")), new ByteArrayOutputStream(), TestContext.of("f"));
            assertEquals(2, slack.payloads().size());
        }

        @Test
        void aFailedSendIsNotRememberedSoTheRetryIsSent() {
            var failing = new dev.alertrelay.slack.SlackSender() {
                int calls;

                @Override
                public void send(SlackMessage message, dev.alertrelay.common.http.Deadline deadline) {
                    if (calls++ == 0) {
                        throw new dev.alertrelay.common.http.DeliveryException("Slack answered 500", 1);
                    }
                }
            };
            var handler = new EcsTaskStoppedHandler(Map.<String, String>of()::get, failing);
            assertThrows(RuntimeException.class, () -> handler.handleRequest(EventFiles.stream("ecs-crashed-service.json"),
                    new ByteArrayOutputStream(), TestContext.of("f")));
            handler.handleRequest(EventFiles.stream("ecs-crashed-service.json"), new ByteArrayOutputStream(), TestContext.of("f"));
            assertEquals(2, failing.calls);
        }

        @Test
        void anotherEventTypeIsIgnored() {
            String event = EventFiles.text("ecs-crashed-service.json").replace("ECS Task State Change", "ECS Container Instance State Change");
            new EcsTaskStoppedHandler(Map.<String, String>of()::get, slack)
                    .handleRequest(EventFiles.streamOf(event), new ByteArrayOutputStream(), TestContext.of("f"));
            assertTrue(slack.payloads().isEmpty());
        }

        @Test
        void aStopTimeBefore1970IsShownAsTextInAMessageSlackAccepts() {
            String event = EventFiles.text("ecs-crashed-service.json")
                    .replace("\"stoppedAt\": \"2026-11-21T03:05:11.942Z\"", "\"stoppedAt\": \"-999999999-01-01T00:00:00Z\"");
            new EcsTaskStoppedHandler(Map.<String, String>of()::get, slack)
                    .handleRequest(EventFiles.streamOf(event), new ByteArrayOutputStream(), TestContext.of("f"));
            BlockKitLimits.assertValid(slack.only());
            assertTrue(Payloads.visibleText(slack.only()).contains("-999999999-01-01 00:00:00 UTC"), Payloads.visibleText(slack.only()));
        }

        @Test
        void anEventWithoutDetailIsInvalid() {
            var handler = new EcsTaskStoppedHandler(Map.<String, String>of()::get, slack);
            assertThrows(InvalidEventException.class, () -> handler.handleRequest(
                    EventFiles.streamOf("{\"detail-type\":\"ECS Task State Change\"}"), new ByteArrayOutputStream(), TestContext.of("f")));
        }

        @Test
        void aTypoInNotifyCategoriesFailsAtStartUp() {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> new EcsTaskStoppedHandler(Map.of("NOTIFY_CATEGORIES", "crashed,oom")::get, slack));
            assertTrue(error.getMessage().contains("[oom]"), error.getMessage());
        }
    }
}
