package dev.alertrelay.logs.pagerduty;

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
    void aResolveCarriesOnlyItsActionAndKey() {
        JsonObject resolve = PagerDutyEvent.resolve("k").toJson();
        assertEquals(2, resolve.size());
        assertNull(resolve.get("routing_key"));
    }
}
