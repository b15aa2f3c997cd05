package dev.alertrelay.slack;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.Pacer;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.routing.Routes;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.oncall.OnCallLookup;
import dev.alertrelay.slack.thread.DynamoDbThreadStore;
import dev.alertrelay.slack.thread.InMemoryThreadStore;
import dev.alertrelay.slack.thread.SlackThreads;
import dev.alertrelay.slack.thread.ThreadPost;
import dev.alertrelay.slack.thread.ThreadRecord;
import dev.alertrelay.slack.thread.ThreadStore;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a function's notifications reach Slack. <em>Where</em> is chosen per notification: a webhook (named by
 * the secret that holds its URL) or a channel of the Slack app. <em>What</em> is a {@link Notification}: the message as
 * it reads on its own, and, for Slack app mode, the thread it belongs to and how it changes that thread.
 *
 * <p>Webhook mode (the default) posts the message. Slack app mode ({@code SLACK_BOT_TOKEN} and
 * {@code SLACK_CHANNEL_ID}) threads it through {@link SlackThreads} when {@code ALARM_STATE_TABLE} keeps thread state,
 * else posts it on its own. Dry run is decided once, here, by the handler that composes the notifier.
 */
public final class SlackNotifier {

    /** Where a notification goes. */
    public sealed interface Destination {

        /** An incoming webhook, by the name of the secret holding its URL ({@code SLACK_WEBHOOK_URL}). */
        record Webhook(String secretName) implements Destination {
        }

        /** A channel of the Slack app, by id ({@code C0123456789}). */
        record Channel(String id) implements Destination {
        }

        /** A route's Slack destination (a channel needs app mode). */
        static Destination of(Routes.SlackTarget target) {
            return target.webhook() != null ? new Webhook(target.webhook()) : new Channel(target.channel());
        }

        /** How a log line names it: the secret variable or the channel id, never a URL. */
        default String describe() {
            return switch (this) {
                case Webhook webhook -> webhook.secretName();
                case Channel channel -> "channel " + channel.id();
            };
        }
    }

    /**
     * What to post.
     *
     * @param message how it reads on its own (webhook mode, app mode without thread state, or outside any thread)
     * @param thread  the thread it belongs to in app mode, or null for a message outside any thread
     */
    public record Notification(SlackMessage message, Thread thread) {

        /**
         * @param id   the lifecycle the thread follows (an alarm, a service)
         * @param key  this notification, stable across retries and duplicate deliveries of the same event
         * @param plan how it changes the thread, from the thread's current record (null when there is none)
         */
        public record Thread(String id, String key, Function<ThreadRecord, ThreadPost> plan) {
        }

        public static Notification standalone(SlackMessage message) {
            return new Notification(message, null);
        }

        public static Notification inThread(SlackMessage message, String threadId, String key,
                                            Function<ThreadRecord, ThreadPost> plan) {
            return new Notification(message, new Thread(threadId, key, plan));
        }
    }

    /**
     * Slack takes about one message per second per webhook and per channel, short bursts allowed, and answers 429
     * beyond it: posts from this container to one destination are spaced this far apart, so that a storm is paced
     * rather than refused (a 429 that still comes is waited out by its Retry-After).
     */
    static final long MIN_INTERVAL_MILLIS = 1_000;
    /** A paced post that would start later than this before the deadline is left to the retry instead. */
    private static final long PACING_RESERVE_MILLIS = 2_000;

    private final Map<Destination, Pacer> pacers = new ConcurrentHashMap<>();
    private final boolean dryRun;
    private final Destination defaultDestination;
    private final Function<String, SlackSender> webhookByName;
    private final Map<String, SlackSender> webhooks = new ConcurrentHashMap<>();
    private final SlackWebApi api;
    private final SlackThreads threads;
    private final OnCallLookup onCall;

