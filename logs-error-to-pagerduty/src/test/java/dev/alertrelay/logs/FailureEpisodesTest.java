package dev.alertrelay.logs;

import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FailureEpisodesTest {

    private static final LogsErrorSettings SETTINGS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, null, false, 0);
    private static final String A = "8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11";
    private static final String B = "3e1f7c2a-9b8d-4e6f-a1c2-5d4e3f2a1b0c";

    private static List<String> summaries(String... lines) {
        return new ErrorIncidentFormatter(SETTINGS).format(LogBatches.of(lines)).events().stream().map(PagerDutyEvent::summary).toList();
    }

    @Test
    void aTimeoutOfAnotherInvocationIsNotExplainedByThisOnesError() {
        assertEquals(List.of("orders-api: Error: card declined", "orders-api: Lambda: invocation timed out"), summaries(
                "2026-11-21T03:04:05.123Z\t" + A + "\tERROR\tError: card declined",
                "2026-11-21T03:04:06.000Z " + B + " Task timed out after 3.00 seconds"));
    }

    @Test
    void aTimeoutOfTheSameInvocationFoldsIntoItsError() {
        assertEquals(List.of("orders-api: Error: card declined"), summaries(
                "2026-11-21T03:04:05.123Z\t" + A + "\tERROR\tError: card declined",
                "2026-11-21T03:04:06.000Z " + A + " Task timed out after 3.00 seconds",
                "REPORT RequestId: " + A + "\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 90 MB\tStatus: timeout"));
    }

    @Test
    void aNewInvocationEndsTheSearchForAnExplanation() {
        assertEquals(List.of("orders-api: Error: card declined", "orders-api: Lambda: init error (Runtime.Unknown)"), summaries(
                "2026-11-21T03:04:05.123Z\t" + A + "\tERROR\tError: card declined",
                "START RequestId: " + B + " Version: $LATEST",
                "INIT_REPORT Init Duration: 10.00 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.Unknown"));
    }

    @Test
    void aWarningDoesNotExplainAFailure() {
        assertEquals(List.of("orders-api: slow upstream", "orders-api: Lambda: invocation timed out"), summaries(
                "2026-11-21T03:04:05.123Z\t" + A + "\tWARN\tslow upstream",
                "2026-11-21T03:04:06.000Z " + A + " Task timed out after 3.00 seconds"));
    }

    @Test
    void aFailureLoggedBeforeItsErrorFoldsIntoIt() {
        assertEquals(List.of("orders-api: LoadError: cannot load such file -- httparty"), summaries(
                "Unknown application error occurred\nInit<LoadError>",
                "Init error when loading handler app.handler\n{\"errorMessage\":\"cannot load such file -- httparty\",\"errorType\":\"Init<LoadError>\"}"));
    }

    @Test
    void aBatchOfFailuresAloneStaysOneIncidentPerKind() {
        String[] lines = new String[5000];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = "2026-11-21T03:04:06.000Z " + A + " Task timed out after 3.00 seconds";
        }
        assertEquals(List.of("orders-api: Lambda: invocation timed out"), summaries(lines));
    }
}
