package dev.alertrelay.alarm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmConfigurationChange;
import dev.alertrelay.common.alarm.AlarmEvents;
import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.aws.OnFirstUse;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.alarm.OtherSnsMessage;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.event.BatchItemFailures;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.routing.AccessPortal;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackRoute;
import dev.alertrelay.slack.thread.ThreadPost;
import dev.alertrelay.slack.thread.ThreadRecord;
import dev.alertrelay.slack.SlackSender;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.common.text.Truncate;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * CloudWatch alarm state changes (SNS, the direct alarm action, EventBridge) to Slack. Other SNS messages on the topic
 * are posted as they are; alarm states not in {@code NOTIFY_STATES} are skipped.
 */
public final class AlarmToSlackHandler implements RequestStreamHandler {

    private static final int LOGGED_NAME_MAX = 120;

    private final NotifyStates notifyStates;
    private final SlackNotifier slack;
    private final AlarmRouting routing;
    /** Charts uploaded into app-mode threads; null in webhook mode or with {@code ALARM_CHARTS=off}. */
    private final AlarmCharts charts;
    private final AlarmBatch queueBatch;

    public AlarmToSlackHandler() {
        this(System::getenv, SecretResolver.fromEnvironment(), DryRun.enabled());
        SnapStartPriming.register("/priming/alarm-sns-alb-healthyhostcount.json", sample ->
                new AlarmToSlackHandler(System::getenv, (message, deadline) -> { })
                        .handleRequest(sample, OutputStream.nullOutputStream(), null));
    }

    private AlarmToSlackHandler(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        this(env, notifier(env, secrets, dryRun), RoutesSource.fromEnvironment(env, secrets));
    }

    AlarmToSlackHandler(Function<String, String> env, SlackSender slack) {
        this(env, SlackNotifier.webhook(slack));
    }

    AlarmToSlackHandler(Function<String, String> env, SlackNotifier slack) {
        this(env, slack, RoutesSource.fromEnvironment(env, new SecretResolver(env)));
    }

    AlarmToSlackHandler(Function<String, String> env, SlackNotifier slack, RoutesSource routes) {
        this(env, slack, routes, cloudWatchTags(env));
    }

    /** @param tags an alarm ARN's tags, for routes that match on them */
    AlarmToSlackHandler(Function<String, String> env, SlackNotifier slack, RoutesSource routes,
                        java.util.function.BiFunction<String, Deadline, java.util.Map<String, String>> tags) {
        this.notifyStates = NotifyStates.parse(env.apply(NotifyStates.VARIABLE));
        this.slack = slack;
        this.routing = new AlarmRouting(routes, AccessPortal.fromEnvironment(env), slack, tags);
        this.charts = slack.webApi().filter(api -> AlarmCharts.enabled(env.apply(AlarmCharts.VARIABLE)))
                .map(api -> new AlarmCharts(slack.dryRun() ? AlarmToSlackHandler::printChartRequest
                        : new CloudWatchChartImages(env), api))
                .orElse(null);
        this.queueBatch = new AlarmBatch(notifyStates, slack, AlarmBatch.threshold(env.apply(AlarmBatch.THRESHOLD_VARIABLE)),
                new AlarmBatch.Notifications() {
                    @Override
                    public SlackRoute route(CloudWatchAlarm alarm, Deadline deadline) {
                        return routing.route(alarm, deadline);
                    }

                    @Override
                    public SlackNotifier.Notification single(CloudWatchAlarm alarm, SlackNotifier.Destination where,
                                                             SlackRoute routed, Deadline deadline) {
                        return notification(alarm, where, routed, deadline);
                    }

                    @Override
                    public SlackNotifier.Notification storm(List<CloudWatchAlarm> alarms, AlarmStormFormatter.Part part,
                                                            SlackNotifier.Destination where, List<SlackRoute> routed, Deadline deadline) {
                        return stormNotification(alarms, part, where, routed, deadline);
                    }
                });
    }

    /** CloudWatch's tags of an alarm, the client built on first use: only routes that match on tags load it. */
    private static java.util.function.BiFunction<String, Deadline, java.util.Map<String, String>> cloudWatchTags(
            Function<String, String> env) {
        java.util.function.Supplier<AlarmTags> tags = OnFirstUse.of(() -> new AlarmTags(env));
        return (arn, deadline) -> tags.get().of(arn, deadline);
    }

    /**
     * Where this function's messages go: the webhook (the usual variables, or the blueprint's kmsEncryptedHookUrl),
     * or the Slack app.
     */
    static SlackNotifier notifier(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        String blueprintUrl = env.apply(WebhookConfiguration.BLUEPRINT_ENCRYPTED_URL);
        boolean webhookConfigured = secrets.isConfigured(SlackSender.WEBHOOK_SECRET)
                || blueprintUrl != null && !blueprintUrl.isBlank();
        return SlackNotifier.fromEnvironment(env, secrets, dryRun, webhookConfigured,
                () -> WebhookConfiguration.sender(env, secrets, dryRun));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        List<AlarmEvents.Item> items = AlarmEvents.parseItems(Json.parseObject(input));
        Deadline deadline = Deadline.of(context);
        if (items.stream().anyMatch(item -> item.messageId() != null)) {
            BatchItemFailures.write(output, queueBatch.deliver(items, deadline));
            return;
        }
        List<String> outcomes = new ArrayList<>(items.size());
        for (AlarmEvents.Item item : items) {
            switch (item.notification()) {
                case CloudWatchAlarm alarm when !notifyStates.includes(alarm.state()) ->
                        outcomes.add("skipped " + describe(alarm) + " (state not in " + NotifyStates.VARIABLE + ")");
                case CloudWatchAlarm alarm -> outcomes.add(deliver(alarm, deadline));
                case AlarmConfigurationChange change -> outcomes.add("skipped configuration change (" + change.operation()
                        + ") of alarm " + Truncate.toLength(change.alarmName(), LOGGED_NAME_MAX) + ": not a state change");
                case OtherSnsMessage message -> {
                    String outcome = slack.send(SlackNotifier.Notification.standalone(SnsMessageFormatter.format(message)), deadline);
                    outcomes.add(outcome + ": non-alarm SNS message from " + message.topicName());
                }
            }
        }
        Log.info("alarm-to-slack: " + (outcomes.isEmpty() ? "no records, nothing sent" : String.join("; ", outcomes)));
    }

