package dev.alertrelay.common.slack;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.testing.RecordingHttpServer;
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

    /** A secret whose stored value was replaced: the cache still holds {@code cached} until refreshed. */
    private final class RotatedSecret implements Secret {
        private final String cached;
        private final String stored;
        private boolean refreshed;
        int reads;

        RotatedSecret(String cached, String stored) {
            this.cached = cached;
            this.stored = stored;
        }

        @Override
        public String value(Deadline deadline) {
            reads++;
            return refreshed ? stored : cached;
        }

        @Override
        public boolean refresh() {
            refreshed = true;
            return true;
        }

        @Override
        public String source() {
            return "SLACK_WEBHOOK_URL_PARAMETER";
        }
    }

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
        RotatedSecret secret = new RotatedSecret(slack.url("/services/OLD"), slack.url("/services/NEW"));

        new SlackWebhook(secret, SlackOverrides.NONE, new HttpDelivery(RetryPolicy.DEFAULT, "test")).send(message(), Deadline.in(10_000));

        assertEquals(List.of("/services/OLD", "/services/NEW"), slack.requests().stream().map(RecordingHttpServer.Request::path).toList());
    }

    @Test
    void aRefusalThatIsNotAboutTheCredentialIsNotRetried() {
        slack.thenAnswer(Answer.of(404, "channel_not_found"));
        RotatedSecret secret = new RotatedSecret(slack.url("/services/OLD"), slack.url("/services/NEW"));

        DeliveryException failure = assertThrows(DeliveryException.class, () -> new SlackWebhook(secret, SlackOverrides.NONE,
                new HttpDelivery(RetryPolicy.DEFAULT, "test"))
                .send(message(), Deadline.in(10_000)));

        assertTrue(failure.getMessage().contains("channel_not_found"), failure.getMessage());
        assertEquals(1, slack.requests().size());
    }

    @Test
    void whenTheStoredValueIsStillTheRefusedOneTheRefusalStands() {
        slack.answerByDefault(Answer.of(403, "invalid_token"));
        RotatedSecret secret = new RotatedSecret(slack.url("/services/OLD"), slack.url("/services/OLD"));

        assertThrows(DeliveryException.class, () -> new SlackWebhook(secret, SlackOverrides.NONE,
                new HttpDelivery(RetryPolicy.DEFAULT, "test"))
                .send(message(), Deadline.in(10_000)));

        assertEquals(1, slack.requests().size());
    }
}
