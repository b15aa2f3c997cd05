package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.slack.testing.PagerDutyRestStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A route naming a PagerDuty schedule, through the handler: its alarms ring whoever is on call now, in Slack app mode. */
class AlarmOnCallTest {

    private static final String TOKEN = "xoxb-1111-2222-secrettoken";
    private static final String API_KEY = "PdReadOnlyKey0123456789";
    private static final String ROUTES = """
            {"routes":[{"name":"payments","match":{"alarmName":["payments-*"]},"slack":{"channel":"C0PAYMENTS1"},
                        "mention":["<!subteam^S0PAYMENTS>"],"oncall":["P0PAYMT"]}]}""";

    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final PagerDutyRestStandIn pagerDuty = PagerDutyRestStandIn.start(API_KEY);
    private final VirtualClock clock = new VirtualClock();

    @AfterEach
    void stop() {
        slack.close();
        pagerDuty.close();
    }

    private void run(String event) {
        Map<String, String> env = new HashMap<>();
        env.put("ROUTES", ROUTES);
        env.put("SLACK_BOT_TOKEN", TOKEN);
        env.put("SLACK_CHANNEL_ID", "C0ALERTS01");
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("ALARM_CHARTS", "off");
        env.put("PAGERDUTY_API_KEY", API_KEY);
        env.put("PAGERDUTY_API_URL", pagerDuty.apiUrl());
        SecretResolver secrets = new SecretResolver(env::get);
        new AlarmToSlackHandler(env::get, AlarmToSlackHandler.notifier(env::get, secrets, false),
                RoutesSource.fromEnvironment(env::get, secrets), (arn, deadline) -> Map.of())
                .handleRequest(EventFiles.streamOf(event), new ByteArrayOutputStream(), new TestContext("alarm-to-slack", 30_000, clock));
    }

    private static String alarm(String sample, String name) {
        JsonObject event = Json.parseObject(EventFiles.text(sample));
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject message = Json.parseObject(Json.string(sns, "Message"));
        message.addProperty("AlarmName", name);
        sns.addProperty("Message", Json.toJson(message));
        return Json.toJson(event);
    }

    private SlackWebApiStandIn.Call onlyPost() {
        List<SlackWebApiStandIn.Call> posts = slack.accepted("chat.postMessage");
        assertEquals(1, posts.size(), slack.calls().toString());
        assertEquals("C0PAYMENTS1", posts.get(0).argument("channel"));
        return posts.get(0);
    }

    @Test
    void anAlarmRingsThePersonOnCallInTheTeamsChannel() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
        slack.knowsUser("alice@example.com", "U0ALICE");

        run(alarm("alarm-sns-alb-healthyhostcount.json", "payments-api-5xx"));

        String text = onlyPost().argument("text");
        assertTrue(text.startsWith("<!subteam^S0PAYMENTS> <@U0ALICE> ALARM: payments-api-5xx"), text);
    }

    @Test
    void aRecoveryAsksNobodyWhoIsOnCall() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
        slack.knowsUser("alice@example.com", "U0ALICE");

        run(alarm("alarm-sns-alb-healthyhostcount-ok.json", "payments-api-5xx"));

        assertFalse(onlyPost().argument("text").contains("<@"));
        assertTrue(pagerDuty.requests().isEmpty());
        assertTrue(slack.calls("users.lookupByEmail").isEmpty());
    }

    @Test
    void whenPagerDutyFailsTheAlarmIsPostedAtOnceNamingTheSchedule() {
        pagerDuty.answerNext(500, "").answerNext(500, "");

        run(alarm("alarm-sns-alb-healthyhostcount.json", "payments-api-5xx"));

        SlackWebApiStandIn.Call post = onlyPost();
        assertTrue(post.argument("text").startsWith("<!subteam^S0PAYMENTS> ALARM: payments-api-5xx"), post.argument("text"));
        assertTrue(post.argument("blocks").contains("On call: PagerDuty schedule P0PAYMT (PagerDuty lookup failed)"), post.argument("blocks"));
        assertEquals(2, pagerDuty.requests().size(), "asked once and retried once, not again for the same message");
        assertTrue(clock.elapsedMillis() < 2_000, "the alarm waited " + clock.elapsedMillis() + " ms");
    }
}
