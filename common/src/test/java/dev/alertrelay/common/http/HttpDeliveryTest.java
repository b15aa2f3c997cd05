package dev.alertrelay.common.http;

import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Delivery against a real local HTTP server that answers the way Slack and PagerDuty do, including their faults. */
class HttpDeliveryTest {

    /** Back-off and Retry-After pass at once on it; connections and socket timeouts still take real time. */
    private final VirtualClock clock = new VirtualClock();

    private static final String SECRET_PATH = "/services/T0SECRET/B0SECRET/XXXXSECRETXXXX";
    /** Fast back-off so the suite stays quick; the semantics are those of the default policy. */
    private static final RetryPolicy FAST = new RetryPolicy(4, 50, 400, 1_000, 1_500, 200);

    private final RecordingHttpServer server = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK);
    private final HttpDelivery delivery = new HttpDelivery(FAST, "alert-relay-test");

    @AfterEach
    void stop() {
        server.close();
    }

    private Endpoint endpoint() {
        return Endpoint.parse(server.url(SECRET_PATH), "the Slack webhook URL (SLACK_WEBHOOK_URL)");
    }

    @Test
    void aTwoHundredIsDeliveredInOneAttempt() {
        HttpTransport.Response response = delivery.postJson(endpoint(), "{\"text\":\"hi\"}", Deadline.in(10_000), "Slack");
        assertEquals(200, response.status());
        assertEquals(1, server.requests().size());
        assertEquals("{\"text\":\"hi\"}", server.requests().get(0).body());
        assertTrue(server.requests().get(0).header("Content-Type").startsWith("application/json"));
    }

    @Test
    void aGetSendsNoBodyAndIsRetriedLikeAPost() {
        server.thenAnswer(Answer.of(503, ""));
        HttpTransport.Response response = delivery.get(endpoint(), java.util.Map.of("Accept", "application/json"),
                Deadline.in(10_000, clock), "an API", HttpDelivery.AnswerCheck.ACCEPT_2XX);
        assertEquals(200, response.status());
        assertEquals(java.util.List.of("GET", "GET"), server.requests().stream().map(RecordingHttpServer.Request::method).toList());
        assertEquals("", server.requests().get(1).body());
        assertEquals(null, server.requests().get(1).header("Content-Type"));
    }

    @Test
    void a429WithRetryAfterIsHonouredThenDeliveredExactlyOnce() {
        server.thenAnswer(Answer.withHeader(429, "rate_limited", "Retry-After", "1"));
        delivery.postJson(endpoint(), "{}", Deadline.in(10_000, clock), "Slack");
        assertEquals(2, server.requests().size());
        assertTrue(clock.elapsedMillis() >= 1_000, "waited only " + clock.elapsedMillis() + " ms");
    }

    @Test
    void a429WithoutRetryAfterBacksOffAndRetries() {
        server.thenAnswer(Answer.of(429, ""));
        delivery.postJson(endpoint(), "{}", Deadline.in(10_000, clock), "Slack");
        assertEquals(2, server.requests().size());
    }

    @Test
    void aRetryAfterLongerThanTheTimeLeftFailsAtOnceInsteadOfOverrunning() {
        server.thenAnswer(Answer.withHeader(429, "", "Retry-After", "120"));
        long start = System.nanoTime();
        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> delivery.postJson(endpoint(), "{}", Deadline.in(3_000, clock), "Slack"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
        assertTrue(clock.elapsedMillis() < 2_000, "waited for a Retry-After that could not fit");
        assertEquals(1, failure.attempts());
        assertTrue(failure.getMessage().contains("deadline"), failure.getMessage());
    }

    @Test
    void a500ThenA200IsDelivered() {
        server.thenAnswer(Answer.of(500, "rollup_error"));
        delivery.postJson(endpoint(), "{}", Deadline.in(10_000, clock), "Slack");
        assertEquals(2, server.requests().size());
    }

    @Test
    void persistent500sFailAfterTheBoundedNumberOfAttempts() {
        server.answerByDefault(Answer.of(500, "rollup_error"));
        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> delivery.postJson(endpoint(), "{}", Deadline.in(20_000, clock), "Slack"));
        assertEquals(4, server.requests().size());
        assertEquals(4, failure.attempts());
        assertTrue(failure.getMessage().contains("HTTP 500 rollup_error"), failure.getMessage());
    }

    @Test
    void a400FailsAtOnceWithSlacksErrorAndNoRetry() {
        server.thenAnswer(Answer.of(400, "invalid_blocks"));
        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> delivery.postJson(endpoint(), "{}", Deadline.in(10_000), "Slack"));
        assertEquals(1, server.requests().size());
        assertTrue(failure.getMessage().contains("HTTP 400 invalid_blocks"), failure.getMessage());
        assertTrue(failure.getMessage().contains("not retried"), failure.getMessage());
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnWithinTheDeadline() {
        server.answerByDefault(Answer.neverAnswer());
        long start = System.nanoTime();
        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> delivery.postJson(endpoint(), "{}", Deadline.in(2_000, clock), "Slack"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 2_000, "took " + tookMillis + " ms");
        assertTrue(server.requests().size() >= 2, "attempts: " + server.requests().size());
        assertTrue(failure.getMessage().contains("no response"), failure.getMessage());
    }

    @Test
    void aServerThatTricklesItsAnswerIsCutOffSoTheDeadlineHolds() {
        server.answerByDefault(Answer.trickle());
        long start = System.nanoTime();
        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> delivery.postJson(endpoint(), "{}", Deadline.in(2_000, clock), "Slack"));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 2_000, "took " + tookMillis + " ms");
        assertTrue(failure.getMessage().contains("no response"), failure.getMessage());
    }

    @Test
    void aRefusedConnectionIsRetriedAndTheUrlNeverAppearsInTheError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + SECRET_PATH;
        DeliveryException failure = assertThrows(DeliveryException.class, () -> delivery.postJson(
                Endpoint.parse(url, "the Slack webhook URL (SLACK_WEBHOOK_URL)"), "{}", Deadline.in(10_000, clock), "Slack"));
        assertEquals(4, failure.attempts());
        assertTrue(failure.getMessage().contains("connection failed"), failure.getMessage());
        assertFalse(failure.getMessage().contains("SECRET"), failure.getMessage());
        assertFalse(failure.getMessage().contains(String.valueOf(closedPort)), failure.getMessage());
    }

    @Test
    void noAttemptStartsWhenTheDeadlineHasAlreadyPassed() {
        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> delivery.postJson(endpoint(), "{}", Deadline.in(100), "Slack"));
        assertEquals(0, failure.attempts());
        assertEquals(0, server.requests().size());
    }
}
