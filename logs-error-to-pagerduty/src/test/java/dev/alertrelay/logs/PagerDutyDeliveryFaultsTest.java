package dev.alertrelay.logs;

import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.DeliveryFaultsContract;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.FaultInjection;
import dev.alertrelay.common.testing.FaultInjection.Outcome;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.pagerduty.PagerDutySender;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The logs handler paging through a local Events API v2 that misbehaves (the scenarios are in
 * {@link DeliveryFaultsContract}); the routing key travels in the body and nowhere else.
 */
class PagerDutyDeliveryFaultsTest extends DeliveryFaultsContract {

    private static final String ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY01";

    PagerDutyDeliveryFaultsTest() {
        super(RecordingHttpServer.PAGERDUTY_ACCEPTED, "/v2/enqueue", ROUTING_KEY,
                Answer.of(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                        + "\"errors\":[\"Length of 'routing_key' is incorrect (should be 32 characters)\"]}"),
                "Event object is invalid");
    }

    @Override
    protected void invokeHandler(String url, com.amazonaws.services.lambda.runtime.Context context) {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1");
        PagerDutySender eventsApi = PagerDutySender.fromEnvironment(Map.of("PAGERDUTY_EVENTS_URL", url)::get,
                new SecretResolver(Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY)::get), false);
        new LogsErrorToPagerDutyHandler(LogsErrorSettings.fromEnvironment(env::get), eventsApi)
                .handleRequest(EventFiles.stream("logs-alarm-sns-alarm.json"), new ByteArrayOutputStream(),
                        context);
    }

    @Test
    void aHealthyEventsApiTakesTheTriggerWithTheRoutingKeyInTheBodyOnly() {
        Outcome outcome = invoke(receiver.url("/v2/enqueue"));
        assertFalse(outcome.failed(), outcome.error());
        assertEquals(1, outcome.attempts());
        assertTrue(receiver.requests().get(0).body().contains("\"routing_key\":\"" + ROUTING_KEY + "\""));
    }
}
