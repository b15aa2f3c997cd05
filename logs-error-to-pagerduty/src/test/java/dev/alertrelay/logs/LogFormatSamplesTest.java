package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The samples in events/ written from each logger's, runtime's and tool's documented format, through the handler. */
class LogFormatSamplesTest {

    private static final LogsErrorSettings SETTINGS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, "eu-west-1", false, 0);

    private final RecordingPagerDutySender pagerDuty = new RecordingPagerDutySender();

    private List<String> summariesOf(String sample) {
        new LogsErrorToPagerDutyHandler(SETTINGS, pagerDuty)
                .handleRequest(EventFiles.stream(sample), new ByteArrayOutputStream(), TestContext.of("logs-error-to-pagerduty"));
        return pagerDuty.attempted.stream().map(PagerDutyEvent::summary).toList();
    }

    private static JsonObject details(PagerDutyEvent event) {
        return event.toJson().getAsJsonObject("payload").getAsJsonObject("custom_details");
    }

    private static String severity(PagerDutyEvent event) {
        return event.toJson().getAsJsonObject("payload").get("severity").getAsString();
    }

    @Test
    void anErrorObjectUnderAnyLoggersKeyBecomesTheSummaryAndTheSameErrorGroupsAcrossFormats() {
        assertEquals(List.of(
                        "checkout-api: Error: connect ECONNREFUSED 10.0.4.12:5432",
                        "checkout-api: pricing failed \u2014 TypeError: Cannot read properties of undefined (reading 'total')",
                        "checkout-api: Order could not be reserved \u2014 ConditionalCheckFailedException: The conditional request failed",
                        "checkout-api: AxiosError: Request failed with status code 503",
                        "checkout-api: payment capture failed \u2014 ValueError: amount must be positive",
                        "checkout-api: refund failed \u2014 RuntimeError: ledger closed",
                        "checkout-api: Failed to publish order {OrderId} \u2014 System.InvalidOperationException: Queue 'orders' does not exist",
                        "checkout-api: Ledger post failed \u2014 java.lang.IllegalStateException: period 2026-11 is closed",
                        "checkout-api: Inventory sync failed \u2014 TimeoutError: timed out after 5000 ms",
                        "checkout-api: could not load order \u2014 KeyError: 'o-1001'"),
                summariesOf("logs-subscription-error-objects.json"));
        assertEquals(2, details(pagerDuty.attempted.get(0)).get("occurrences").getAsInt(),
                "pino's err and Node's printed stack trace are one error");
        String firstSample = details(pagerDuty.attempted.get(2)).getAsJsonArray("samples").get(0).getAsJsonObject().get("message").getAsString();
        assertTrue(firstSample.contains("at de_ConditionalCheckFailedExceptionRes"), "the stack is in the samples: " + firstSample);
    }

    @Test
    void aStackThatStartsWithTheErrorLineIsNotShownTwice() {
        summariesOf("logs-subscription-error-objects.json");
        String firstSample = details(pagerDuty.attempted.get(0)).getAsJsonArray("samples").get(0).getAsJsonObject().get("message").getAsString();
        assertEquals(firstSample.indexOf("Error: connect ECONNREFUSED"), firstSample.lastIndexOf("Error: connect ECONNREFUSED"), firstSample);
    }

    @Test
    void infoDebugAndTraceNeverPageInAnyLevelFieldWhileWarnErrorAndFatalDo() {
        assertEquals(List.of("orders-api: slow response from payments: 2300 ms", "orders-api: out of database connections",
                "orders-api: payment webhook rejected"), summariesOf("logs-subscription-levels.json"));
        assertEquals(List.of("warning", "critical", "error"), pagerDuty.attempted.stream().map(LogFormatSamplesTest::severity).toList());
    }

    @Test
    void aPythonImportErrorAtInitIsOneIncidentNamedForTheRealError() {
        assertEquals(List.of("report-builder: ModuleNotFoundError: No module named 'requests'"),
                summariesOf("logs-runtime-python-init-error.json"));
        JsonArray samples = details(pagerDuty.attempted.get(0)).getAsJsonArray("samples");
        assertEquals(2, details(pagerDuty.attempted.get(0)).get("occurrences").getAsInt());
        assertEquals("Lambda: init error (Runtime.ImportModuleError)", samples.get(1).getAsJsonObject().get("message").getAsString(),
                "the platform's report is among the samples");
    }

    @Test
    void theRuntimesUnhandledExceptionBoilerplateNeverPages() {
        assertEquals(List.of("report-builder: KeyError: 'total'"), summariesOf("logs-runtime-python-unhandled.json"));
    }

    @Test
    void aNodeModuleMissingAtInitIsOneIncidentNamedForTheMissingModule() {
        assertEquals(List.of("image-resize: Error: Cannot find module 'sharp'"), summariesOf("logs-runtime-node-init-error.json"));
    }

    @Test
    void aTimeoutFoldsIntoTheErrorTheInvocationLoggedBeforeIt() {
        assertEquals(List.of("image-resize: Error: socket hang up"), summariesOf("logs-runtime-node-timeout.json"));
        String all = pagerDuty.attempted.get(0).toJson().toString();
        assertTrue(all.contains("Lambda: invocation timed out"), all);
    }

    @Test
    void eachRuntimesInitOrCrashFailureIsOneIncidentNamedForItsRealError() {
        assertEquals(List.of("orders-java: java.lang.ClassNotFoundException: com.shop.OrderHandler. Current classpath: file:/var/task/"),
                summariesOf("logs-runtime-java-init-error.json"));
        pagerDuty.attempted.clear();
        assertEquals(List.of("orders-dotnet: System.InvalidOperationException: Connection string 'Orders' was not found."),
                summariesOf("logs-runtime-dotnet-crash.json"));
        pagerDuty.attempted.clear();
        assertEquals(List.of("orders-go: runtime error: invalid memory address or nil pointer dereference"),
                summariesOf("logs-runtime-go-panic.json"));
        pagerDuty.attempted.clear();
        assertEquals(List.of("orders-ruby: LoadError: cannot load such file -- httparty"), summariesOf("logs-runtime-ruby-init-error.json"));
        pagerDuty.attempted.clear();
        assertEquals(List.of("orders-rust: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]"),
                summariesOf("logs-runtime-provided-bootstrap.json"));
    }

    @Test
    void aHealthyInstrumentedInvocationPagesNobody() {
        assertEquals(List.of(), summariesOf("logs-subscription-telemetry.json"));
    }

    @Test
    void postgresqlLinesPageAtTheirOwnLevelAndTheirContinuationLinesNever() {
        assertEquals(List.of("orders-db/postgresql: duplicate key value violates unique constraint \"orders_pkey\"",
                        "orders-db/postgresql: password authentication failed for user \"report\"",
                        "orders-db/postgresql: there is no transaction in progress"),
                summariesOf("logs-rds-postgresql.json"));
        assertEquals(List.of("error", "critical", "warning"), pagerDuty.attempted.stream().map(LogFormatSamplesTest::severity).toList());
    }

    @Test
    void mysqlNginxAndSyslogLinesPageOnlyAtWarningOrAbove() {
        assertEquals(List.of("shop-db/error: IP address '10.0.9.9' could not be resolved: Name or service not known",
                "shop-db/error: Operating system error number 28 in a file operation."), summariesOf("logs-rds-mysql.json"));
        pagerDuty.attempted.clear();
        List<String> nginx = summariesOf("logs-nginx-error.json");
        assertEquals(3, nginx.size(), nginx.toString());
        assertTrue(nginx.get(1).startsWith("nginx: connect() failed (111: Connection refused)"), nginx.get(1));
        pagerDuty.attempted.clear();
        assertEquals(List.of("syslog: shop[812]: payment gateway unreachable",
                        "syslog: kernel: TCP: request_sock_TCP: Possible SYN flooding on port 443. Sending cookies.",
                        "syslog: disk /var is full"),
                summariesOf("logs-syslog.json"));
        assertEquals(List.of("error", "warning", "critical"), pagerDuty.attempted.stream().map(LogFormatSamplesTest::severity).toList());
    }

    @Test
    void pythonSpringBootAndLogfmtTextLinesPageAtTheirOwnLevel() {
        assertEquals(List.of("web: order 55120 could not be saved", "web: retrying payment 4711 after TimeoutError",
                        "web: payment 4711 failed", "web: failed to flush orders error=\"disk quota exceeded\""),
                summariesOf("logs-subscription-text-levels.json"));
        assertFalse(pagerDuty.attempted.stream().anyMatch(e -> e.summary().contains("Error pages registered")));
    }
}