    private SlackNotifier(boolean dryRun, Destination defaultDestination, Function<String, SlackSender> webhookByName,
                          SlackWebApi api, SlackThreads threads, OnCallLookup onCall) {
        this.dryRun = dryRun;
        this.defaultDestination = defaultDestination;
        this.webhookByName = webhookByName;
        this.api = api;
        this.threads = threads;
        this.onCall = onCall;
    }

    /** Webhook mode with {@code sender} as the default webhook (tests, and priming with a sender that sends nothing). */
    public static SlackNotifier webhook(SlackSender sender) {
        SlackNotifier notifier = new SlackNotifier(false, new Destination.Webhook(SlackSender.WEBHOOK_SECRET), name -> {
            throw new IllegalStateException("no Slack webhook named " + name);
        }, null, null, null);
        notifier.webhooks.put(SlackSender.WEBHOOK_SECRET, sender);
        return notifier;
    }

    /** Webhook mode where each webhook name has its own sender (tests of routing). */
    public static SlackNotifier webhooks(Function<String, SlackSender> byName) {
        return new SlackNotifier(false, new Destination.Webhook(SlackSender.WEBHOOK_SECRET), byName, null, null, null);
    }

    /** Slack app mode posting to {@code channel} through {@code threads} (tests). */
    public static SlackNotifier app(SlackWebApi api, SlackThreads threads, String channel) {
        return new SlackNotifier(false, new Destination.Channel(channel), name -> {
            throw new IllegalStateException("no Slack webhook named " + name);
        }, api, threads, null);
    }

