package dev.alertrelay.alarm;

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

/** examples/routes.json through alarm-to-slack: each team's alarms in its channel, with its mention, storms per team. */
class AlarmRoutingTest {

    private final Map<String, RecordingSlackSender> webhooks = new TreeMap<>();
    /** The alarms' CloudWatch tags, by ARN (the search route matches on team=search). */
    private final Map<String, Map<String, String>> tags = new HashMap<>();

    private static String routes() {
        try {
            return Files.readString(Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("examples/routes.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> env(String routes) {
        Map<String, String> env = new HashMap<>();
        env.put("ROUTES", routes);
        for (String name : List.of("SLACK_WEBHOOK_URL", "SLACK_WEBHOOK_URL_PAYMENTS", "SLACK_WEBHOOK_URL_SEARCH",
                "SLACK_WEBHOOK_URL_PLATFORM", "PAGERDUTY_ROUTING_KEY_PAYMENTS", "PAGERDUTY_ROUTING_KEY_EDGE")) {
            env.put(name, "https://hooks.slack.com/services/T0/B0/" + name);
        }
        return env;
    }

    private void run(String event, Map<String, String> env) {
        run(event, env, "");
    }

    private void run(String event, Map<String, String> env, String portal) {
        if (!portal.isEmpty()) {
            env.put("ACCESS_PORTAL_URL", portal);
        }
        SlackNotifier notifier = SlackNotifier.webhooks(name -> webhooks.computeIfAbsent(name, n -> new RecordingSlackSender()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new AlarmToSlackHandler(env::get, notifier, RoutesSource.fromEnvironment(env::get, new SecretResolver(env::get)),
                (arn, deadline) -> tags.getOrDefault(arn, Map.of()))
                .handleRequest(EventFiles.streamOf(event), out, TestContext.of("alarm-to-slack"));
        webhooks.values().forEach(sender -> sender.payloads().forEach(BlockKitLimits::assertValid));
    }

    private static String alarm(String sample, String name, String account, String state) {
        JsonObject event = Json.parseObject(EventFiles.text(sample));
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject message = Json.parseObject(Json.string(sns, "Message"));
        message.addProperty("AlarmName", name);
        message.addProperty("AWSAccountId", account);
        message.addProperty("AlarmArn", "arn:aws:cloudwatch:ap-northeast-1:" + account + ":alarm:" + name);
        message.addProperty("NewStateValue", state);
        sns.addProperty("Message", Json.toJson(message));
        return Json.toJson(event);
    }

    @Test
    void aTeamsAlarmGoesToItsChannelAndRingsItsPeople() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "payments-api-5xx", "999988887777", "ALARM"), env(routes()));

        assertEquals(List.of("SLACK_WEBHOOK_URL_PAYMENTS"), List.copyOf(webhooks.keySet()));
        JsonObject message = webhooks.get("SLACK_WEBHOOK_URL_PAYMENTS").only();
        assertTrue(Json.string(message, "text").startsWith("<!subteam^S0PAYMENTS> [prod-payments (999988887777), prod] ALARM: payments-api-5xx"),
                Json.string(message, "text"));
    }

    @Test
    void aRecoveryReachesTheTeamWithoutRingingAnyone() {
        run(alarm("alarm-sns-alb-healthyhostcount-ok.json", "payments-api-5xx", "999988887777", "OK"), env(routes()));

        JsonObject message = webhooks.get("SLACK_WEBHOOK_URL_PAYMENTS").only();
        assertFalse(Json.toJson(message).contains("subteam"), Json.string(message, "text"));
    }

    @Test
    void anAlarmNoRouteNamesGoesToTheDefault() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "orders-db-cpu-high", "999988887777", "ALARM"), env(routes()));

