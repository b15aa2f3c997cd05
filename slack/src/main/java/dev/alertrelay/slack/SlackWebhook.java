package dev.alertrelay.slack;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.json.Json;

import java.util.Set;

/**
 * Posts to a Slack incoming webhook (https://api.slack.com/messaging/webhooks). Slack answers 200 {@code ok}; its
 * errors (400 invalid_blocks, 403 action_prohibited, 404 channel_not_found, 410 channel_is_archived) are not retried,
 * 429 and 5xx are, by {@link HttpDelivery}. When Slack says the webhook itself is gone or wrong (403 invalid_token,
 * 404 no_service, no_team, team_disabled: a rotated or revoked URL), the URL is read once more from its secret and,
 * if it changed, the message is posted with the new one.
 */
final class SlackWebhook implements SlackSender {

    /** https://api.slack.com/changelog/2016-05-17-changes-to-errors-for-incoming-webhooks */
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("invalid_token", "no_service", "no_service_id", "no_team",
            "team_disabled");

    private final Secret webhookUrl;
    private final SlackOverrides overrides;
    private final HttpDelivery delivery;
    private volatile ParsedUrl lastParsed;

    SlackWebhook(Secret webhookUrl, SlackOverrides overrides, HttpDelivery delivery) {
        this.webhookUrl = webhookUrl;
        this.overrides = overrides;
        this.delivery = delivery;
    }

    @Override
    public void send(SlackMessage message, Deadline deadline) {
        String json = Json.toJson(message.toPayload(overrides));
        webhookUrl.useRereadingOnRefusal(deadline, refusal -> CREDENTIAL_ERRORS.contains(refusal.answer()),
                url -> delivery.postJson(endpoint(url), json, deadline, "Slack"));
    }

    /** The URL parsed and checked once per value (the secret's value changes only when it is rotated). */
    private Endpoint endpoint(String url) {
        ParsedUrl parsed = lastParsed;
        if (parsed == null || !parsed.url().equals(url)) {
            parsed = new ParsedUrl(url, Endpoint.parse(url, "the Slack webhook URL (" + webhookUrl.source() + ")"));
            lastParsed = parsed;
        }
        return parsed.endpoint();
    }

    private record ParsedUrl(String url, Endpoint endpoint) {
    }
}
