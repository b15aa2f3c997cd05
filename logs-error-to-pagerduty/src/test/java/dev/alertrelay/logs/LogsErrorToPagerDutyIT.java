package dev.alertrelay.logs;

import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.RecordingHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar run as a user runs it: java -jar logs-error-to-pagerduty.jar [--dry-run] event.json */
class LogsErrorToPagerDutyIT {

    private static final String ROUTING_KEY = "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y00";

    @Test
    void dryRunPrintsEachEventWithoutTheRoutingKey() {
        JarProcess.Result result = JarProcess.run(Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY, "AWS_REGION", "eu-west-1"), null,
                "--dry-run", EventFiles.path("logs-subscription-plain.json").toString());
        assertEquals(0, result.exitCode(), result.stderr());
        List<String> lines = result.stdout().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(3, lines.size(), result.stdout());
        for (String line : lines) {
            assertEquals("trigger", Json.string(Json.parseObject(line), "event_action"));
        }
        assertFalse(result.all().contains(ROUTING_KEY), result.all());
        assertFalse(result.all().contains("routing_key"), result.all());
    }

    @ParameterizedTest(name = "{0}: {1} incidents")
    @CsvSource(delimiter = '|', textBlock = """
            logs-subscription-error-objects.json | 10 | checkout-api: Error: connect ECONNREFUSED 10.0.4.12:5432
            logs-subscription-levels.json        | 3  | orders-api: out of database connections
            logs-runtime-python-init-error.json  | 1  | report-builder: ModuleNotFoundError: No module named 'requests'
            logs-runtime-python-unhandled.json   | 1  | report-builder: KeyError: 'total'
            logs-runtime-node-init-error.json    | 1  | image-resize: Error: Cannot find module 'sharp'
            logs-runtime-node-timeout.json       | 1  | image-resize: Error: socket hang up
            logs-runtime-java-init-error.json    | 1  | orders-java: java.lang.ClassNotFoundException: com.shop.OrderHandler
            logs-runtime-dotnet-crash.json       | 1  | orders-dotnet: System.InvalidOperationException: Connection string
            logs-runtime-go-panic.json           | 1  | orders-go: runtime error: invalid memory address or nil pointer dereference
            logs-runtime-ruby-init-error.json    | 1  | orders-ruby: LoadError: cannot load such file -- httparty
            logs-runtime-provided-bootstrap.json | 1  | orders-rust: Couldn't find valid bootstrap(s)
            logs-subscription-telemetry.json     | 0  |
            logs-rds-postgresql.json             | 3  | orders-db/postgresql: password authentication failed for user
            logs-rds-mysql.json                  | 2  | shop-db/error: Operating system error number 28
            logs-nginx-error.json                | 3  | nginx: connect() failed (111: Connection refused)
            logs-syslog.json                     | 3  | syslog: disk /var is full
            logs-subscription-text-levels.json   | 4  | web: payment 4711 failed
            """)
    void eachLogFormatSampleBecomesTheIncidentsItsDocumentedFormatMeans(String sample, int incidents, String summary) {
        JarProcess.Result result = JarProcess.run(Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY, "AWS_REGION", "eu-west-1"), null,
                "--dry-run", EventFiles.path(sample).toString());
        assertEquals(0, result.exitCode(), result.stderr());
        List<String> summaries = result.stdout().lines().filter(line -> !line.isBlank())
                .map(line -> Json.parseObject(line).getAsJsonObject("payload").get("summary").getAsString()).toList();
        assertEquals(incidents, summaries.size(), summaries.toString());
        if (summary != null) {
            assertTrue(summaries.stream().anyMatch(s -> s.startsWith(summary)), summaries.toString());
        }
    }

    @Test
    void eventsGoToTheEventsApiWithTheRoutingKeyThatTheOutputNeverShows() {
        try (RecordingHttpServer server = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED)) {
            server.thenAnswer(RecordingHttpServer.Answer.of(400,
                    "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"'routing_key' is invalid\"]}"));
            JarProcess.Result result = JarProcess.run(Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY,
                            "PAGERDUTY_EVENTS_URL", server.url("/v2/enqueue")), null,
                    EventFiles.path("logs-subscription-stacktrace.json").toString());
            assertEquals(1, result.exitCode(), "one rejected event fails the invocation: " + result.stderr());
            assertEquals(2, server.requests().size(), "the other event is still sent");
            for (RecordingHttpServer.Request request : server.requests()) {
                assertEquals(ROUTING_KEY, Json.string(Json.parseObject(request.body()), "routing_key"));
            }
            assertTrue(result.stderr().contains("'routing_key' is invalid"), result.stderr());
            assertFalse(result.all().contains(ROUTING_KEY), result.all());
        }
    }

    @Test
    void theAlarmPathResolvesWhatItTriggered() {
        try (RecordingHttpServer server = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED)) {
            Map<String, String> env = Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY, "PAGERDUTY_EVENTS_URL", server.url("/v2/enqueue"));
            assertEquals(0, JarProcess.run(env, null, EventFiles.path("logs-alarm-sns-alarm.json").toString()).exitCode());
            assertEquals(0, JarProcess.run(env, null, EventFiles.path("logs-alarm-sns-ok.json").toString()).exitCode());
            var trigger = Json.parseObject(server.requests().get(0).body());
            var resolve = Json.parseObject(server.requests().get(1).body());
            assertEquals("trigger", Json.string(trigger, "event_action"));
            assertEquals("resolve", Json.string(resolve, "event_action"));
            assertEquals(Json.string(trigger, "dedup_key"), Json.string(resolve, "dedup_key"));
        }
    }

    @Test
    void undecodableLogDataExitsWithStatus2() {
        JarProcess.Result result = JarProcess.run(Map.of(), "{\"awslogs\":{\"data\":\"aGVsbG8gd29ybGQ=\"}}", "--dry-run", "-");
        assertEquals(2, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("awslogs.data is not gzip data"), result.stderr());
    }

    @org.junit.jupiter.api.Test
    void helpListsTheOptionsAndEveryVariableTheFunctionReadsWithDefaults() {
        dev.alertrelay.common.testing.JarProcess.Result result = dev.alertrelay.common.testing.JarProcess.run(java.util.Map.of(), null, "--help");
        org.junit.jupiter.api.Assertions.assertEquals(0, result.exitCode(), result.all());
        for (String expected : java.util.List.of("--dry-run", "--replay", "PAGERDUTY_ROUTING_KEY", "PAGERDUTY_EVENTS_URL", "DEFAULT_SEVERITY",
                "MAX_INCIDENTS_PER_BATCH", "SAMPLE_LINES", "REDACT_PATTERNS", "ALARM_INSUFFICIENT_DATA", "SECRET_MAX_AGE_SECONDS",
                "default 20", "AWS_ENDPOINT_URL")) {
            org.junit.jupiter.api.Assertions.assertTrue(result.stdout().contains(expected), expected + " missing from --help:\n" + result.stdout());
        }
    }

    @org.junit.jupiter.api.Test
    void theJarShipsUrlConnectionClientAsItsOnlyHttpClientAndStaysUnder15Mb() {
        dev.alertrelay.common.testing.JarContents.assertShipsOnlyUrlConnectionClient(dev.alertrelay.common.testing.JarProcess.jar());
    }
}
