package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.slack.SlackMessage;
import dev.alertrelay.common.slack.SlackSender;
import dev.alertrelay.common.slack.thread.SlackDestination;
import dev.alertrelay.common.slack.thread.SlackThreads;

import java.time.Instant;
import java.util.function.Function;

/** How alarm changes reach Slack: a message each through the webhook, or threads of the Slack app. */
interface AlarmDelivery {

    /** @return what happened, for the invocation's log line ("sent", "started a thread", ...) */
    String deliver(CloudWatchAlarm alarm, Deadline deadline);

    /** A message that belongs to no alarm (another SNS message on the topic). */
    void post(SlackMessage message, Deadline deadline);

    static AlarmDelivery fromEnvironment(Function<String, String> env, SecretResolver secrets) {
        String blueprintUrl = env.apply(WebhookConfiguration.BLUEPRINT_ENCRYPTED_URL);
        boolean webhookConfigured = secrets.isConfigured(SlackSender.WEBHOOK_SECRET)
                || blueprintUrl != null && !blueprintUrl.isBlank();
        SlackDestination destination = SlackDestination.fromEnvironment(env, secrets, webhookConfigured,
                () -> WebhookConfiguration.sender(env, secrets));
        return switch (destination) {
            case SlackDestination.Webhook webhook -> webhook(webhook.sender());
            case SlackDestination.App app -> threaded(app.threads(), !AlarmCharts.enabled(env.apply(AlarmCharts.VARIABLE)) ? null
                    : new AlarmCharts(DryRun.enabled() ? AlarmDelivery::printChartRequest : new CloudWatchChartImages(env),
                            app.api(), Instant::now));
        };
    }

    static AlarmDelivery webhook(SlackSender slack) {
        return new AlarmDelivery() {
            @Override
            public String deliver(CloudWatchAlarm alarm, Deadline deadline) {
                slack.send(AlarmMessageFormatter.format(alarm), deadline);
                return DryRun.sent();
            }

            @Override
            public void post(SlackMessage message, Deadline deadline) {
                slack.send(message, deadline);
            }
        };
    }

    /** @param charts null: no charts ({@code ALARM_CHARTS=off}) */
    static AlarmDelivery threaded(SlackThreads threads, AlarmCharts charts) {
        return new AlarmDelivery() {
            @Override
            public String deliver(CloudWatchAlarm alarm, Deadline deadline) {
                SlackThreads.Outcome outcome = threads.deliver(AlarmThreadPlanner.threadId(alarm),
                        AlarmThreadPlanner.notificationKey(alarm),
                        current -> AlarmThreadPlanner.plan(alarm, current, charts == null ? null : charts.uploadInto(alarm, deadline)),
                        deadline);
                return (DryRun.enabled() ? "dry run: " : "") + outcome + ":";
            }

            @Override
            public void post(SlackMessage message, Deadline deadline) {
                threads.postUnthreaded(message, deadline);
            }
        };
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
}
