package dev.alertrelay.common.slack;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.json.Json;

import java.util.function.Supplier;

/**
 * Posts to a Slack incoming webhook (https://api.slack.com/messaging/webhooks). Slack answers 200 {@code ok}; its
 * errors (400 invalid_blocks, 403 action_prohibited, 404 channel_not_found, 410 channel_is_archived) are not retried,
 * 429 and 5xx are, by {@link HttpDelivery}.
 */
final class SlackWebhook implements SlackSender {

    private final Supplier<String> webhookUrl;
    private final SlackOverrides overrides;
    private final String source;
    private final HttpDelivery delivery;
    private volatile Endpoint endpoint;

    SlackWebhook(Supplier<String> webhookUrl, SlackOverrides overrides, String source, HttpDelivery delivery) {
        this.webhookUrl = webhookUrl;
        this.overrides = overrides;
        this.source = source;
        this.delivery = delivery;
    }

    @Override
    public void send(SlackMessage message, Deadline deadline) {
        delivery.postJson(endpoint(), Json.toJson(message.toPayload(overrides)), deadline, "Slack");
    }

    private Endpoint endpoint() {
        Endpoint resolved = endpoint;
        if (resolved == null) {
            resolved = Endpoint.parse(webhookUrl.get(), "the Slack webhook URL (" + source + ")");
            endpoint = resolved;
        }
        return resolved;
    }
}
