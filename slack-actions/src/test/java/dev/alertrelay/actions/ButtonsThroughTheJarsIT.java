package dev.alertrelay.actions;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.slack.testing.ThreadTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buttons end to end: alarm-to-slack's jar posts the thread (Slack stand-in, thread state in moto's DynamoDB), the
 * slack-actions jar answers signed clicks on it, and alarm-to-slack's jar delivers the alarm's later changes as the
 * clicks decided. Each run is a fresh process, as each cold Lambda container is.
 */
class ButtonsThroughTheJarsIT {

    private static final String TOKEN = "xoxb-123456789012-secret-bot-token";
    private static final String SIGNING_SECRET = "0123456789abcdef-signing-secret-under-test";
    private static final String ROUTING_KEY = "R0UTINGKEY0123456789abcdefghijkl";
    private static final String CHANNEL = "C0ALERTS01";
    private static final String THREAD = "alarm|arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:shop-alb-no-healthy-hosts";

    private static MotoServer moto;
    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final RecordingHttpServer pagerDuty = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED);
    private final String table = "alarm-state-" + UUID.randomUUID();
    private int clicks;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @AfterEach
    void stop() {
        slack.close();
        pagerDuty.close();
    }

    private Map<String, String> common() {
        Map<String, String> env = new HashMap<>(moto.awsEnvironment());
        env.put("SLACK_BOT_TOKEN", TOKEN);
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("ALARM_STATE_TABLE", table);
        return env;
    }

    private void alarmToSlack(String sample) {
        Map<String, String> env = common();
        env.put("SLACK_CHANNEL_ID", CHANNEL);
        env.put("SLACK_ACTIONS", "on");
        env.put("AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:9");
        env.put("ALARM_CHARTS", "off");
        JarProcess.Result result = JarProcess.run(JarProcess.siblingJar("alarm-to-slack"), List.of(), env, null, sample);
        assertEquals(0, result.exitCode(), result.all());
        assertFalse(result.all().contains(TOKEN), result.all());
    }

    /** Runs the slack-actions jar on one request; returns the function URL response. */
    private JsonObject slackActions(JsonObject request) {
        Map<String, String> env = common();
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.put("SLACK_TEAM_ID", SignedClicks.TEAM);
        env.put("PAGERDUTY_ROUTING_KEY", ROUTING_KEY);
        env.put("PAGERDUTY_EVENTS_URL", pagerDuty.url("/v2/enqueue"));
        JarProcess.Result result = JarProcess.run(env, request.toString(), "-");
        assertEquals(0, result.exitCode(), result.all());
        for (String secret : List.of(TOKEN, SIGNING_SECRET, ROUTING_KEY)) {
            assertFalse(result.all().contains(secret), "a secret in the output: " + result.all());
        }
        String[] lines = result.stdout().strip().split("\n");
        return Json.parseObject(lines[lines.length - 1]);
    }

    private JsonObject click(String action, String user) {
        return clickAs(action, user, "1764558100." + String.format("%06d", ++clicks));
    }

    private JsonObject clickAs(String action, String user, String actionTs) {
        return SignedClicks.click(SIGNING_SECRET, System.currentTimeMillis() / 1000, "alert-relay:" + action, THREAD, CHANNEL,
                topTs(), user, actionTs);
    }

    private String topTs() {
        return slack.topLevelPosts().get(0).arguments().get("ts") == null ? "1764558000.000001"
                : slack.topLevelPosts().get(0).argument("ts");
    }

    private List<SlackWebApiStandIn.Call> replies() {
        return slack.accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") != null).toList();
    }

    private String lastTop() {
        List<SlackWebApiStandIn.Call> updates = slack.accepted("chat.update");
        return updates.get(updates.size() - 1).arguments().toString();
    }

    /** The sample's ALARM repeated a minute later: the alarm flapped back into ALARM while its thread is open. */
    private static String repeatedAlarm(Path directory) throws IOException {
        String sample = Files.readString(EventFiles.path("alarm-sns-alb-healthyhostcount.json"));
        Path repeated = directory.resolve("alarm-repeated.json");
        Files.writeString(repeated, sample.replace("2026-11-21T03:05:12.402+0000", "2026-11-21T03:06:12.402+0000"));
        return repeated.toString();
    }

    @Test
    void acknowledgeSilenceAndPageFromTheThreadThenTheAlarmsLaterChangesFollowThem() throws IOException {
        ThreadTables.create(moto, table);
        alarmToSlack(EventFiles.path("alarm-sns-alb-healthyhostcount.json").toString());
        String top = slack.topLevelPosts().get(0).arguments().toString();
        assertTrue(top.contains("\"action_id\":\"alert-relay:acknowledge\"") && top.contains("alert-relay:page"), top);
        assertTrue(top.contains(THREAD), "each button names its thread: " + top);

        JsonObject acknowledge = click("acknowledge", "U0ALICE001");
        assertEquals(200, slackActions(acknowledge).get("statusCode").getAsInt());
        assertTrue(lastTop().contains("Acknowledged by <@U0ALICE001> at "), lastTop());
        assertFalse(lastTop().contains("alert-relay:acknowledge"), "acknowledged once: " + lastTop());
        assertEquals(1, replies().size());
        assertTrue(replies().get(0).arguments().toString().contains("<@U0ALICE001> acknowledged this"), replies().toString());

        assertEquals(200, slackActions(acknowledge).get("statusCode").getAsInt());
        assertEquals(1, replies().size(), "the same click delivered twice changes the thread once");

        slackActions(click("silence-1h", "U0BOB00001"));
        assertTrue(lastTop().contains("Silenced by <@U0BOB00001> until "), lastTop());
        assertTrue(lastTop().contains("alert-relay:unsilence"), lastTop());
        int repliesBefore = replies().size();
        int updatesBefore = slack.accepted("chat.update").size();

        Path directory = Files.createTempDirectory("buttons-it");
        try {
            alarmToSlack(repeatedAlarm(directory));
        } finally {
            JarProcess.deleteQuietly(directory.resolve("alarm-repeated.json"));
            JarProcess.deleteQuietly(directory);
        }
        assertEquals(repliesBefore, replies().size(), "a silenced repeat posts no reply (and so rings nobody)");
        assertEquals(updatesBefore + 1, slack.accepted("chat.update").size(), "it updates the top message only");
        assertTrue(lastTop().contains("Acknowledged by <@U0ALICE001>") && lastTop().contains("Silenced by <@U0BOB00001>"), lastTop());

        slackActions(click("page", "U0CAROL001"));
        List<RecordingHttpServer.Request> pages = pagerDuty.requests();
        assertEquals(1, pages.size());
        JsonObject page = Json.parseObject(pages.get(0).body());
        assertEquals("trigger", page.get("event_action").getAsString());
        assertEquals("alert-relay-alarm:arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:shop-alb-no-healthy-hosts",
                page.get("dedup_key").getAsString(), "the incident logs-error-to-pagerduty opens for this alarm");
        assertTrue(page.toString().contains("https://example-shop.slack.com/archives/" + CHANNEL + "/p"), "the thread's permalink: " + page);
        assertTrue(lastTop().contains("Paged by <@U0CAROL001>"), lastTop());

        alarmToSlack(EventFiles.path("alarm-sns-alb-healthyhostcount-ok.json").toString());
        String resolved = lastTop();
        assertTrue(resolved.contains("#2EB67D"), "OK turns the thread green: " + resolved);
        assertTrue(resolved.contains("Acknowledged by <@U0ALICE001>"), "and keeps who acknowledged: " + resolved);
        assertFalse(resolved.contains("alert-relay:"), "a closed thread has no buttons: " + resolved);
        assertTrue(replies().get(replies().size() - 1).argument("text").startsWith("Resolved after"), "OK is always posted");
        JsonObject message = Json.parseObject(resolved);
        message.remove("_accepted");
        BlockKitLimits.assertValid(message);
    }

    @Test
    void aForgedClickIsRefusedAndChangesNothing() {
        ThreadTables.create(moto, table);
        alarmToSlack(EventFiles.path("alarm-sns-alb-healthyhostcount.json").toString());
        int calls = slack.calls().size();
        JsonObject forged = SignedClicks.click("not-the-signing-secret", System.currentTimeMillis() / 1000, "alert-relay:acknowledge",
                THREAD, CHANNEL, topTs(), "U0MALLORY1", "1764558100.000001");

        JsonObject answer = slackActions(forged);

        assertEquals(401, answer.get("statusCode").getAsInt());
        assertEquals("", answer.get("body").getAsString(), "no detail");
        assertEquals(calls, slack.calls().size(), "nothing changed in Slack");
    }
}
