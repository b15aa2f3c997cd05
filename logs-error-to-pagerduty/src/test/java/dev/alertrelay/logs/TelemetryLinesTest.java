package dev.alertrelay.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TelemetryLinesTest {

    @Test
    void eachToolsMachineLinesAreRecognised() {
        assertEquals("CloudWatch embedded metric format",
                TelemetryLines.toolOf("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[]},\"Errors\":1}"));
        assertEquals("Datadog", TelemetryLines.toolOf("{\"m\":\"aws.lambda.enhanced.errors\",\"v\":1,\"e\":1795230300,\"t\":[]}"));
        assertEquals("Datadog", TelemetryLines.toolOf("{\"traces\":[[{\"trace_id\":\"1\",\"error\":1}]]}"));
        assertEquals("Datadog", TelemetryLines.toolOf("DD_EXTENSION | ERROR | could not flush"));
        assertEquals("New Relic", TelemetryLines.toolOf("[2,\"NR_LAMBDA_MONITORING\",{\"agent_version\":\"11\"},\"H4sIAAAA\"]"));
        assertEquals("New Relic", TelemetryLines.toolOf("[NR_EXT] Sent 1/1 New Relic payload batches"));
        assertEquals("OpenTelemetry", TelemetryLines.toolOf("{\"resourceSpans\":[]}"));
        assertEquals("OpenTelemetry", TelemetryLines.toolOf("{\"level\":\"error\",\"msg\":\"Exporting failed.\",\"kind\":\"exporter\",\"name\":\"otlphttp\"}"));
        assertEquals("OpenTelemetry", TelemetryLines.toolOf("{\"name\":\"charge\",\"context\":{\"trace_id\":\"0x1\",\"span_id\":\"0x2\"}}"));
        assertEquals("OpenTelemetry", TelemetryLines.toolOf("{\n  traceId: 'ad9c',\n  name: 'GET',\n  kind: 1\n}"));
    }

    @Test
    void theFunctionsOwnErrorsAreNotTelemetry() {
        assertNull(TelemetryLines.toolOf("{\"level\":\"ERROR\",\"message\":\"payment failed\",\"errorType\":\"TypeError\"}"));
        assertNull(TelemetryLines.toolOf("{\"level\":\"error\",\"message\":\"m\",\"kind\":\"refund\"}"));
        assertNull(TelemetryLines.toolOf("ERROR [NR] nothing"));
        assertNull(TelemetryLines.toolOf(""));
    }
}
