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
import dev.alertrelay.common.routing.AccessPortal;
import dev.alertrelay.common.routing.RouteFacts;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.PagerDutySender;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * CloudWatch Logs error lines (a subscription filter) and the alarms of metric filters on them (SNS) to PagerDuty
 * Events API v2 incidents: one deduplicated incident per distinct error, carrying samples and links.
 */
public final class LogsErrorToPagerDutyHandler implements RequestStreamHandler {

    private final ErrorIncidentFormatter errors;
    private final AlarmIncidentFormatter alarms;
    private final PagerDutyRouting pagerDuty;
    private final RecentTriggers recentTriggers;
    private final String region;
    private final boolean dryRun;

    public LogsErrorToPagerDutyHandler() {
        this(System::getenv, SecretResolver.fromEnvironment(), DryRun.enabled());
        SnapStartPriming.register("/priming/logs-subscription-stacktrace.json", sample ->
                new LogsErrorToPagerDutyHandler(LogsErrorSettings.fromEnvironment(System::getenv), (event, deadline) -> { })
                        .handleRequest(sample, OutputStream.nullOutputStream(), null));
    }

    private LogsErrorToPagerDutyHandler(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        this(LogsErrorSettings.fromEnvironment(env), new PagerDutyRouting(RoutesSource.fromEnvironment(env, secrets),
                AccessPortal.fromEnvironment(env), PagerDutySender.fromEnvironment(env, secrets, dryRun), variable -> PagerDutySender.forRoute(variable, env, secrets, dryRun)),
                dryRun);
    }

    LogsErrorToPagerDutyHandler(LogsErrorSettings settings, PagerDutySender pagerDuty) {
        this(settings, new PagerDutyRouting(RoutesSource.fromEnvironment(name -> null, new SecretResolver(name -> null)),
                AccessPortal.NONE, pagerDuty,
                variable -> {
                    throw new IllegalStateException("no routes: no routing key " + variable);
                }), false);
    }

    LogsErrorToPagerDutyHandler(LogsErrorSettings settings, PagerDutyRouting pagerDuty, boolean dryRun) {
        this.errors = new ErrorIncidentFormatter(settings);
        this.alarms = new AlarmIncidentFormatter(settings);
        this.pagerDuty = pagerDuty;
        this.recentTriggers = new RecentTriggers(settings.repeatTriggerSeconds());
        this.region = settings.region();
        this.dryRun = dryRun;
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
        Map<PagerDutyEvent, List<String>> routed = new LinkedHashMap<>();
        int heldBack = 0;
        for (PagerDutyEvent incident : incidents.events()) {
            RouteFacts facts = PagerDutyRouting.logFacts(batch, region, incident);
            PagerDutyEvent event = pagerDuty.decorate(incident, facts, deadline);
            List<String> keys = pagerDuty.keys(facts, event.toString(), deadline).stream()
                    .filter(key -> !recentTriggers.isRepeat(key + "|" + event.dedupKey(), deadline.now())).toList();
            heldBack += keys.isEmpty() ? 1 : 0;
            if (!keys.isEmpty()) {
                routed.put(event, keys);
            }
        }
        pagerDuty.send(routed, deadline, (key, accepted) -> recentTriggers.recordAccepted(key + "|" + accepted.dedupKey(), deadline.now()));
        Log.info("logs-error-to-pagerduty logGroup=" + batch.logGroup() + " lines=" + batch.logEvents().size()
                + " errorLines=" + incidents.errorLines() + " platformLines=" + incidents.platformLines()
                + " telemetryLines=" + incidents.telemetryLines() + " fingerprints=" + incidents.fingerprints()
                + " folded=" + incidents.folded() + " " + (dryRun ? "wouldSend=" : "sent=") + routed.size()
                + " heldBackOrDropped=" + heldBack + routes(routed));
    }

    /** For the log line: where the events went when routes sent any of them elsewhere than the own routing key. */
    private static String routes(Map<PagerDutyEvent, List<String>> routed) {
        List<String> keys = routed.values().stream().flatMap(List::stream).distinct().toList();
        return keys.equals(List.of("")) || keys.isEmpty() ? ""
                : " routingKeys=" + String.join(",", keys.stream().map(key -> key.isEmpty() ? "PAGERDUTY_ROUTING_KEY" : key).toList());
    }

    private void handleAlarms(List<AlarmNotification> notifications, Deadline deadline) {
        Map<PagerDutyEvent, List<String>> routed = new LinkedHashMap<>();
        for (AlarmNotification notification : notifications) {
            switch (notification) {
                case CloudWatchAlarm alarm -> alarms.format(alarm).ifPresentOrElse(event -> {
                            RouteFacts facts = PagerDutyRouting.alarmFacts(alarm);
                            List<String> keys = pagerDuty.keys(facts, "alarm " + alarm.name(), deadline);
                            if (!keys.isEmpty()) {
                                routed.put(pagerDuty.decorate(event, facts, deadline), keys);
                            }
                        },
                        () -> Log.info("alarm " + alarm.name() + " is " + alarm.state() + ": nothing to send"));
                case AlarmConfigurationChange change -> Log.info("alarm " + change.alarmName() + ": configuration change ("
                        + change.operation() + "), not a state change: nothing to send");
                case OtherSnsMessage other -> Log.warn("ignored an SNS message that is not a CloudWatch alarm (subject: "
                        + other.subject() + ", topic: " + other.topicArn() + ")");
            }
        }
        pagerDuty.send(routed, deadline, (key, accepted) -> { });
        Log.info("logs-error-to-pagerduty alarms=" + notifications.size() + " " + (dryRun ? "wouldSend=" : "sent=") + routed.size()
                + routed.keySet().stream().map(e -> " " + e.action()).reduce("", String::concat) + routes(routed));
    }
}
