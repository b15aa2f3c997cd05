package dev.alertrelay.logs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
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
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.logs.pagerduty.PagerDutyEvent;
import dev.alertrelay.logs.pagerduty.PagerDutySender;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * CloudWatch Logs error lines (a subscription filter) and the alarms of metric filters on them (SNS) to PagerDuty
 * Events API v2 incidents: one deduplicated incident per distinct error, carrying samples and links.
 */
public final class LogsErrorToPagerDutyHandler implements RequestStreamHandler {

    private final ErrorIncidentFormatter errors;
    private final AlarmIncidentFormatter alarms;
    private final PagerDutySender pagerDuty;
    private final RecentTriggers recentTriggers;

    public LogsErrorToPagerDutyHandler() {
        this(LogsErrorSettings.fromEnvironment(System::getenv),
                PagerDutySender.fromEnvironment(System::getenv, SecretResolver.fromEnvironment()));
        SnapStartPriming.register("/priming/logs-subscription-stacktrace.json", sample ->
                new LogsErrorToPagerDutyHandler(LogsErrorSettings.fromEnvironment(System::getenv), (event, deadline) -> { })
                        .handleRequest(sample, OutputStream.nullOutputStream(), null));
    }

    LogsErrorToPagerDutyHandler(LogsErrorSettings settings, PagerDutySender pagerDuty) {
        this.errors = new ErrorIncidentFormatter(settings);
        this.alarms = new AlarmIncidentFormatter(settings);
        this.pagerDuty = pagerDuty;
        this.recentTriggers = new RecentTriggers(settings.repeatTriggerSeconds());
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonObject event = Json.parseObject(input);
        JsonObject awslogs = Json.object(event, "awslogs");
        if (awslogs != null) {
            handleLogs(LogsSubscriptionBatch.decode(Json.string(awslogs, "data")), Deadline.of(context));
        } else {
            handleAlarms(AlarmEvents.parse(event), Deadline.of(context));
        }
    }

    private void handleLogs(LogsSubscriptionBatch batch, Deadline deadline) {
        if (batch.isControlMessage()) {
            Log.info("logs-error-to-pagerduty control message from " + batch.logGroup() + ": nothing to send");
            return;
        }
        ErrorIncidentFormatter.Incidents incidents = errors.format(batch);
        if (incidents.withheld() > 0) {
            Log.error("logs-error-to-pagerduty logGroup=" + batch.logGroup() + ": " + incidents.withheld()
                    + " line(s) could not be read or redacted; paged as '" + ErrorIncidentFormatter.WITHHELD + "'");
        }
        List<PagerDutyEvent> fresh = incidents.events().stream()
                .filter(event -> !recentTriggers.isRepeat(event.dedupKey(), deadline.now())).toList();
        pagerDuty.sendAll(fresh, deadline, accepted -> recentTriggers.recordAccepted(accepted.dedupKey(), deadline.now()));
        Log.info("logs-error-to-pagerduty logGroup=" + batch.logGroup() + " lines=" + batch.logEvents().size()
                + " errorLines=" + incidents.errorLines() + " platformLines=" + incidents.platformLines()
                + " telemetryLines=" + incidents.telemetryLines() + " fingerprints=" + incidents.fingerprints()
                + " folded=" + incidents.folded() + " " + (DryRun.enabled() ? "wouldSend=" : "sent=") + fresh.size()
                + " heldBackRepeats=" + (incidents.events().size() - fresh.size()));
    }

    private void handleAlarms(List<AlarmNotification> notifications, Deadline deadline) {
        List<PagerDutyEvent> events = new ArrayList<>();
        for (AlarmNotification notification : notifications) {
            switch (notification) {
                case CloudWatchAlarm alarm -> alarms.format(alarm).ifPresentOrElse(events::add,
                        () -> Log.info("alarm " + alarm.name() + " is " + alarm.state() + ": nothing to send"));
                case AlarmConfigurationChange change -> Log.info("alarm " + change.alarmName() + ": configuration change ("
                        + change.operation() + "), not a state change: nothing to send");
                case OtherSnsMessage other -> Log.warn("ignored an SNS message that is not a CloudWatch alarm (subject: "
                        + other.subject() + ", topic: " + other.topicArn() + ")");
            }
        }
        pagerDuty.sendAll(events, deadline);
        Log.info("logs-error-to-pagerduty alarms=" + notifications.size() + " " + (DryRun.enabled() ? "wouldSend=" : "sent=") + events.size()
                + events.stream().map(e -> " " + e.action()).reduce("", String::concat));
    }
}