    /** One alarm on the direct path: to each destination its routes name (or the function's own), or dropped. */
    private String deliver(CloudWatchAlarm alarm, Deadline deadline) {
        SlackRoute routed = routing.route(alarm, deadline);
        if (routed.dropped()) {
            return "dropped by route " + routed.droppedBy() + ": " + describe(alarm);
        }
        List<String> outcomes = new ArrayList<>();
        for (SlackNotifier.Destination where : routed.destinations()) {
            outcomes.add(slack.send(notification(alarm, where, routed, deadline), where, deadline));
        }
        return String.join(", ", outcomes) + ": " + describe(alarm) + routed.describe();
    }

    /**
     * The alarm's message for one destination, and in app mode its thread there: the open storm's thread when the
     * alarm is one of its alarms or joins it, else one thread per alarm lifecycle, with the chart after the first post.
     */
    private SlackNotifier.Notification notification(CloudWatchAlarm alarm, SlackNotifier.Destination where,
                                                    SlackRoute routed, Deadline deadline) {
        SlackMessage message = routed.decorate(AlarmMessageFormatter.format(alarm), alarm.state() == AlarmState.ALARM);
        if (slack.webApi().isPresent()) {
            String stormId = StormThreadPlanner.threadId(where);
            ThreadRecord storm = slack.threadRecord(stormId, deadline).orElse(null);
            if (StormThreadPlanner.belongs(alarm, storm, deadline.now())) {
                return SlackNotifier.Notification.inThread(message, stormId, StormThreadPlanner.memberKey(alarm),
                        current -> routed.decorate(StormThreadPlanner.planMember(alarm, current, deadline.now()), alarm.state() == AlarmState.ALARM));
            }
        }
        return SlackNotifier.Notification.inThread(message, threadId(alarm, where), AlarmThreadPlanner.notificationKey(alarm),
                current -> routed.decorate(AlarmThreadPlanner.plan(alarm, current, charts == null ? null : charts.uploadInto(alarm, deadline))
                        .withIncident(AlarmIncidents.alarm(alarm, routed)), alarm.state() == AlarmState.ALARM));
    }

    /** An alarm's thread in the function's own channel keeps its old key; in a route's channel, the channel is part of it. */
    private String threadId(CloudWatchAlarm alarm, SlackNotifier.Destination where) {
        String id = AlarmThreadPlanner.threadId(alarm);
        return where.equals(slack.defaultDestination()) ? id : id + "|" + where.describe();
    }

    /** Several alarms that changed to one state together: one message; in app mode, one storm thread per channel. */
    private SlackNotifier.Notification stormNotification(List<CloudWatchAlarm> alarms, AlarmStormFormatter.Part part,
                                                         SlackNotifier.Destination where, List<SlackRoute> routed, Deadline deadline) {
        SlackRoute together = SlackRoute.together(where, routed);
        boolean rings = alarms.get(0).state() == AlarmState.ALARM;
        SlackMessage digest = together.decorate(AlarmStormFormatter.format(alarms, part), rings);
        if (slack.webApi().isEmpty()) {
            return SlackNotifier.Notification.standalone(digest);
        }
        return SlackNotifier.Notification.inThread(digest, StormThreadPlanner.threadId(where), StormThreadPlanner.stormKey(alarms),
                current -> {
                    ThreadPost post = StormThreadPlanner.planStorm(alarms, part, current, deadline.now());
                    return together.decorate(post.kind() == ThreadPost.Kind.START
                            ? post.withIncident(AlarmIncidents.storm(alarms, StormThreadPlanner.threadId(where), post.since(), together))
                            : post, rings);
                });
    }

    /** The dry run's chart: the CloudWatch call it would make, printed like the Slack calls; no image. */
    private static byte[] printChartRequest(String metricWidgetJson, Deadline deadline) {
        JsonObject arguments = new JsonObject();
        arguments.add("MetricWidget", Json.parseObject(metricWidgetJson));
        arguments.addProperty("OutputFormat", "png");
        JsonObject call = new JsonObject();
        call.addProperty("method", "cloudwatch:GetMetricWidgetImage");
        call.add("arguments", arguments);
        DryRun.print(call);
        return new byte[0];
    }

    private static String describe(CloudWatchAlarm alarm) {
        return alarm.state() + " " + Truncate.toLength(alarm.name(), LOGGED_NAME_MAX) + " via " + alarm.source();
    }
}
