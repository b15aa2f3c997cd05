package dev.alertrelay.pagerduty;

import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.testing.TestSecrets;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import dev.alertrelay.common.testing.RotatedSecret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery to a local server that answers as the Events API v2 does. */
class PagerDutyEventsApiTest {

    private static final String ROUTING_KEY = "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y00";
    private static final String INVALID_EVENT = "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
            + "\"errors\":[\"'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')\"]}";

    private final RecordingHttpServer server = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED);
    private final PagerDutySender sender = PagerDutyEventsApi.create(TestSecrets.plain("PAGERDUTY_ROUTING_KEY", ROUTING_KEY), server.url("/v2/enqueue"));

    @AfterEach
    void stop() {
        server.close();
    }

    private static PagerDutyEvent event(String dedupKey) {
        return PagerDutyEvent.trigger(dedupKey, "orders-api: Payment failed", "/aws/lambda/orders-api", Severity.ERROR).build();
    }

    @Test
    void anAcceptedEventIsPostedOnceWithTheRoutingKeyAdded() {
        sender.send(event("k1"), Deadline.in(10_000));
        RecordingHttpServer.Request request = server.requests().get(0);
        assertEquals(1, server.requests().size());
        assertEquals("POST", request.method());
        assertEquals("/v2/enqueue", request.path());
        JsonObject body = Json.parseObject(request.body());
        assertEquals(ROUTING_KEY, Json.string(body, "routing_key"));
        assertEquals("trigger", Json.string(body, "event_action"));
        assertEquals("k1", Json.string(body, "dedup_key"));
        assertEquals("orders-api: Payment failed", Json.string(Json.object(body, "payload"), "summary"));
    }

    @Test
    void anInvalidEventFailsAtOnceWithPagerDutysMessage() {
        server.thenAnswer(Answer.of(400, INVALID_EVENT));
        DeliveryException e = assertThrows(DeliveryException.class, () -> sender.send(event("k1"), Deadline.in(10_000)));
        assertEquals(1, server.requests().size(), "a 400 is never retried");
        assertTrue(e.getMessage().contains("'payload.severity' is invalid"), e.getMessage());
        assertFalse(e.getMessage().contains(ROUTING_KEY), e.getMessage());
    }

    @Test
    void rateLimitingIsWaitedOutAsRetryAfterSays() {
        server.thenAnswer(Answer.withHeader(429, "", "Retry-After", "1"));
        sender.send(event("k1"), Deadline.in(10_000));
        List<RecordingHttpServer.Request> requests = server.requests();
        assertEquals(2, requests.size());
        long waitedMillis = (requests.get(1).receivedAtNanos() - requests.get(0).receivedAtNanos()) / 1_000_000;
        assertTrue(waitedMillis >= 900, "waited " + waitedMillis + " ms");
    }

    @Test
    void aServerErrorIsRetried() {
        server.thenAnswer(Answer.of(500, "{\"status\":\"error\"}"), Answer.of(503, ""));
        sender.send(event("k1"), Deadline.in(10_000));
        assertEquals(3, server.requests().size());
    }

    @Test
    void everyEventIsSentEvenWhenOneIsRejectedThenTheBatchFails() {
        server.thenAnswer(Answer.of(400, INVALID_EVENT));
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sender.sendAll(List.of(event("k1"), event("k2"), event("k3")), Deadline.in(10_000)));
        assertEquals(3, server.requests().size());
        assertTrue(e.getMessage().startsWith("1 of 3 PagerDuty event(s) not accepted"), e.getMessage());
    }

    @Test
    void plainHttpIsRefusedExceptToLoopback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PagerDutyEventsApi.create(TestSecrets.plain("PAGERDUTY_ROUTING_KEY", ROUTING_KEY), "http://events.pagerduty.com/v2/enqueue"));
        assertTrue(e.getMessage().contains("PAGERDUTY_EVENTS_URL"), e.getMessage());
    }

    /** A routing key replaced in SSM: the cache holds the old one until the secret is refreshed. */
    private static Secret rotated(String cached, String stored) {
        return new RotatedSecret("PAGERDUTY_ROUTING_KEY_PARAMETER", cached, stored);
    }

    @Test
    void aRefusedRoutingKeyIsReadAgainAndTheEventSentWithTheNewOne() {
        server.thenAnswer(Answer.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"Invalid routing key\"]}"));
        String newKey = "N3wK3yN3wK3yN3wK3yN3wK3yN3wK3y00";
        PagerDutyEventsApi.create(rotated(ROUTING_KEY, newKey), server.url("/v2/enqueue"))
                .send(PagerDutyEvent.resolve("k1"), Deadline.in(10_000));

        assertEquals(2, server.requests().size());
        assertEquals(ROUTING_KEY, Json.parseObject(server.requests().get(0).body()).get("routing_key").getAsString());
        assertEquals(newKey, Json.parseObject(server.requests().get(1).body()).get("routing_key").getAsString());
    }

    @Test
    void anInvalidEventIsNotRetriedWithAReReadKey() {
        server.thenAnswer(Answer.of(400, INVALID_EVENT));
        assertThrows(DeliveryException.class, () -> PagerDutyEventsApi.create(rotated(ROUTING_KEY, "other"), server.url("/v2/enqueue"))
                .send(PagerDutyEvent.resolve("k1"), Deadline.in(10_000)));
        assertEquals(1, server.requests().size());
    }
}