        assertEquals(List.of("SLACK_WEBHOOK_URL"), List.copyOf(webhooks.keySet()));
    }

    @Test
    void aQuietAccountsAlarmIsNotPostedAnywhere() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "payments-api-5xx", "444455556666", "ALARM"), env(routes()));

        assertTrue(webhooks.isEmpty(), webhooks.keySet().toString());
    }

    @Test
    void anAlarmTwoRoutesNameGoesToBothOnce() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "checkout-alb-no-healthy-hosts", "111122223333", "ALARM"), env(routes()));

        assertEquals(List.of("SLACK_WEBHOOK_URL_PAYMENTS", "SLACK_WEBHOOK_URL_PLATFORM"), List.copyOf(webhooks.keySet()));
        webhooks.values().forEach(sender -> assertEquals(1, sender.payloads().size()));
        assertTrue(Json.string(webhooks.get("SLACK_WEBHOOK_URL_PLATFORM").only(), "text").startsWith("<!subteam^S0PAYMENTS> <!subteam^S0PLATFORM>"),
                "both routes' mentions");
    }

    @Test
    void aStormIsFoldedPerTeam() {
        run(EventFiles.text("alarm-sqs-storm.json"), env(routes()));

        JsonObject payments = webhooks.get("SLACK_WEBHOOK_URL_PAYMENTS").only();
        assertTrue(Json.string(payments, "text").contains("ALARM storm: 3 alarms in ALARM: checkout-api-latency-p99, payments-queue-age,"
                + " payments-lambda-errors"), Json.string(payments, "text"));
        assertTrue(Json.string(payments, "text").startsWith("<!subteam^S0PAYMENTS>"));
        JsonObject rest = webhooks.get("SLACK_WEBHOOK_URL").only();
        assertTrue(Json.string(rest, "text").startsWith("ALARM storm: 4 alarms in ALARM"), Json.string(rest, "text"));
    }

    @Test
    void anAlarmTaggedForATeamGoesToItsChannel() {
        tags.put("arn:aws:cloudwatch:ap-northeast-1:999988887777:alarm:query-latency", Map.of("team", "search"));
        run(alarm("alarm-sns-alb-healthyhostcount.json", "query-latency", "999988887777", "ALARM"), env(routes()));

        assertEquals(List.of("SLACK_WEBHOOK_URL_SEARCH"), List.copyOf(webhooks.keySet()));
    }

    @Test
    void anInvalidRoutesDocumentNeverLosesTheAlarmAndSaysWhy() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "payments-api-5xx", "999988887777", "ALARM"),
                env("{\"routes\":[{\"name\":\"payments\",\"match\":{\"alarmNmae\":[\"payments-*\"]},\"drop\":true}]}"));

        JsonObject message = webhooks.get("SLACK_WEBHOOK_URL").only();
        assertTrue(Json.toJson(message).contains("routes document (ROUTES) is invalid: route \\\"payments\\\": match.alarmNmae is not a match key"),
                Json.toJson(message));
    }

    @Test
    void aMessageFromAnotherAccountNamesItAndItsButtonsOpenThroughTheAccessPortal() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "payments-api-5xx", "999988887777", "ALARM"), env(routes()),
                "https://d-1234567890.awsapps.com/start");

        JsonObject message = webhooks.get("SLACK_WEBHOOK_URL_PAYMENTS").only();
        String text = Json.string(message, "text");
        assertTrue(text.startsWith("<!subteam^S0PAYMENTS> [prod-payments (999988887777), prod] ALARM: payments-api-5xx"), text);
        String json = Json.toJson(message);
        assertTrue(json.contains("Account prod-payments (999988887777)"), json);
        assertTrue(json.contains("\"url\":\"https://d-1234567890.awsapps.com/start/#/console?account_id=999988887777"
                + "&role_name=PaymentsOnCall&destination=https%3A%2F%2Fap-northeast-1.console.aws.amazon.com%2Fcloudwatch"), json);
    }

    @Test
    void anAccountTheDocumentDoesNotNameIsShownByItsId() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "orders-db-cpu-high", "123412341234", "ALARM"), env(routes()));

        JsonObject message = webhooks.get("SLACK_WEBHOOK_URL").only();
        assertTrue(Json.string(message, "text").startsWith("ALARM: orders-db-cpu-high"), Json.string(message, "text"));
        assertTrue(Json.toJson(message).contains("123412341234"));
    }

    @Test
    void aChannelRouteWithoutSlackAppModeFallsBackToTheWebhookAndSaysWhy() {
        run(alarm("alarm-sns-alb-healthyhostcount.json", "payments-api-5xx", "999988887777", "ALARM"),
                env("{\"routes\":[{\"name\":\"payments\",\"match\":{\"alarmName\":[\"payments-*\"]},\"slack\":{\"channel\":\"C0PAYMENTS\"}}]}"));

        JsonObject message = webhooks.get("SLACK_WEBHOOK_URL").only();
        assertTrue(Json.toJson(message).contains("needs Slack app mode"), Json.toJson(message));
    }
}
