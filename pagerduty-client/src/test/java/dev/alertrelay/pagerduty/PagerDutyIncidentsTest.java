package dev.alertrelay.pagerduty;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import dev.alertrelay.common.testing.TestSecrets;
import dev.alertrelay.common.testing.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PagerDutyIncidentsTest {

    private static final String KEY = "u+REST-API-KEY-never-shown";
    private static final String DEDUP = "alert-relay-alarm:arn:aws:cloudwatch:us-east-1:123456789012:alarm:a b";
    private static final String FOUND = "{\"incidents\":[{\"id\":\"Q1\",\"html_url\":\"https://acme.pagerduty.com/incidents/Q1\"}]}";

    private final RecordingHttpServer server = RecordingHttpServer.start(Answer.of(200, FOUND));

    @AfterEach
    void stop() {
        server.close();
    }

    private PagerDutyIncidents incidents() {
        return new PagerDutyIncidents(new PagerDutyRestApi(TestSecrets.plain("PAGERDUTY_API_KEY", KEY), server.url(""),
                new HttpDelivery(new RetryPolicy(1, 0, 0, 500, 800, 0), "alert-relay")));
    }

    private static Deadline deadline() {
        return Deadline.in(2_500, new VirtualClock());
    }

    @Test
    void theIncidentOfADedupKeyIsFoundWithTheKeyInTheHeaderOnly() {
        Optional<String> page = incidents().webPage(DEDUP, deadline());

        assertEquals(Optional.of("https://acme.pagerduty.com/incidents/Q1"), page);
        RecordingHttpServer.Request request = server.requests().get(0);
        assertEquals("GET", request.method());
        assertEquals("/incidents", request.path());
        assertEquals("Token token=" + KEY, request.header("Authorization"));
        assertFalse(request.path().contains(KEY));
    }

    @Test
    void anIncidentPagerDutyHasNotMadeYetIsAskedForAgainAFewTimesThenLeftOut() {
        server.thenAnswer(Answer.of(200, "{\"incidents\":[]}"), Answer.of(200, FOUND));
        assertEquals(Optional.of("https://acme.pagerduty.com/incidents/Q1"), incidents().webPage(DEDUP, deadline()));

        server.answerByDefault(Answer.of(200, "{\"incidents\":[]}"));
        int before = server.requests().size();
        assertEquals(Optional.empty(), incidents().webPage(DEDUP, deadline()));
        assertEquals(3, server.requests().size() - before, "three tries, then the thread goes on without the link");
    }

    @Test
    void aRefusedKeyOrAnUnexpectedAnswerMeansNoLinkNeverAFailure() {
        server.answerByDefault(Answer.of(401, "{\"error\":{\"message\":\"Invalid key " + KEY + "\"}}"));
        assertEquals(Optional.empty(), incidents().webPage(DEDUP, deadline()));
        server.answerByDefault(Answer.of(200, "{\"incidents\":[{\"html_url\":\"javascript:alert(1)\"}]}"));
        assertEquals(Optional.empty(), incidents().webPage(DEDUP, deadline()), "only an https page is linked");
    }

    @Test
    void noTimeLeftMeansNoLookupAtAll() {
        assertEquals(Optional.empty(), incidents().webPage(DEDUP, Deadline.in(1_000, new VirtualClock())));
        assertTrue(server.requests().isEmpty());
    }
}
