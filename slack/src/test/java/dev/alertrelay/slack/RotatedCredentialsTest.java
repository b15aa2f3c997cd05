package dev.alertrelay.slack;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RotatedSecret;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A webhook rotated in SSM is picked up the moment Slack refuses the old one, without waiting for the cache to age. */
class RotatedCredentialsTest {

    private final RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK);

    @AfterEach
    void stop() {
        slack.close();
    }

    private static SlackMessage message() {
        return SlackMessage.builder().text("ALARM: test").build();
    }

    @Test
    void aRevokedWebhookIsReadAgainAndTheMessagePostedWithTheNewOne() {
        slack.thenAnswer(Answer.of(404, "no_service"));
        RotatedSecret secret = new RotatedSecret("SLACK_WEBHOOK_URL_PARAMETER", slack.url("/services/OLD"), slack.url("/services/NEW"));

        new SlackWebhook(secret, SlackOverrides.NONE, new HttpDelivery(RetryPolicy.DEFAULT, "test")).send(message(), Deadline.in(10_000));

        assertEquals(List.of("/services/OLD", "/services/NEW"), slack.requests().stream().map(RecordingHttpServer.Request::path).toList());
    }

    @Test
    void aRefusalThatIsNotAboutTheCredentialIsNotRetried() {
        slack.thenAnswer(Answer.of(404, "channel_not_found"));
        RotatedSecret secret = new RotatedSecret("SLACK_WEBHOOK_URL_PARAMETER", slack.url("/services/OLD"), slack.url("/services/NEW"));

        DeliveryException failure = assertThrows(DeliveryException.class, () -> new SlackWebhook(secret, SlackOverrides.NONE,
                new HttpDelivery(RetryPolicy.DEFAULT, "test"))
                .send(message(), Deadline.in(10_000)));

        assertTrue(failure.getMessage().contains("channel_not_found"), failure.getMessage());
        assertEquals(1, slack.requests().size());
    }

    @Test
    void whenTheStoredValueIsStillTheRefusedOneTheRefusalStands() {
        slack.answerByDefault(Answer.of(403, "invalid_token"));
        RotatedSecret secret = new RotatedSecret("SLACK_WEBHOOK_URL_PARAMETER", slack.url("/services/OLD"), slack.url("/services/OLD"));

        assertThrows(DeliveryException.class, () -> new SlackWebhook(secret, SlackOverrides.NONE,
                new HttpDelivery(RetryPolicy.DEFAULT, "test"))
                .send(message(), Deadline.in(10_000)));

        assertEquals(1, slack.requests().size());
    }
}
