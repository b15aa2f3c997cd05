package dev.alertrelay.common.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EndpointTest {

    @Test
    void httpsIsAccepted() {
        assertDoesNotThrow(() -> Endpoint.parse("https://hooks.slack.com/services/T/B/X", "webhook"));
    }

    @Test
    void plainHttpIsAcceptedOnlyToLoopback() {
        assertDoesNotThrow(() -> Endpoint.parse("http://127.0.0.1:8080/x", "webhook"));
        assertDoesNotThrow(() -> Endpoint.parse("http://localhost:8080/x", "webhook"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("http://hooks.slack.com/services/T/B/SECRET", "the Slack webhook URL (SLACK_WEBHOOK_URL)"));
        assertTrue(refused.getMessage().contains("must use https"), refused.getMessage());
        assertFalse(refused.getMessage().contains("SECRET"));
    }

    @Test
    void aHostNameThatMerelyStartsWith127IsNotLoopback() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("http://127.evil.example/v2/enqueue", "events url"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("http://127.0.0.1.evil.example/x", "events url"));
        assertDoesNotThrow(() -> Endpoint.parse("http://127.1.2.3:9/x", "events url"));
    }

    @Test
    void garbageIsRejectedWithoutEchoingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Endpoint.parse("hooks slack SECRET", "the Slack webhook URL (SLACK_WEBHOOK_URL)"));
        assertFalse(refused.getMessage().contains("SECRET"), refused.getMessage());
    }

    @Test
    void toStringIsTheDescriptionNotTheUrl() {
        assertEquals("webhook", Endpoint.parse("https://hooks.slack.com/services/T/B/SECRET", "webhook").toString());
    }
}
