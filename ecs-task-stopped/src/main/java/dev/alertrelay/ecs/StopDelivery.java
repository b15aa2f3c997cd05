package dev.alertrelay.ecs;

import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.slack.SlackMessage;
import dev.alertrelay.common.slack.SlackSender;
import dev.alertrelay.common.slack.thread.SlackDestination;
import dev.alertrelay.common.slack.thread.SlackThreads;

import java.time.Instant;
import java.util.function.Function;

/** How task stops reach Slack: a message each through the webhook, or one thread per service in Slack app mode. */
interface StopDelivery {

    /**
     * @param stops   the stops of one service (one, or a batch's group)
     * @param message how they read on their own
     * @return what happened, for the log line
     */
    String deliver(TaskStopDigest stops, SlackMessage message, Deadline deadline);

    static StopDelivery fromEnvironment(Function<String, String> env, SecretResolver secrets) {
        SlackDestination destination = SlackDestination.fromEnvironment(env, secrets,
                secrets.isConfigured(SlackSender.WEBHOOK_SECRET), () -> SlackSender.fromEnvironment(env, secrets));
        return switch (destination) {
            case SlackDestination.Webhook webhook -> webhook(webhook.sender());
            case SlackDestination.App app -> threaded(app.threads());
        };
    }

    static StopDelivery webhook(SlackSender slack) {
        return (stops, message, deadline) -> {
            slack.send(message, deadline);
            return DryRun.sent();
        };
    }

    static StopDelivery threaded(SlackThreads threads) {
        return (stops, message, deadline) -> {
            Instant now = Instant.now();
            SlackThreads.Outcome outcome = threads.deliver(ServiceThreadPlanner.threadId(stops.stops().get(0).task()),
                    ServiceThreadPlanner.notificationKey(stops.stops()),
                    current -> ServiceThreadPlanner.plan(stops, message, current, now), deadline);
            return (DryRun.enabled() ? "dry run: " : "") + outcome;
        };
    }
}
