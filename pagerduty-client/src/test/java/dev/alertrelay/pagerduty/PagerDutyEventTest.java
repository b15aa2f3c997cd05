package dev.alertrelay.pagerduty;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagerDutyEventTest {

    @Test
    void theSummaryIsOneLineOfAtMost1024Characters() {
        PagerDutyEvent event = PagerDutyEvent.trigger("k", "first line\nsecond " + "x".repeat(3000), "src", Severity.ERROR).build();
        assertTrue(event.summary().length() <= 1024);
        assertTrue(event.summary().startsWith("first line second x"));
    }

    @Test
    void aDedupKeyLongerThan255CharactersIsShortenedStably() {
        String key = "k".repeat(400);
        PagerDutyEvent event = PagerDutyEvent.trigger(key, "s", "src", Severity.ERROR).build();
        assertEquals(255, event.dedupKey().length());
        assertEquals(event.dedupKey(), PagerDutyEvent.resolve(key).dedupKey());
    }

    @Test
    void customDetailsThatWouldBreakThe512KbLimitAreReplacedByANote() {
        JsonObject details = new JsonObject();
        details.addProperty("huge", "x".repeat(600 * 1024));
        PagerDutyEvent event = PagerDutyEvent.trigger("k", "s", "src", Severity.ERROR).customDetails(details).build();
        assertTrue(PagerDutyEvent.utf8Bytes(event.toJson()) < PagerDutyEvent.EVENT_MAX_BYTES);
        assertEquals("trigger", event.action());
    }

    @Test
    void hugeLinksAndSourceStillMakeAnEventWithinThe512KbLimit() {
        String hugeLogGroup = "/aws/lambda/" + "\uD83D\uDE00".repeat(100_000);
        String link = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home#logsV2:log-groups/log-group/" + "%F0%9F%98%80".repeat(100_000);
        PagerDutyEvent event = PagerDutyEvent.trigger("k", "s", hugeLogGroup, Severity.ERROR)
                .link(link, "Log stream").link(link, "Logs Insights")
                .client("alert-relay", link)
                .build();
        JsonObject json = event.toJson();
        assertTrue(PagerDutyEvent.utf8Bytes(json) < PagerDutyEvent.EVENT_MAX_BYTES, PagerDutyEvent.utf8Bytes(json) + " bytes");
        assertTrue(json.getAsJsonObject("payload").get("source").getAsString().length() <= PagerDutyEvent.SUMMARY_MAX);
        assertNull(json.get("links"));
        assertEquals("s", event.summary());
    }

    @Test
    void aResolveCarriesOnlyItsActionAndKey() {
        JsonObject resolve = PagerDutyEvent.resolve("k").toJson();
        assertEquals(2, resolve.size());
        assertNull(resolve.get("routing_key"));
    }
}
