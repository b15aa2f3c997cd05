package dev.alertrelay.common.testing;

import dev.alertrelay.common.testing.FaultInjection.Fault;
import dev.alertrelay.common.testing.FaultInjection.Outcome;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.alertrelay.common.testing.FaultInjection.DEADLINE_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every function promises when its receiver misbehaves, run through the real handler against a local server:
 * the invocation fails (so Lambda retries and the failure destination keeps the event) exactly when the message was
 * not delivered, never outlives its deadline, and never puts the secret in its error.
 */
public abstract class DeliveryFaultsContract {

    protected final RecordingHttpServer receiver;
    private final String path;
    private final String secret;
    private final Answer rejection;
    private final String rejectionShown;

    /**
     * @param healthy        the receiver's normal answer
     * @param path           the delivery path on the local server
     * @param secret         a secret (webhook token, routing key) that must never appear in an error
     * @param rejection      the receiver's answer to a message it will never accept
     * @param rejectionShown what the invocation's error must quote of it
     */
    protected DeliveryFaultsContract(Answer healthy, String path, String secret, Answer rejection, String rejectionShown) {
        this.receiver = RecordingHttpServer.start(healthy);
        this.path = path;
        this.secret = secret;
        this.rejection = rejection;
        this.rejectionShown = rejectionShown;
    }

    private final VirtualClock clock = new VirtualClock();

    /**
     * Invokes the handler once, on a sample event that makes exactly one delivery, to {@code url}, with
     * {@code context} (its deadline and waits run on the contract's virtual clock).
     */
    protected abstract void invokeHandler(String url, com.amazonaws.services.lambda.runtime.Context context);

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    protected Outcome invoke(String url) {
        return invoke(url, DEADLINE_MILLIS);
    }

    private Outcome invoke(String url, long deadlineMillis) {
        return FaultInjection.run(receiver, clock, () -> invokeHandler(url,
                new TestContext("fault-contract", deadlineMillis, clock)));
    }

    private Outcome invokeWith(Fault fault) {
        fault.applyTo(receiver);
        return invoke(receiver.url(path));
    }

    private void assertWithinDeadlineAndNoSecret(Outcome outcome) {
        assertTrue(outcome.millis() < DEADLINE_MILLIS, "took " + outcome.millis() + " ms");
        if (outcome.error() != null) {
            assertFalse(outcome.error().contains(secret), outcome.error());
        }
    }

    @Test
    void rateLimitedWithRetryAfterWaitsAsToldAndDeliversOnce() {
        Outcome outcome = invokeWith(Fault.RATE_LIMITED_WITH_RETRY_AFTER);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertTrue(outcome.millis() >= 1_000, "did not wait for Retry-After: " + outcome.millis() + " ms");
        assertWithinDeadlineAndNoSecret(outcome);
    }

    @Test
    void rateLimitedWithoutRetryAfterBacksOffAndDelivers() {
        Outcome outcome = invokeWith(Fault.RATE_LIMITED_WITHOUT_RETRY_AFTER);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertWithinDeadlineAndNoSecret(outcome);
    }

    @Test
    void aRetryAfterPastTheDeadlineFailsAtOnceSoLambdaRetriesLater() {
        Outcome outcome = invokeWith(Fault.RETRY_AFTER_PAST_THE_DEADLINE);
        assertTrue(outcome.failed());
        assertEquals(1, outcome.attempts());
        assertTrue(outcome.millis() < 1_500, "waited " + outcome.millis() + " ms for nothing");
        assertTrue(outcome.error().contains("HTTP 429"), outcome.error());
        assertWithinDeadlineAndNoSecret(outcome);
    }

    @Test
    void oneServerErrorIsRetriedAndDelivered() {
        Outcome outcome = invokeWith(Fault.ONE_SERVER_ERROR);
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(2, outcome.attempts());
        assertWithinDeadlineAndNoSecret(outcome);
    }

    @Test
    void persistentServerErrorsFailTheInvocationAfterFiveAttempts() {
        Outcome outcome = invokeWith(Fault.PERSISTENT_SERVER_ERRORS);
        assertTrue(outcome.failed());
        assertEquals(5, outcome.attempts());
        assertTrue(outcome.error().contains("HTTP 500 internal error"), outcome.error());
        assertWithinDeadlineAndNoSecret(outcome);
    }

    @Test
    void aServerThatNeverAnswersFailsTheInvocationBeforeTheDeadline() {
        // Socket timeouts run in real time, so this invocation gets a short deadline of its own.
        long deadline = 2_000;
        Fault.NEVER_ANSWERS.applyTo(receiver);
        Outcome outcome = invoke(receiver.url(path), deadline);
        assertTrue(outcome.failed());
        assertTrue(outcome.attempts() >= 1);
        assertTrue(outcome.error().contains("no response"), outcome.error());
        assertTrue(outcome.millis() < deadline, "took " + outcome.millis() + " ms");
        assertWithinDeadlineAndNoSecret(outcome);
    }

    @Test
    void aRejectedMessageFailsAtOnceWithTheReceiversErrorAndIsNotRetried() {
        receiver.answerByDefault(rejection);
        Outcome outcome = invoke(receiver.url(path));
        assertTrue(outcome.failed());
        assertEquals(1, outcome.attempts());
        assertTrue(outcome.error().contains(rejectionShown), outcome.error());
        assertTrue(outcome.error().contains("not retried"), outcome.error());
        assertWithinDeadlineAndNoSecret(outcome);
    }

    @Test
    void aRefusedConnectionFailsTheInvocation() {
        Outcome outcome = invoke(FaultInjection.refusedUrl(path));
        assertTrue(outcome.failed());
        assertTrue(outcome.error().contains("connection failed"), outcome.error());
        assertWithinDeadlineAndNoSecret(outcome);
    }
}
