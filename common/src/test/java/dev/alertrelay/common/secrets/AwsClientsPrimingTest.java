package dev.alertrelay.common.secrets;

import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.SystemProperties;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart priming warms the SDK clients a configuration will use, and calls no AWS endpoint while doing it. */
class AwsClientsPrimingTest {

    @Test
    @SuppressWarnings("try") // the try block only scopes the SDK settings
    void aKmsOrSsmConfigurationPrimesTheSdkWithoutCallingAws() {
        try (RecordingHttpServer aws = RecordingHttpServer.start(RecordingHttpServer.Answer.of(500, "{}"));
             SystemProperties sdk = SystemProperties.set(Map.of("aws.endpointUrl", aws.url(""), "aws.region", "us-east-1",
                     "aws.accessKeyId", "test", "aws.secretAccessKey", "test"))) {
            SecretResolver resolver = new SecretResolver(Map.of("SLACK_WEBHOOK_URL_PARAMETER", "/alert-relay/slack")::get);
            resolver.secret("SLACK_WEBHOOK_URL");
            assertTrue(resolver.readsFromAws());
            assertTrue(SecretResolver.primeAwsClients());
            assertEquals(0, aws.requests().size(), "priming must not call AWS");
        }
    }

    @Test
    void aPlainTextConfigurationPrimesNothing() {
        SecretResolver resolver = new SecretResolver(Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X")::get);
        resolver.secret("SLACK_WEBHOOK_URL");
        assertFalse(resolver.readsFromAws());
    }
}
