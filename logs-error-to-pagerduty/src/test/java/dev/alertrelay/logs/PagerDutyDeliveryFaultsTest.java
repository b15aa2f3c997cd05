package dev.alertrelay.logs;

import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.FaultInjection;
import dev.alertrelay.common.testing.FaultInjection.Fault;
import dev.alertrelay.common.testing.FaultInjection.Outcome;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.logs.pagerduty.PagerDutySender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import static dev.alertrelay.common.testing.FaultInjection.DEADLINE_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logs handler paging through a local Events API v2 that misbehaves. The invocation fails (so Lambda retries and
 * the failure destination keeps the batch) exactly when PagerDuty did not accept the event, within the deadline, and
 * the routing key never appears in an error.
 */
class PagerDutyDeliveryFaultsTest {

    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY01";
    private final RecordingHttpServer pagerDuty = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED);

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    private Outcome invoke(String eventsUrl) {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1");
        LogsErrorToPagerDutyHandler handler = new LogsErrorToPagerDutyHandler(LogsErrorSettings.fromEnvironment(env::get),
                PagerDutySender.eventsApi(() -> ROUTING_KEY, eventsUrl));
        return FaultInjection.run(pagerDuty, () -> handler.handleRequest(EventFiles.stream("logs-alarm-sns-alarm.json"),
                new ByteArrayOutputStream(), new TestContext("logs-error-to-pagerduty", DEADLINE_MILLIS)));
    }

    private Outcome invokeWith(Fault fault) {
        fault.applyTo(pagerDuty);
        return invoke(pagerDuty.url("/v2/enqueue"));
    }

    private static void assertWithinDeadlineAndNoKey(Outcome outcome) {
        assertTrue(outcome.millis() < DEADLINE_MILLIS, "took " + outcome.millis() + " ms");
        if (outcome.error() != null) {
            assertFalse(outcome.error().contains(ROUTING_KEY), outcome.error());
        }
    }

    @Test
    void aHealthyEventsApiTakesTheTriggerWithTheRoutingKeyInTheBodyOnly() {
        Outcome outcome = invoke(pagerDuty.url("/v2/enqueue"));
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(1, outcome.attempts());
        assertTrue(pagerDuty.requests().get(0).body().contains("\"routing_key\":\"" + ROUTING_KEY + "\""));
    }

    @Test
    void rateLimitedWithRetryAfterWaitsAsToldAndDeliversOnce() {
        Outcome outcome = invokeWith(Fault.RATE_LIMITED_WITH_RETRY_AFTER);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertTrue(outcome.millis() >= 1_000, "did not wait for Retry-After: " + outcome.millis() + " ms");
        assertWithinDeadlineAndNoKey(outcome);
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOffAndDelivers() {
        Outcome outcome = invokeWith(Fault.RATE_LIMITED_WITHOUT_RETRY_AFTER);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertWithinDeadlineAndNoKey(outcome);
    }

    @Test
    void aRetryAfterPastTheDeadlineFailsAtOnceSoLambdaRetriesLater() {
        Outcome outcome = invokeWith(Fault.RETRY_AFTER_PAST_THE_DEADLINE);
        assertTrue(outcome.failed());
        assertEquals(1, outcome.attempts());
        assertTrue(outcome.millis() < 1_500, "waited " + outcome.millis() + " ms for nothing");
    }

    @Test
    void oneServerErrorIsRetriedAndDelivered() {
        Outcome outcome = invokeWith(Fault.ONE_SERVER_ERROR);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertWithinDeadlineAndNoKey(outcome);
    }

    @Test
    void persistentServerErrorsFailTheInvocationAfterFiveAttempts() {
        Outcome outcome = invokeWith(Fault.PERSISTENT_SERVER_ERRORS);
        assertTrue(outcome.failed());
        assertEquals(5, outcome.attempts());
        assertWithinDeadlineAndNoKey(outcome);
    }

    @Test
    void aServerThatNeverAnswersFailsTheInvocationBeforeTheDeadline() {
        Outcome outcome = invokeWith(Fault.NEVER_ANSWERS);
        assertTrue(outcome.failed());
        assertTrue(outcome.error().contains("no response"), outcome.error());
        assertWithinDeadlineAndNoKey(outcome);
    }

    @Test
    void anInvalidEventFailsAtOnceWithPagerDutysMessageAndIsNeverRetried() {
        pagerDuty.answerByDefault(Answer.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}"));
        Outcome outcome = invoke(pagerDuty.url("/v2/enqueue"));
        assertTrue(outcome.failed());
        assertEquals(1, outcome.attempts());
        assertTrue(outcome.error().contains("Event object is invalid"), outcome.error());
        assertWithinDeadlineAndNoKey(outcome);
    }

    @Test
    void aRefusedConnectionFailsTheInvocation() {
        Outcome outcome = invoke(FaultInjection.refusedUrl("/v2/enqueue"));
        assertTrue(outcome.failed());
        assertTrue(outcome.error().contains("connection failed"), outcome.error());
        assertWithinDeadlineAndNoKey(outcome);
    }
}
