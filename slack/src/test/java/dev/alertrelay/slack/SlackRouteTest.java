package dev.alertrelay.slack;

import dev.alertrelay.slack.SlackNotifier.Destination;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Notifications posted together (a storm) share what they have in common, and nothing they do not. */
class SlackRouteTest {

    private static SlackRoute route(String accountId, String mention) {
        return new SlackRoute(List.of(), List.of(mention), null, null, List.of(), accountId, null,
                url -> url + "#through-the-portal-of-" + accountId);
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
}
