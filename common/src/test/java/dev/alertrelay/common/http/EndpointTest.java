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

    @Test
    void aWebhookEchoedInAnyFormIsScrubbedFromErrors() {
        String token = "Xk2mQ9vL4pZ7wR1tY8uN3bC5";
        Endpoint webhook = Endpoint.parse("https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/" + token, "webhook");
        for (String echo : new String[] {
                "https://hooks.slack.com/services/T0AB12CD3/B0EF45GH6/" + token,
                "https:\\/\\/hooks.slack.com\\/services\\/T0AB12CD3\\/B0EF45GH6\\/" + token,
                "https%3A%2F%2Fhooks.slack.com%2Fservices%2FT0AB12CD3%2FB0EF45GH6%2F" + token,
                "https%3a%2f%2fhooks.slack.com%2fservices%2fT0AB12CD3%2fB0EF45GH6%2f" + token,
                "/services/T0AB12CD3/B0EF45GH6/" + token,
                "no such token " + token}) {
            String scrubbed = webhook.scrub("invalid_payload for " + echo + " (sent)");
            assertFalse(scrubbed.contains(token), scrubbed);
            assertTrue(scrubbed.startsWith("invalid_payload for "), scrubbed);
        }
    }

    @Test
    void aSecretTheEndpointHidesIsScrubbedAsWrittenAndJsonEscaped() {
        String key = "R0ut1ngK3y/R0ut1ngK3y=R0ut1ngK3y";
        Endpoint events = Endpoint.parse("https://events.pagerduty.com/v2/enqueue", "events url").hiding(key, "[routing key]");
        assertEquals("bad [routing key] and [routing key] and [routing key]",
                events.scrub("bad " + key + " and " + key.replace("/", "\\/") + " and " + key.replace("=", "\\u003d")));
        assertEquals("v2 enqueue stays", events.scrub("v2 enqueue stays"));
    }
}
