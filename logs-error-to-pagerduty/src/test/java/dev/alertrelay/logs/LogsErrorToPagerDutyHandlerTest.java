package dev.alertrelay.logs;

import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogsErrorToPagerDutyHandlerTest {

    private static final LogsErrorSettings SETTINGS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, "eu-west-1", false, 0);

    private final RecordingPagerDutySender pagerDuty = new RecordingPagerDutySender();
    private final LogsErrorToPagerDutyHandler handler = new LogsErrorToPagerDutyHandler(SETTINGS, pagerDuty);

    private void handle(InputStream event) {
        handler.handleRequest(event, new ByteArrayOutputStream(), TestContext.of("logs-error-to-pagerduty"));
    }

    @Test
    void thePlainTextSampleBecomesOneIncidentPerDistinctError() {
        handle(EventFiles.stream("logs-subscription-plain.json"));
        assertEquals(List.of("orders-api: Payment 4711 failed for customer cus_N8fK2mQ9xLp: card declined (attempt 1 of 3)",
                        "orders-api: Timeout calling inventory at 10.0.3.7:5432 after 3000 ms",
                        "orders-api: Retrying inventory call: connection to postgres://orders:[REDACTED]@10.0.3.7:5432/orders refused"),
                pagerDuty.attempted.stream().map(PagerDutyEvent::summary).toList());
    }

    @Test
    void theJsonSampleSkipsItsInfoLine() {
        handle(EventFiles.stream("logs-subscription-json.json"));
        assertEquals(3, pagerDuty.attempted.size());
    }

    @Test
    void theStackTraceSampleGroupsTheTwoFailedSaves() {
        handle(EventFiles.stream("logs-subscription-stacktrace.json"));
        assertEquals(2, pagerDuty.attempted.size());
        assertTrue(pagerDuty.attempted.get(0).summary().contains("DataIntegrityViolationException"));
    }

    private static String eventClass(PagerDutyEvent event) {
        return event.toJson().getAsJsonObject("payload").get("class").getAsString();
    }

    @Test
    void structuredLogsOfEveryCommonLoggerReadAsTheirErrorClassAndMessageEachItsOwnIncident() {
        handle(EventFiles.stream("logs-subscription-structured.json"));

        assertEquals(List.of(
                        "checkout: TypeError: Cannot read properties of undefined (reading 'sku')",
                        "checkout: PaymentDeclinedError: card 4111 declined by issuer",
                        "checkout: KeyError: 'total'",
                        "checkout: Order 98231 could not be saved \u2014 java.sql.SQLTransientConnectionException: HikariPool-1 - Connection"
                                + " is not available, request timed out after 30000ms.",
                        "checkout: Payment provider call failed \u2014 ConnectionError: HTTPSConnectionPool(host='api.pay.example',"
                                + " port=443): Max retries exceeded",
                        "checkout: Startup failed \u2014 java.net.BindException: Port 8080 already in use",
                        "checkout: Inventory sync aborted \u2014 java.lang.IllegalStateException: warehouse feed is empty",
                        "checkout: Refund failed \u2014 com.shop.refunds.LedgerLockedException: ledger 2026-11 is closed",
                        "checkout: cartId: c-771, reason: inventory mismatch, skus: 3"),
                pagerDuty.attempted.stream().map(PagerDutyEvent::summary).toList());
        assertEquals(List.of("TypeError", "PaymentDeclinedError", "KeyError", "java.sql.SQLTransientConnectionException",
                        "ConnectionError", "java.net.BindException", "java.lang.IllegalStateException",
                        "com.shop.refunds.LedgerLockedException", "ERROR"),
                pagerDuty.attempted.stream().map(LogsErrorToPagerDutyHandlerTest::eventClass).toList());
        assertEquals(9, pagerDuty.attempted.stream().map(PagerDutyEvent::dedupKey).distinct().count(), "one incident per error");
        assertTrue(pagerDuty.attempted.stream().noneMatch(e -> e.summary().contains("{")), "no summary is raw JSON");
    }

    @Test
    void lambdaPlatformLinesNeverPageButTimeoutsAndOutOfMemoryDo() {
        handle(EventFiles.stream("logs-subscription-platform-lines.json"));

        assertEquals(List.of("image-resize: Lambda: invocation timed out",
                        "image-resize: Lambda: out of memory (Runtime.OutOfMemory)",
                        "image-resize: Lambda: Runtime exited with error: signal: killed"),
                pagerDuty.attempted.stream().map(PagerDutyEvent::summary).toList());
        String timeout = pagerDuty.attempted.get(0).toJson().toString();
        assertTrue(timeout.contains("\"occurrences\":2"), "the timeout line and its REPORT are one incident: " + timeout);
        assertTrue(timeout.contains("Task timed out after 6.00 seconds"), "the samples keep the platform's own line");
    }

    @Test
    void exceptionNamesKeepTheirWordsWhileCredentialsBesideThemAreHidden() {
        handle(EventFiles.stream("logs-subscription-exception-names.json"));

        List<String> summaries = pagerDuty.attempted.stream().map(PagerDutyEvent::summary).toList();
        assertTrue(summaries.get(0).startsWith("notifier: AuthorizationErrorException: An error occurred (AuthorizationError)"), summaries.get(0));
        assertEquals("notifier: TokenExpiredException: jwt expired at 2026-11-21T03:00:00Z", summaries.get(1));
        assertTrue(summaries.get(2).startsWith("notifier: SecretsManagerException: Secrets Manager can't find"), summaries.get(2));
        assertEquals("notifier: PasswordResetRequiredException: Password reset required for the user", summaries.get(3));
        assertEquals("notifier: login to db failed: password=[REDACTED] token: [REDACTED] Authorization: [REDACTED]", summaries.get(4));
        String all = pagerDuty.attempted.stream().map(e -> e.toJson().toString()).reduce("", String::concat);
        assertTrue(!all.contains("Hunter2") && !all.contains("xoxb-") && !all.contains("abc.def"), all);
    }

    @Test
    void anAlarmConfigurationChangeSendsNothing() {
        handle(EventFiles.stream("alarm-eventbridge-configuration-change.json"));
        assertEquals(List.of(), pagerDuty.attempted);
    }

    @Test
    void aControlMessageSendsNothingAndSucceeds() {
        handle(EventFiles.stream("logs-subscription-control.json"));
        assertTrue(pagerDuty.attempted.isEmpty());
    }

    @Test
    void theAlarmPathTriggersOnAlarmAndResolvesOnOk() {
        handle(EventFiles.stream("logs-alarm-sns-alarm.json"));
        handle(EventFiles.stream("logs-alarm-sns-ok.json"));
        assertEquals(List.of("trigger", "resolve"), pagerDuty.attempted.stream().map(PagerDutyEvent::action).toList());
        assertEquals(pagerDuty.attempted.get(0).dedupKey(), pagerDuty.attempted.get(1).dedupKey());
    }

    @Test
    void undecodableLogDataIsAnInvalidEvent() {
        for (String data : List.of("not base64 at all!", "aGVsbG8gd29ybGQ=", "H4sIAAAAAAAAA8tIzcnJBwCGphA2BQAAAA==")) {
            InvalidEventException e = assertThrows(InvalidEventException.class,
                    () -> handle(EventFiles.streamOf("{\"awslogs\":{\"data\":\"" + data + "\"}}")));
            assertTrue(e.getMessage().startsWith("awslogs.data"), e.getMessage());
        }
    }

    @Test
    void anEventOfNoKnownShapeIsAnInvalidEvent() {
        assertThrows(InvalidEventException.class, () -> handle(EventFiles.streamOf("{\"hello\":\"world\"}")));
    }

    @Test
    void oneRejectedEventDoesNotHoldBackTheOthersButFailsTheInvocation() {
        RecordingPagerDutySender rejectingTheFirst = new RecordingPagerDutySender(event -> event.summary().contains("Payment"));
        LogsErrorToPagerDutyHandler failing = new LogsErrorToPagerDutyHandler(SETTINGS, rejectingTheFirst);
        DeliveryException e = assertThrows(DeliveryException.class, () -> failing.handleRequest(
                EventFiles.stream("logs-subscription-plain.json"), new ByteArrayOutputStream(), TestContext.of("fn")));
        assertEquals(3, rejectingTheFirst.attempted.size());
        assertTrue(e.getMessage().startsWith("1 of 3 PagerDuty event(s) not accepted"), e.getMessage());
    }

    @Test
    void theSampleMatchesItsDecodedJsonBesideIt() {
        String data = dev.alertrelay.common.json.Json.parseObject(EventFiles.text("logs-subscription-plain.json"))
                .getAsJsonObject("awslogs").get("data").getAsString();
        LogsSubscriptionBatch batch = LogsSubscriptionBatch.decode(data);
        var decoded = dev.alertrelay.common.json.Json.parseObject(EventFiles.text("logs-subscription-plain.decoded.json"));
        assertEquals(decoded.get("logGroup").getAsString(), batch.logGroup());
        assertEquals(decoded.getAsJsonArray("logEvents").size(), batch.logEvents().size());
        assertEquals(decoded.getAsJsonArray("logEvents").get(0).getAsJsonObject().get("message").getAsString(),
                batch.logEvents().get(0).message());
    }
}
