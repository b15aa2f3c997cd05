package dev.alertrelay.slack;

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

    /** The {@code SLACK_WEBHOOK_URL} sender for this process, or its dry run. */
    static SlackSender fromEnvironment(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        return create(secrets.secret(WEBHOOK_SECRET), SlackOverrides.fromEnvironment(env), dryRun);
    }

    /**
     * @param webhookUrl read on first send, never in a dry run; its source is named in errors instead of the URL
     * @param dryRun     print the payload instead of sending it
     */
    static SlackSender create(Secret webhookUrl, SlackOverrides overrides, boolean dryRun) {
        if (dryRun) {
            return new DryRunSlackSender(overrides);
        }
        return new SlackWebhook(webhookUrl, overrides, new HttpDelivery(RetryPolicy.DEFAULT, "alert-relay"));
    }
}
