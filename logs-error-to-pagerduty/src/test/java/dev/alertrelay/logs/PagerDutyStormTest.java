package dev.alertrelay.logs;

import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.pagerduty.PagerDutySender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An error storm through one warm container (the function's reserved concurrency of one) against a local Events API:
 * events are paced under PagerDuty's limit of about 120 a minute per routing key, an error already paged is not
 * triggered again by every later batch, and nothing PagerDuty did not accept is held back. The waits pass on a
 * {@link VirtualClock} shared by the invocations, as one container's time is.
 */
class PagerDutyStormTest {

    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY01";
    private static final String[] EIGHT_ERRORS = {
            "ERROR Payment 4711 failed for order 88120: card declined",
            "ERROR Timeout after 3000 ms calling 10.0.3.7:8443",
            "ERROR Could not reserve stock for order 90211: upstream returned 503",
            "ERROR Invoice rendering crashed: template missing",
            "ERROR Refund queue is full",
            "ERROR Session store unreachable",
            "ERROR Fraud check rejected the request body",
            "ERROR Ledger write conflict on account 12"};

    private static final String[] THREE_ERRORS = {
            "ERROR Payment 4711 failed for order 88120: card declined",
            "ERROR Timeout after 3000 ms calling 10.0.3.7:8443",
            "ERROR Could not reserve stock for order 90211: upstream returned 503"};

    private final RecordingHttpServer pagerDuty = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED);
    private final VirtualClock clock = new VirtualClock();
    private final LogsErrorToPagerDutyHandler handler = handler(Map.of("AWS_REGION", "eu-west-1"));

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    private LogsErrorToPagerDutyHandler handler(Map<String, String> env) {
        return new LogsErrorToPagerDutyHandler(LogsErrorSettings.fromEnvironment(env::get),
                PagerDutySender.fromEnvironment(Map.of("PAGERDUTY_EVENTS_URL", pagerDuty.url("/v2/enqueue"))::get,
                        new SecretResolver(Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY)::get), false));
    }

    private void invoke(LogsErrorToPagerDutyHandler target, InputStream event, long timeoutMillis) {
        target.handleRequest(event, new ByteArrayOutputStream(), new TestContext("logs-error-to-pagerduty", timeoutMillis, clock));
    }

    private void invoke(String logGroup, String... lines) {
        invoke(handler, batch(logGroup, lines), 30_000);
    }

    private static InputStream batch(String logGroup, String... lines) {
        return new ByteArrayInputStream(LogBatches.subscriptionEvent(LogBatches.inGroup(logGroup, lines)).getBytes(StandardCharsets.UTF_8));
    }

    private List<String> dedupKeysReceived() {
        return pagerDuty.requests().stream().map(request -> Json.string(Json.parseObject(request.body()), "dedup_key")).toList();
    }

    @Test
    void oneContainerSendsNoMoreThan120EventsAMinuteHoweverManyErrorsArrive() {
        for (int group = 0; group < 50; group++) {
            invoke("/ecs/service-" + group, THREE_ERRORS);
        }

        assertEquals(150, pagerDuty.requests().size());
        long eventsPerMinute = 150 * 60_000L / clock.elapsedMillis();
        assertTrue(eventsPerMinute <= 120, "150 events in " + clock.elapsedMillis() + " ms is " + eventsPerMinute + " a minute");
    }

    @Test
    void anErrorAlreadyPagedIsNotTriggeredAgainByEveryLaterBatchOfTheStorm() {
        invoke("/ecs/orders", THREE_ERRORS);
        invoke("/ecs/orders", THREE_ERRORS);
        invoke("/ecs/orders", THREE_ERRORS[0], "ERROR Disk full on /var/lib/orders");

        assertEquals(4, pagerDuty.requests().size(), "three errors, then one new one");
        assertEquals(4, dedupKeysReceived().stream().distinct().count());
    }

    @Test
    void afterTheRepeatWindowTheSameErrorTriggersAgainSoALaterOccurrenceStillReachesTheIncident() {
        invoke("/ecs/orders", THREE_ERRORS);
        clock.sleep(300_000);
        invoke("/ecs/orders", THREE_ERRORS);

        assertEquals(6, pagerDuty.requests().size());
        assertEquals(3, dedupKeysReceived().stream().distinct().count(), "the same three incidents");
    }

    @Test
    void withRepeatTriggerSecondsZeroEveryBatchTriggersAsBefore() {
        LogsErrorToPagerDutyHandler everyBatch = handler(Map.of("REPEAT_TRIGGER_SECONDS", "0"));
        invoke(everyBatch, batch("/ecs/orders", THREE_ERRORS), 30_000);
        invoke(everyBatch, batch("/ecs/orders", THREE_ERRORS), 30_000);

        assertEquals(6, pagerDuty.requests().size());
    }

    @Test
    void anEventPagerDutyDidNotAcceptIsSentAgainWhenLambdaRetriesTheBatchAndTheOthersAreNot() {
        pagerDuty.thenAnswer(Answer.of(500, "{\"status\":\"error\"}"), Answer.of(500, "{\"status\":\"error\"}"),
                Answer.of(500, "{\"status\":\"error\"}"), Answer.of(500, "{\"status\":\"error\"}"), Answer.of(500, "{\"status\":\"error\"}"));

        assertThrows(DeliveryException.class, () -> invoke("/ecs/orders", THREE_ERRORS));
        int firstInvocation = pagerDuty.requests().size();
        invoke("/ecs/orders", THREE_ERRORS);

        List<String> keys = dedupKeysReceived();
        assertEquals(firstInvocation + 1, keys.size(), "only the refused error is sent again");
        assertEquals(keys.get(0), keys.get(keys.size() - 1));
    }

    @Test
    void aPaceThatWouldRunPastTheDeadlineFailsTheInvocationAndTheRetrySendsOnlyWhatWasLeft() {
        assertThrows(DeliveryException.class, () -> invoke(handler, batch("/ecs/orders", EIGHT_ERRORS), 1_500));
        assertEquals(5, pagerDuty.requests().size(), "the burst went out; the sixth event would have waited into the deadline");

        invoke("/ecs/orders", EIGHT_ERRORS);

        assertEquals(8, pagerDuty.requests().size());
        assertEquals(8, dedupKeysReceived().stream().distinct().count());
    }

    @Test
    void anAlarmThatFlapsPagesEveryTimeItGoesToAlarm() {
        invoke(handler, EventFiles.stream("logs-alarm-sns-alarm.json"), 30_000);
        invoke(handler, EventFiles.stream("logs-alarm-sns-ok.json"), 30_000);
        invoke(handler, EventFiles.stream("logs-alarm-sns-alarm.json"), 30_000);

        assertEquals(List.of("trigger", "resolve", "trigger"), pagerDuty.requests().stream()
                .map(request -> Json.string(Json.parseObject(request.body()), "event_action")).toList());
    }

    @Test
    void theRepeatWindowIsAWholeNumberOfSecondsUpToAnHour() {
        assertEquals(60, LogsErrorSettings.fromEnvironment(Map.<String, String>of()::get).repeatTriggerSeconds());
        assertEquals(0, LogsErrorSettings.fromEnvironment(Map.of("REPEAT_TRIGGER_SECONDS", "0")::get).repeatTriggerSeconds());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> LogsErrorSettings.fromEnvironment(Map.of("REPEAT_TRIGGER_SECONDS", "5m")::get));
        assertTrue(wrong.getMessage().contains("REPEAT_TRIGGER_SECONDS"), wrong.getMessage());
    }
}
