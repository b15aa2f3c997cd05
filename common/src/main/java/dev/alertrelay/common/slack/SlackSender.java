package dev.alertrelay.common.slack;

import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.secrets.SecretResolver;

import java.util.function.Function;


/** Sends a {@link SlackMessage} somewhere: the incoming webhook, or stdout in dry-run mode. */
public interface SlackSender {

    String WEBHOOK_SECRET = "SLACK_WEBHOOK_URL";

    /** Delivers the message or throws {@link dev.alertrelay.common.http.DeliveryException}. */
    void send(SlackMessage message, Deadline deadline);

    /** The sender for this process: dry-run when the local runner asks for it, else the webhook from the environment. */
    static SlackSender fromEnvironment(Function<String, String> env, SecretResolver secrets) {
        return create(secrets.secret(WEBHOOK_SECRET), SlackOverrides.fromEnvironment(env));
    }

    /** @param webhookUrl read on first send, never in dry-run mode; its source is named in errors instead of the URL */
    static SlackSender create(Secret webhookUrl, SlackOverrides overrides) {
        if (DryRun.enabled()) {
            return new DryRunSlackSender(overrides);
        }
        return new SlackWebhook(webhookUrl, overrides, new HttpDelivery(RetryPolicy.DEFAULT, "alert-relay"));
    }
}
