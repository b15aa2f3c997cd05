package dev.alertrelay.common.slack.thread;

import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.slack.SlackSender;
import dev.alertrelay.common.slack.api.SlackWebApi;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a function's Slack messages go: an incoming webhook (the default), or, when {@code SLACK_BOT_TOKEN} (or its
 * {@code _ENCRYPTED} / {@code _PARAMETER} form) is set, the Slack app's Web API in {@code SLACK_CHANNEL_ID}, threaded
 * through the {@code ALARM_STATE_TABLE} records when that table is configured.
 */
public sealed interface SlackDestination {

    /** Incoming webhook mode: every notification is a message of its own. */
    record Webhook(SlackSender sender) implements SlackDestination {
    }

    /** Slack app mode: {@code threads} posts, replies and updates; {@code api} uploads files into threads. */
    record App(SlackThreads threads, SlackWebApi api) implements SlackDestination {
    }

    /**
     * @param webhookConfigured whether a webhook is configured too (the bot token wins, with one log line)
     * @param webhook           the webhook sender, built only in webhook mode
     * @throws IllegalStateException when the bot token is set without {@code SLACK_CHANNEL_ID}, at start-up
     */
    static SlackDestination fromEnvironment(Function<String, String> env, SecretResolver secrets, boolean webhookConfigured,
                                            Supplier<SlackSender> webhook) {
        if (!secrets.isConfigured(SlackWebApi.TOKEN_SECRET)) {
            return new Webhook(webhook.get());
        }
        String channel = env.apply(SlackWebApi.CHANNEL_VARIABLE);
        if (channel == null || channel.isBlank()) {
            throw new IllegalStateException(SlackWebApi.TOKEN_SECRET + " is set but " + SlackWebApi.CHANNEL_VARIABLE
                    + " is not: Slack app mode posts to a channel id such as C0123456789 (the channel's details in Slack show it)");
        }
        if (webhookConfigured) {
            Log.info("both " + SlackWebApi.TOKEN_SECRET + " and a Slack webhook are configured: posting as the Slack app"
                    + " (bot token); the webhook is not used");
        }
        SlackWebApi api = SlackWebApi.create(secrets.secret(SlackWebApi.TOKEN_SECRET), env);
        String table = env.apply(DynamoDbThreadStore.TABLE_VARIABLE);
        ThreadStore store = null;
        if (table == null || table.isBlank()) {
            Log.info("Slack app mode without " + DynamoDbThreadStore.TABLE_VARIABLE
                    + ": each notification is posted as a message of its own, without threads");
        } else if (DryRun.enabled()) {
            store = new InMemoryThreadStore();
        } else {
            store = DynamoDbThreadStore.fromEnvironment(table.strip(), env);
        }
        return new App(new SlackThreads(api, channel.strip(), store), api);
    }
}
