package dev.alertrelay.alarm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.alertrelay.common.alarm.AlarmConfigurationChange;
import dev.alertrelay.common.alarm.AlarmEvents;
import dev.alertrelay.common.alarm.AlarmNotification;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.alarm.OtherSnsMessage;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.slack.SlackSender;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.common.text.Truncate;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CloudWatch alarm state changes (SNS, the direct alarm action, EventBridge) to Slack. Other SNS messages on the topic
 * are posted as they are; alarm states not in {@code NOTIFY_STATES} are skipped.
 */
public final class AlarmToSlackHandler implements RequestStreamHandler {

    private static final int LOGGED_NAME_MAX = 120;

    private final NotifyStates notifyStates;
    private final AlarmDelivery slack;

    public AlarmToSlackHandler() {
        this(System.getenv(), AlarmDelivery.fromEnvironment(System::getenv, SecretResolver.fromEnvironment()));
        SnapStartPriming.register("/priming/alarm-sns-alb-healthyhostcount.json", sample ->
                new AlarmToSlackHandler(System.getenv(), (message, deadline) -> { })
                        .handleRequest(sample, OutputStream.nullOutputStream(), null));
    }

    AlarmToSlackHandler(Map<String, String> env, SlackSender slack) {
        this(env, AlarmDelivery.webhook(slack));
    }

    AlarmToSlackHandler(Map<String, String> env, AlarmDelivery slack) {
        this.notifyStates = NotifyStates.parse(env.get(NotifyStates.VARIABLE));
        this.slack = slack;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        List<AlarmNotification> notifications = AlarmEvents.parse(Json.parseObject(input));
        Deadline deadline = Deadline.of(context);
        List<String> outcomes = new ArrayList<>(notifications.size());
        for (AlarmNotification notification : notifications) {
            switch (notification) {
                case CloudWatchAlarm alarm when !notifyStates.includes(alarm.state()) ->
                        outcomes.add("skipped " + describe(alarm) + " (state not in " + NotifyStates.VARIABLE + ")");
                case CloudWatchAlarm alarm -> outcomes.add(slack.deliver(alarm, deadline) + " " + describe(alarm));
                case AlarmConfigurationChange change -> outcomes.add("skipped configuration change (" + change.operation()
                        + ") of alarm " + Truncate.toLength(change.alarmName(), LOGGED_NAME_MAX) + ": not a state change");
                case OtherSnsMessage message -> {
                    slack.post(SnsMessageFormatter.format(message), deadline);
                    outcomes.add(DryRun.sent() + " non-alarm SNS message from " + message.topicName());
                }
            }
        }
        Log.info("alarm-to-slack: " + (outcomes.isEmpty() ? "no records, nothing sent" : String.join("; ", outcomes)));
    }

    private static String describe(CloudWatchAlarm alarm) {
        return alarm.state() + " " + Truncate.toLength(alarm.name(), LOGGED_NAME_MAX) + " via " + alarm.source();
    }
}
