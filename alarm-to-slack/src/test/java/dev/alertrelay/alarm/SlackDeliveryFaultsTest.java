package dev.alertrelay.alarm;

import dev.alertrelay.common.slack.SlackOverrides;
import dev.alertrelay.common.slack.SlackSender;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.FaultInjection;
import dev.alertrelay.common.testing.FaultInjection.Fault;
import dev.alertrelay.common.testing.FaultInjection.Outcome;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.TestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import static dev.alertrelay.common.testing.FaultInjection.DEADLINE_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alarm handler delivering to a local Slack that misbehaves. The invocation fails (so Lambda retries and the
 * failure destination keeps the event) exactly when the message was not delivered, and never outlives its deadline.
 */
class SlackDeliveryFaultsTest {

    private static final String PATH = "/services/T0FAULT/B0FAULT/secretfaulttoken";
    private final RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK);

    @AfterEach
    void stop() {
        slack.close();
    }

    private Outcome invoke(String url) {
        AlarmToSlackHandler handler = new AlarmToSlackHandler(Map.of(),
                SlackSender.create(() -> url, SlackOverrides.NONE, "SLACK_WEBHOOK_URL"));
        return FaultInjection.run(slack, () -> handler.handleRequest(EventFiles.stream("alarm-sns-alb-healthyhostcount.json"),
                new ByteArrayOutputStream(), new TestContext("alarm-to-slack", DEADLINE_MILLIS)));
    }

    private Outcome invokeWith(Fault fault) {
        fault.applyTo(slack);
        return invoke(slack.url(PATH));
    }

    private static void assertWithinDeadline(Outcome outcome) {
        assertTrue(outcome.millis() < DEADLINE_MILLIS, "took " + outcome.millis() + " ms");
        if (outcome.error() != null) {
            assertFalse(outcome.error().contains("secretfaulttoken"), outcome.error());
        }
    }

    @Test
    void rateLimitedWithRetryAfterWaitsAsToldAndDeliversOnce() {
        Outcome outcome = invokeWith(Fault.RATE_LIMITED_WITH_RETRY_AFTER);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertTrue(outcome.millis() >= 1_000, "did not wait for Retry-After: " + outcome.millis() + " ms");
        assertWithinDeadline(outcome);
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOffAndDelivers() {
        Outcome outcome = invokeWith(Fault.RATE_LIMITED_WITHOUT_RETRY_AFTER);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertWithinDeadline(outcome);
    }

    @Test
    void aRetryAfterPastTheDeadlineFailsAtOnceSoLambdaRetriesLater() {
        Outcome outcome = invokeWith(Fault.RETRY_AFTER_PAST_THE_DEADLINE);
        assertTrue(outcome.failed());
        assertEquals(1, outcome.attempts());
        assertTrue(outcome.millis() < 1_500, "waited " + outcome.millis() + " ms for nothing");
        assertTrue(outcome.error().contains("HTTP 429"), outcome.error());
    }

    @Test
    void oneServerErrorIsRetriedAndDelivered() {
        Outcome outcome = invokeWith(Fault.ONE_SERVER_ERROR);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertWithinDeadline(outcome);
    }

    @Test
    void persistentServerErrorsFailTheInvocationAfterFiveAttempts() {
        Outcome outcome = invokeWith(Fault.PERSISTENT_SERVER_ERRORS);
        assertTrue(outcome.failed());
        assertEquals(5, outcome.attempts());
        assertTrue(outcome.error().contains("HTTP 500 internal error"), outcome.error());
        assertWithinDeadline(outcome);
    }

    @Test
    void aServerThatNeverAnswersFailsTheInvocationBeforeTheDeadline() {
        Outcome outcome = invokeWith(Fault.NEVER_ANSWERS);
        assertTrue(outcome.failed());
        assertTrue(outcome.attempts() >= 1);
        assertTrue(outcome.error().contains("no response"), outcome.error());
        assertWithinDeadline(outcome);
    }

    @Test
    void aRejectedMessageFailsAtOnceWithSlacksErrorAndIsNotRetried() {
        Outcome outcome = invokeWith(Fault.REJECTS_THE_MESSAGE);
        assertTrue(outcome.failed());
        assertEquals(1, outcome.attempts());
        assertTrue(outcome.error().contains("HTTP 400 invalid payload"), outcome.error());
        assertWithinDeadline(outcome);
    }

    @Test
    void aRefusedConnectionFailsTheInvocationWithoutNamingTheUrl() {
        Outcome outcome = invoke(FaultInjection.refusedUrl(PATH));
        assertTrue(outcome.failed());
        assertTrue(outcome.error().contains("connection failed"), outcome.error());
        assertWithinDeadline(outcome);
    }
}
