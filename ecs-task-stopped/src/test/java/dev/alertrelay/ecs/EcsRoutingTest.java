package dev.alertrelay.ecs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.testing.RecordingSlackSender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** examples/routes.json through ecs-task-stopped: cluster, service and category decide the team's channel. */
class EcsRoutingTest {

    private final Map<String, RecordingSlackSender> webhooks = new TreeMap<>();

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        try {
            env.put("ROUTES", Files.readString(Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("examples/routes.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : List.of("SLACK_WEBHOOK_URL", "SLACK_WEBHOOK_URL_PAYMENTS", "SLACK_WEBHOOK_URL_SEARCH",
                "SLACK_WEBHOOK_URL_PLATFORM", "PAGERDUTY_ROUTING_KEY_PAYMENTS", "PAGERDUTY_ROUTING_KEY_EDGE")) {
            env.put(name, "https://hooks.slack.com/services/T0/B0/" + name);
        }
        return env;
    }

    private void run(String account, String cluster, String service, String sample) {
        JsonObject event = Json.parseObject(EventFiles.text(sample));
        event.addProperty("account", account);
        JsonObject detail = event.getAsJsonObject("detail");
        detail.addProperty("clusterArn", "arn:aws:ecs:eu-west-1:" + account + ":cluster/" + cluster);
        detail.addProperty("group", "service:" + service);
        Map<String, String> env = env();
        SlackNotifier notifier = SlackNotifier.webhooks(name -> webhooks.computeIfAbsent(name, n -> new RecordingSlackSender()));
        new EcsTaskStoppedHandler(env::get, notifier, RoutesSource.fromEnvironment(env::get, new SecretResolver(env::get)))
                .handleRequest(EventFiles.streamOf(Json.toJson(event)), new ByteArrayOutputStream(), TestContext.of("ecs-task-stopped"));
        webhooks.values().forEach(sender -> sender.payloads().forEach(BlockKitLimits::assertValid));
    }

    @Test
    void aProductionCrashOfATeamsServiceGoesToItsChannelAndRingsItsPeople() {
        run("999988887777", "prod-eu", "checkout-web", "ecs-crashed-service.json");

        assertEquals(List.of("SLACK_WEBHOOK_URL_PAYMENTS"), List.copyOf(webhooks.keySet()));
        assertTrue(Json.string(webhooks.get("SLACK_WEBHOOK_URL_PAYMENTS").only(), "text").startsWith("<!subteam^S0PAYMENTS> "));
    }

    @Test
    void theSameServiceOnAnotherClusterIsNotTheTeamsAndGoesToTheDefault() {
        run("999988887777", "staging", "checkout-web", "ecs-crashed-service.json");

        assertEquals(List.of("SLACK_WEBHOOK_URL"), List.copyOf(webhooks.keySet()));
        assertFalse(Json.toJson(webhooks.get("SLACK_WEBHOOK_URL").only()).contains("subteam"));
    }

    @Test
    void aQuietAccountsStopIsNotPosted() {
        run("444455556666", "prod-eu", "checkout-web", "ecs-crashed-service.json");

        assertTrue(webhooks.isEmpty(), webhooks.keySet().toString());
    }

    @Test
    void aStormOfStopsIsFoldedPerTeam() {
        Map<String, String> env = env();
        SlackNotifier notifier = SlackNotifier.webhooks(name -> webhooks.computeIfAbsent(name, n -> new RecordingSlackSender()));
        new EcsTaskStoppedHandler(env::get, notifier, RoutesSource.fromEnvironment(env::get, new SecretResolver(env::get)))
                .handleRequest(EventFiles.stream("ecs-sqs-storm.json"), new ByteArrayOutputStream(), TestContext.of("ecs-task-stopped"));

        assertEquals(List.of("SLACK_WEBHOOK_URL"), List.copyOf(webhooks.keySet()), "cluster prod is not prod-*: the default");
        assertEquals(1, webhooks.get("SLACK_WEBHOOK_URL").payloads().size(), "one digest for the service");
    }

    @Test
    void aStopThatOneOfItsTwoChannelsRefusedIsRedeliveredWholeNotForgotten() {
        Map<String, String> env = env();
        env.put("ROUTES", """
                {"routes":[{"name":"a","match":{"cluster":["prod"]},"slack":{"webhook":"SLACK_WEBHOOK_URL_PAYMENTS"}},
                           {"name":"b","match":{"cluster":["prod"]},"slack":{"webhook":"SLACK_WEBHOOK_URL_SEARCH"}}]}""");
        RecordingSlackSender a = new RecordingSlackSender();
        int[] refusals = {0};
        SlackNotifier notifier = SlackNotifier.webhooks(name -> name.equals("SLACK_WEBHOOK_URL_PAYMENTS") ? a : (message, deadline) -> {
            refusals[0]++;
            throw new dev.alertrelay.common.http.DeliveryException("Slack rejected the request: HTTP 500", 3);
        });
        EcsTaskStoppedHandler handler = new EcsTaskStoppedHandler(env::get, notifier,
                RoutesSource.fromEnvironment(env::get, new SecretResolver(env::get)));
        for (int delivery = 0; delivery < 2; delivery++) {
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            handler.handleRequest(EventFiles.stream("ecs-sqs-single-stop.json"), response, TestContext.of("ecs-task-stopped"));
            assertTrue(response.toString(java.nio.charset.StandardCharsets.UTF_8).contains("itemIdentifier"), "reported failed");
        }
        assertEquals(2, refusals[0], "the redelivered stop is tried again where it failed");
        assertEquals(2, a.payloads().size(), "and shown again where it arrived: better than lost");
    }
}