    /**
     * The notifier this function's environment configures; with {@code PAGERDUTY_API_KEY}, it also looks up who is on
     * call in the routes' PagerDuty schedules ({@link OnCallLookup}).
     *
     * @param dryRun            print what would be sent, send nothing, read no secret (the local runner's --dry-run)
     * @param webhookConfigured whether a webhook is configured too (the bot token wins, with one log line)
     * @param defaultWebhook    the default webhook sender, built only in webhook mode (a function may read its URL
     *                          from a variable of its own, as alarm-to-slack does for the blueprint's)
     * @throws IllegalStateException when the bot token is set without {@code SLACK_CHANNEL_ID}, at start-up
     */
    public static SlackNotifier fromEnvironment(Function<String, String> env, SecretResolver secrets, boolean dryRun,
                                                boolean webhookConfigured, Supplier<SlackSender> defaultWebhook) {
        SlackOverrides overrides = SlackOverrides.fromEnvironment(env);
        Function<String, SlackSender> webhookByName = name -> SlackSender.create(secrets.routeSecret(name), overrides, dryRun);
        if (!secrets.isConfigured(SlackWebApi.TOKEN_SECRET)) {
            SlackNotifier notifier = new SlackNotifier(dryRun, new Destination.Webhook(SlackSender.WEBHOOK_SECRET), webhookByName,
                    null, null, onCall(env, secrets, dryRun, null));
            notifier.webhooks.put(SlackSender.WEBHOOK_SECRET, defaultWebhook.get());
            return notifier;
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
        SlackWebApi api = SlackWebApi.create(secrets.secret(SlackWebApi.TOKEN_SECRET), env, dryRun);
        String table = env.apply(DynamoDbThreadStore.TABLE_VARIABLE);
        ThreadStore store = null;
        if (table == null || table.isBlank()) {
            Log.info("Slack app mode without " + DynamoDbThreadStore.TABLE_VARIABLE
                    + ": each notification is posted as a message of its own, without threads");
        } else if (dryRun) {
            store = new InMemoryThreadStore();
        } else {
            store = DynamoDbThreadStore.fromEnvironment(table.strip(), env);
        }
        return new SlackNotifier(dryRun, new Destination.Channel(channel.strip()), webhookByName, api,
                new SlackThreads(api, store, actionsEnabled(env)), onCall(env, secrets, dryRun, api));
    }

    /** Only when a PagerDuty API key is configured; nothing is read or asked until a ringing message needs it. */
    private static OnCallLookup onCall(Function<String, String> env, SecretResolver secrets, boolean dryRun, SlackWebApi api) {
        return secrets.isConfigured(OnCallLookup.API_KEY_SECRET) ? OnCallLookup.create(env, secrets, dryRun, api) : null;
    }

    /**
     * Whether the slack-actions function answers the buttons of this app ({@value #ACTIONS_VARIABLE}{@code =on}, set by the
     * template when it deploys that function): without it, threads carry no buttons, so that none does nothing.
     */
    static boolean actionsEnabled(Function<String, String> env) {
        String value = env.apply(ACTIONS_VARIABLE);
        return value != null && (value.strip().equalsIgnoreCase("on") || value.strip().equalsIgnoreCase("true"));
    }

    public static final String ACTIONS_VARIABLE = "SLACK_ACTIONS";

    /** Where a notification goes unless a route says otherwise: the configured webhook, or the app's channel. */
    public Destination defaultDestination() {
        return defaultDestination;
    }

    /** The Slack app's Web API (file uploads into a thread), in app mode only. */
    public Optional<SlackWebApi> webApi() {
        return Optional.ofNullable(api);
    }

    /** Who is on call in the routes' PagerDuty schedules, when {@code PAGERDUTY_API_KEY} is configured. */
    public Optional<OnCallLookup> onCall() {
        return Optional.ofNullable(onCall);
    }

    /**
     * The record of thread {@code threadId} in app mode with thread state, so that a caller can choose which thread a
     * notification belongs to (an alarm that is part of an open storm); empty otherwise.
     */
    public Optional<ThreadRecord> threadRecord(String threadId, Deadline deadline) {
        return threads == null ? Optional.empty() : threads.record(threadId, deadline);
    }

    /** Sends {@code notification} to the default destination; see {@link #send(Notification, Destination, Deadline)}. */
    public String send(Notification notification, Deadline deadline) {
        return send(notification, defaultDestination, deadline);
    }

    /**
     * Sends {@code notification} to {@code where}, or throws a {@link dev.alertrelay.common.http.DeliveryException}.
     *
     * @return what happened, for the invocation's log line ("sent", "started a thread", ...)
     */
    public String send(Notification notification, Destination where, Deadline deadline) {
        pace(where, deadline);
        return switch (where) {
            case Destination.Webhook webhook -> {
                webhooks.computeIfAbsent(webhook.secretName(), webhookByName).send(notification.message(), deadline);
                yield dryRun ? "would send" : "sent";
            }
            case Destination.Channel channel -> {
                if (threads == null) {
                    throw new IllegalStateException("a Slack channel destination needs Slack app mode (" + SlackWebApi.TOKEN_SECRET + ")");
                }
                String prefix = dryRun ? "dry run: " : "";
                if (notification.thread() == null) {
                    threads.postUnthreaded(channel.id(), notification.message(), deadline);
                    yield prefix + (dryRun ? "would post" : "posted");
                }
                Notification.Thread thread = notification.thread();
                yield prefix + threads.deliver(channel.id(), thread.id(), thread.key(), thread.plan(), deadline);
            }
        };
    }

    /**
     * Keeps posts to {@code where} {@link #MIN_INTERVAL_MILLIS} apart, on the invocation's clock (see {@link Pacer}); a
     * wait that would run into the deadline fails the notification, which the queue path reports as a failed batch
     * item, so that it is retried rather than lost. A dry run sends nothing and waits for nothing.
     */
    private void pace(Destination where, Deadline deadline) {
        if (!dryRun) {
            pacers.computeIfAbsent(where, d -> new Pacer(1, MIN_INTERVAL_MILLIS, PACING_RESERVE_MILLIS, "Slack")).acquire(deadline);
        }
    }

    /** Whether this notifier only prints what it would send (the local runner's --dry-run). */
    public boolean dryRun() {
        return dryRun;
    }
}
