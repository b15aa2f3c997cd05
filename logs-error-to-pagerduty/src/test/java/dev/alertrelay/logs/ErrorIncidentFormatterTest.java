package dev.alertrelay.logs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorIncidentFormatterTest {

    private static final LogsErrorSettings SETTINGS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, "eu-west-1", false, 0);

    private static List<PagerDutyEvent> format(LogsErrorSettings settings, LogsSubscriptionBatch batch) {
        return new ErrorIncidentFormatter(settings).format(batch).events();
    }

    private static List<PagerDutyEvent> format(String... lines) {
        return format(SETTINGS, LogBatches.of(lines));
    }

    private static JsonObject payload(PagerDutyEvent event) {
        return event.toJson().getAsJsonObject("payload");
    }

    @Test
    void linesOfTheSameErrorBecomeOneTriggerCountingThem() {
        List<PagerDutyEvent> events = format(
                "ERROR Payment 4711 failed for 8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11",
                "ERROR Payment 4712 failed for 1b2c3d4e-5f60-4718-9a0b-c1d2e3f4a5b6",
                "ERROR Timeout calling inventory at 10.0.3.7:5432",
                "ERROR Payment 4713 failed for 9e8d7c6b-5a4f-4e3d-2c1b-0a9f8e7d6c5b");
        assertEquals(2, events.size());
        assertEquals("trigger", events.get(0).action());
        assertEquals("orders-api: Payment 4711 failed for 8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11", events.get(0).summary());
        assertEquals(3, payload(events.get(0)).getAsJsonObject("custom_details").get("occurrences").getAsInt());
        assertEquals(1, payload(events.get(1)).getAsJsonObject("custom_details").get("occurrences").getAsInt());
    }

    @Test
    void theSameErrorInALaterBatchKeepsItsDedupKey() {
        String first = format("ERROR Payment 4711 failed after 120 ms").get(0).dedupKey();
        String later = format("INFO warming up", "ERROR Payment 9 failed after 3000 ms").get(0).dedupKey();
        assertEquals(first, later);
    }

    @Test
    void severityFollowsTheLevel() {
        List<PagerDutyEvent> events = format("FATAL disk full", "CRITICAL queue lost", "ERROR write failed", "WARN slow write");
        assertEquals(List.of("critical", "critical", "error", "warning"),
                events.stream().map(e -> Json.string(payload(e), "severity")).toList());
    }

    @Test
    void linesWithoutALevelGetTheDefaultSeverity() {
        LogsErrorSettings warningByDefault = new LogsErrorSettings(Severity.WARNING, 20, 5, Redactor.BUILT_IN_ONLY, null, false, 0);
        PagerDutyEvent event = format(warningByDefault, LogBatches.of("upstream returned 503 for GET /orders")).get(0);
        assertEquals("warning", Json.string(payload(event), "severity"));
    }

    @Test
    void aGroupTakesTheMostUrgentSeverityOfItsLines() {
        PagerDutyEvent event = format("WARN pool exhausted 3", "FATAL pool exhausted 4").get(0);
        assertEquals("critical", Json.string(payload(event), "severity"));
    }

    @Test
    void infoAndDebugLinesAreNotIncidents() {
        assertTrue(format("INFO retrying after IOException", "DEBUG Exception handler ready").isEmpty());
    }

    @Test
    void theIncidentCarriesSourceComponentClassTimestampAndClient() {
        JsonObject event = format("2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\tERROR\tjava.lang.IllegalStateException: card declined")
                .get(0).toJson();
        JsonObject payload = event.getAsJsonObject("payload");
        assertEquals("/aws/lambda/orders-api", Json.string(payload, "source"));
        assertEquals("orders-api", Json.string(payload, "component"));
        assertEquals("java.lang.IllegalStateException", Json.string(payload, "class"));
        assertEquals("2026-11-21T03:04:05.123Z", Json.string(payload, "timestamp"));
        assertEquals("alert-relay", Json.string(event, "client"));
        assertEquals("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Flambda$252Forders-api",
                Json.string(event, "client_url"));
        assertNull(event.get("routing_key"), "the formatter never sees the routing key");
    }

    @Test
    void linksOpenTheLogStreamAndALogsInsightsQuery() {
        JsonObject event = format("ERROR Payment 4711 failed").get(0).toJson();
        String stream = event.getAsJsonArray("links").get(0).getAsJsonObject().get("href").getAsString();
        String insights = event.getAsJsonArray("links").get(1).getAsJsonObject().get("href").getAsString();
        assertEquals("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/"
                + "$252Faws$252Flambda$252Forders-api/log-events/2026$252F11$252F21$252F$255B$2524LATEST$255D4f9c2f7d0c5a4d5e9b1e8a7c6d5e4f3a"
                + "$3Fstart$3D" + (LogBatches.START - 15 * 60_000), stream);
        assertTrue(insights.startsWith("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:logs-insights$3FqueryDetail$3D$257E$2528end$257E$2527"), insights);
        assertTrue(insights.contains("filter*20*40message*20like*20*22Payment*22"), insights);
        assertTrue(insights.endsWith("source$257E$2528$257E$2527*2Faws*2Flambda*2Forders-api$2529$2529"), insights);
    }

    @Test
    void withoutARegionThereAreNoConsoleLinks() {
        LogsErrorSettings noRegion = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, null, false, 0);
        JsonObject event = format(noRegion, LogBatches.of("ERROR boom")).get(0).toJson();
        assertNull(event.get("links"));
        assertNull(event.get("client_url"));
    }

    @Test
    void samplesHoldTheFirstStackTraceWholeAndTheOthersAsHeadlines() {
        String trace = "ERROR Order 1 failed\njava.lang.IllegalStateException: boom\n\tat com.shop.A.a(A.java:1)";
        List<PagerDutyEvent> events = format(trace, trace.replace("Order 1", "Order 2"), trace.replace("Order 1", "Order 3"));
        var samples = payload(events.get(0)).getAsJsonObject("custom_details").getAsJsonArray("samples");
        assertEquals(3, samples.size());
        assertEquals("Order 1 failed\njava.lang.IllegalStateException: boom\n\tat com.shop.A.a(A.java:1)",
                samples.get(0).getAsJsonObject().get("message").getAsString());
        assertEquals("Order 2 failed \u2014 java.lang.IllegalStateException: boom", samples.get(1).getAsJsonObject().get("message").getAsString());
    }

    @Test
    void samplesStopAtTheConfiguredNumber() {
        LogsErrorSettings twoSamples = new LogsErrorSettings(Severity.ERROR, 20, 2, Redactor.BUILT_IN_ONLY, null, false, 0);
        PagerDutyEvent event = format(twoSamples, LogBatches.of("ERROR a 1", "ERROR a 2", "ERROR a 3", "ERROR a 4")).get(0);
        var details = payload(event).getAsJsonObject("custom_details");
        assertEquals(4, details.get("occurrences").getAsInt());
        assertEquals(2, details.getAsJsonArray("samples").size());
    }

    @Test
    void secretsNeverReachTheEvent() {
        String json = Json.toJson(format(
                "ERROR login failed password=hunter2 key AKIAIOSFODNN7EXAMPLE\nCaused by: java.lang.SecurityException: Bearer abcdefghijklmnop rejected")
                .get(0).toJson());
        assertFalse(json.contains("hunter2"), json);
        assertFalse(json.contains("AKIAIOSFODNN7EXAMPLE"), json);
        assertFalse(json.contains("abcdefghijklmnop"), json);
        assertTrue(json.contains("password=[REDACTED]"), json);
    }

    @Test
    void aLineThatBreaksTheRedactorPagesWithItsTextWithheldAndTheRestOfTheBatchGoesOn() {
        Redactor failing = Redactor.BUILT_IN_ONLY.followedBy((text, lower) -> {
            if (text.contains("poison")) {
                throw new StackOverflowError();
            }
            return text;
        });
        LogsErrorSettings settings = new LogsErrorSettings(Severity.ERROR, 20, 5, failing, "eu-west-1", false, 0);
        ErrorIncidentFormatter.Incidents incidents = new ErrorIncidentFormatter(settings).format(
                LogBatches.of("ERROR poison secret=hunter2 in this line", "ERROR payment declined for order 42"));
        assertEquals(2, incidents.events().size());
        assertEquals(1, incidents.withheld());
        String withheld = Json.toJson(incidents.events().get(0).toJson());
        assertTrue(withheld.contains(ErrorIncidentFormatter.WITHHELD), withheld);
        assertFalse(withheld.contains("poison"), withheld);
        assertFalse(withheld.contains("hunter2"), withheld);
        assertTrue(incidents.events().get(1).summary().contains("payment declined"));
    }

    @Test
    void theSummaryFitsPagerDutysLimit() {
        PagerDutyEvent event = format("ERROR " + "x".repeat(5000)).get(0);
        assertTrue(event.summary().length() <= 1024, "summary length " + event.summary().length());
    }

    @Test
    void anEventStaysFarBelowPagerDutysSizeLimitWhateverTheLines() {
        String hugeTrace = "ERROR boom " + "é".repeat(300_000) + "\n\tat x\n".repeat(50_000);
        String[] lines = new String[30];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = hugeTrace.replace("boom", "boom " + i);
        }
        for (PagerDutyEvent event : format(lines)) {
            int bytes = Json.toJson(event.toJson()).getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes < 64 * 1024, "event of " + bytes + " bytes");
        }
    }

    @Test
    void stormControlSendsTheBiggestGroupsAndOneSummaryForTheRest() {
        LogsErrorSettings capAtThree = new LogsErrorSettings(Severity.ERROR, 3, 5, Redactor.BUILT_IN_ONLY, null, false, 0);
        List<String> lines = new ArrayList<>();
        String[] errors = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot"};
        for (int e = 0; e < errors.length; e++) {
            for (int n = 0; n <= e; n++) {
                lines.add("ERROR " + errors[e] + " failed for item " + n);
            }
        }
        List<PagerDutyEvent> events = format(capAtThree, LogBatches.of(lines.toArray(String[]::new)));
        assertEquals(4, events.size());
        assertTrue(events.get(0).summary().contains("foxtrot"));
        assertTrue(events.get(1).summary().contains("echo"));
        assertTrue(events.get(2).summary().contains("delta"));
        PagerDutyEvent storm = events.get(3);
        assertEquals("orders-api: 3 more distinct errors (6 lines) folded by storm control", storm.summary());
        assertEquals(3, payload(storm).getAsJsonObject("custom_details").get("folded_errors").getAsInt());
    }

    @Test
    void theStormSummaryHasAStableKeyPerLogGroup() {
        LogsErrorSettings capAtOne = new LogsErrorSettings(Severity.ERROR, 1, 5, Redactor.BUILT_IN_ONLY, null, false, 0);
        String first = format(capAtOne, LogBatches.of("ERROR a", "ERROR b")).get(1).dedupKey();
        String later = format(capAtOne, LogBatches.of("ERROR c", "ERROR d", "ERROR e")).get(1).dedupKey();
        String elsewhere = format(capAtOne, LogBatches.inGroup("/aws/lambda/refunds", "ERROR a", "ERROR b")).get(1).dedupKey();
        assertEquals(first, later);
        assertFalse(first.equals(elsewhere));
    }
}
