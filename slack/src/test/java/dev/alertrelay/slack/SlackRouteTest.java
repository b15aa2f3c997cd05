package dev.alertrelay.slack;

import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestSecrets;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.slack.SlackNotifier.Destination;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.oncall.OnCall;
import dev.alertrelay.slack.oncall.OnCallLookup;
import dev.alertrelay.slack.testing.PagerDutyRestStandIn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Notifications posted together (a storm) share what they have in common, and nothing they do not; who is on call rings. */
class SlackRouteTest {

    private static final String API_KEY = "PdReadOnlyKey0123456789";
    private static final String TOKEN = "xoxb-1111-2222-secrettoken";

    private static SlackRoute route(String accountId, String mention) {
        return route(accountId, mention, List.of(), OnCall.NONE);
    }

    private static SlackRoute route(String accountId, String mention, List<String> routingKeys, OnCall onCall) {
        return new SlackRoute(List.of(), List.of(mention), null, null, List.of(), accountId, null,
                url -> url + "#through-the-portal-of-" + accountId, routingKeys, onCall);
    }

    private static SlackMessage alarm() {
        return SlackMessage.builder().text("ALARM: payments-api-5xx").color(SlackMessage.COLOR_DANGER)
                .attachmentBlock(Blocks.section(Mrkdwn.text("5xx above 1% for 5 minutes"))).build();
    }

    /** The on-call lookup as a function builds it, against stand-ins for PagerDuty and Slack. */
    private static OnCall onCall(PagerDutyRestStandIn pagerDuty, SlackWebApiStandIn slack, List<String> schedules) {
        Map<String, String> env = Map.of(OnCallLookup.API_KEY_SECRET, API_KEY, OnCallLookup.API_URL_VARIABLE, pagerDuty.apiUrl());
        SlackWebApi api = SlackWebApi.create(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, TOKEN),
                Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
        return new OnCall(OnCallLookup.create(env::get, new SecretResolver(env::get), false, api), schedules,
                Deadline.in(30_000, new VirtualClock()));
    }

    @Test
    void aStormAcrossAccountsKeepsTheConsolesOwnLinks() {
        SlackRoute together = SlackRoute.together(new Destination.Webhook("SLACK_WEBHOOK_URL"),
                List.of(route("111122223333", "<@U1>"), route("444455556666", "<@U2>")));
        assertNull(together.links(), "one account's portal link would open the other account's alarms in the wrong account");
        assertEquals(List.of("<@U1>", "<@U2>"), together.mentions());
    }

    @Test
    void aStormInOneAccountOpensItsLinksThroughThatAccount() {
        SlackRoute together = SlackRoute.together(new Destination.Webhook("SLACK_WEBHOOK_URL"),
                List.of(route("111122223333", "<@U1>"), route("111122223333", "<@U1>")));
        assertEquals("https://x#through-the-portal-of-111122223333", together.links().apply("https://x"));
        assertEquals(List.of("<@U1>"), together.mentions());
    }

    @Test
    void aStormRingsTheOnCallOfEveryScheduleAndNamesEveryRoutingKeyOnce() {
        Deadline deadline = Deadline.in(30_000);
        SlackRoute together = SlackRoute.together(new Destination.Webhook("SLACK_WEBHOOK_URL"), List.of(
                route("111122223333", "<@U1>", List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS"), new OnCall(null, List.of("P0PAYMT"), deadline)),
                route("111122223333", "<@U1>", List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS", "PAGERDUTY_ROUTING_KEY_DB"),
                        new OnCall(null, List.of("P0DBA01", "P0PAYMT"), deadline))));
        assertEquals(List.of("P0PAYMT", "P0DBA01"), together.onCall().schedules());
        assertEquals(List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS", "PAGERDUTY_ROUTING_KEY_DB"), together.routingKeys());
    }

    @Test
    void anAlarmRingsWhoIsOnCallAfterTheRoutesOwnMentions() {
        try (PagerDutyRestStandIn pagerDuty = PagerDutyRestStandIn.start(API_KEY); SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN)) {
            pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
            slack.knowsUser("alice@example.com", "U0ALICE");

            JsonObject payload = route("111122223333", "<!subteam^S0PAYMENTS>", List.of(), onCall(pagerDuty, slack, List.of("P0PAYMT")))
                    .decorate(alarm(), true).toPayload(null);

            assertTrue(payload.get("text").getAsString().startsWith("<!subteam^S0PAYMENTS> <@U0ALICE> ALARM: payments-api-5xx"),
                    payload.get("text").getAsString());
            assertFalse(payload.toString().contains("On call:"), "everyone on call is mentioned: no line naming them");
        }
    }

    @Test
    void aRecoveryAsksNobodyWhoIsOnCallAndRingsNobody() {
        try (PagerDutyRestStandIn pagerDuty = PagerDutyRestStandIn.start(API_KEY); SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN)) {
            pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
            slack.knowsUser("alice@example.com", "U0ALICE");

            JsonObject payload = route("111122223333", "<!subteam^S0PAYMENTS>", List.of(), onCall(pagerDuty, slack, List.of("P0PAYMT")))
                    .decorate(alarm(), false).toPayload(null);

            assertEquals("ALARM: payments-api-5xx", payload.get("text").getAsString());
            assertTrue(pagerDuty.requests().isEmpty());
            assertTrue(slack.calls().isEmpty());
        }
    }

    @Test
    void namesFromPagerDutyAreShownAsTextNeverAsMentionsOrLinks() {
        try (PagerDutyRestStandIn pagerDuty = PagerDutyRestStandIn.start(API_KEY); SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN)) {
            pagerDuty.onCall("P0EVIL1", "<!channel> & *primary*", 1, "<@U0EVIL> <https://evil.example|click>", "mallory@example.com");

            JsonObject payload = route("111122223333", "<!subteam^S0PAYMENTS>", List.of(), onCall(pagerDuty, slack, List.of("P0EVIL1")))
                    .decorate(alarm(), true).toPayload(null);

            BlockKitLimits.assertValid(payload);
            String json = payload.toString();
            assertFalse(json.contains("<!channel>") || json.contains("<@U0EVIL>") || json.contains("<https://evil"), json);
            assertTrue(json.contains("On call: &lt;!channel&gt; &amp; *primary*: &lt;@U0EVIL&gt; &lt;https://evil.example|click&gt; (not found in Slack)"),
                    json);
        }
    }
}
