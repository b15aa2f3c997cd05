package dev.alertrelay.common.runner;

import dev.alertrelay.common.json.InvalidEventException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FailedEventsTest {

    private static final String EVENT = "{\"Records\":[{\"Sns\":{\"Message\":\"hi\"}}]}";
    /** https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html */
    private static final String DESTINATION_RECORD = """
            {"version":"1.0","timestamp":"2026-11-21T03:06:00.000Z",
             "requestContext":{"requestId":"e4b46cbf-b738-xmpl-8880-a18cdf61200e",
               "functionArn":"arn:aws:lambda:ap-northeast-1:123456789012:function:alarm-to-slack:$LATEST",
               "condition":"RetriesExhausted","approximateInvokeCount":3},
             "requestPayload":%s,
             "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
             "responsePayload":{"errorMessage":"Slack delivery failed after 5 attempts; last: HTTP 500 rollup_error",
               "errorType":"dev.alertrelay.common.http.DeliveryException"}}""".formatted(EVENT);

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void aDestinationRecordGivesBackTheOriginalEventAndWhyItFailed() {
        List<FailedEvents.FailedEvent> events = FailedEvents.unwrap(DESTINATION_RECORD.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, events.size());
        assertEquals(EVENT, text(events.get(0).event()));
        assertEquals("RetriesExhausted, 3 attempt(s): dev.alertrelay.common.http.DeliveryException Slack delivery failed"
                + " after 5 attempts; last: HTTP 500 rollup_error", events.get(0).failure());
    }

    @Test
    void receiveMessageOutputGivesEveryMessagesEvent() {
        String body = com.google.gson.JsonParser.parseString(DESTINATION_RECORD).toString();
        String output = "{\"Messages\":[{\"MessageId\":\"1\",\"ReceiptHandle\":\"r\",\"Body\":" + quote(body) + "},"
                + "{\"MessageId\":\"2\",\"ReceiptHandle\":\"r\",\"Body\":" + quote(EVENT) + "}]}";
        List<FailedEvents.FailedEvent> events = FailedEvents.unwrap(output.getBytes(StandardCharsets.UTF_8));
        assertEquals(2, events.size());
        assertEquals(EVENT, text(events.get(0).event()));
        assertEquals(EVENT, text(events.get(1).event()));
        assertNull(events.get(1).failure());
    }

    @Test
    void anEventBridgeDeadLetterBodyIsTheEventItself() {
        String event = "{\"detail-type\":\"ECS Task State Change\",\"source\":\"aws.ecs\",\"detail\":{}}";
        assertEquals(event, text(FailedEvents.unwrap(event.getBytes(StandardCharsets.UTF_8)).get(0).event()));
    }

    @Test
    void anEmptyReceiveIsAClearError() {
        InvalidEventException failure = assertThrows(InvalidEventException.class,
                () -> FailedEvents.unwrap("{\"Messages\":[]}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("the receive-message output holds no messages: the queue may be empty", failure.getMessage());
    }

    private static String quote(String json) {
        return new com.google.gson.JsonPrimitive(json).toString();
    }
}
