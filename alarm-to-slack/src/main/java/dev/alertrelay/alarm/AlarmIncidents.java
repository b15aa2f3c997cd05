package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmConsoleLinks;
import dev.alertrelay.common.alarm.AlarmTrigger;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.slack.SlackRoute;
import dev.alertrelay.slack.thread.IncidentSpec;

import java.time.Instant;
import java.util.List;

/**
 * What "Page on-call" sends from an alarm's thread or a storm's: decided here, where the alarm and its route are
 * known, and kept with the thread for the slack-actions function. An alarm's incident is named by its ARN, as
 * logs-error-to-pagerduty names it, so the button and the alarm's own page are one incident. Pure.
 */
final class AlarmIncidents {

    private static final int SUMMARY_REASON_MAX = 300;

    private AlarmIncidents() {
    }

    static IncidentSpec alarm(CloudWatchAlarm alarm, SlackRoute route) {
        String reason = alarm.reason() == null ? "" : " \u2014 " + Truncate.toLength(alarm.reason(), SUMMARY_REASON_MAX);
        AlarmTrigger metric = alarm.trigger();
        String link = AlarmConsoleLinks.alarm(alarm);
        return new IncidentSpec("alarm", alarm.arnOrDerived(), alarm.state() + ": " + alarm.name() + reason, alarm.arnOrDerived(),
                "critical", metric != null && metric.metricName() != null ? metric.metricName() : alarm.name(),
                alarm.metricNamespace(), link == null ? null : route.linkTo(link), "Alarm " + Truncate.toLength(alarm.name(), 100),
                routingKey(route));
    }

    /** A storm's incident: one per storm thread lifecycle (its channel and start). */
    static IncidentSpec storm(List<CloudWatchAlarm> alarms, String threadId, Instant since, SlackRoute route) {
        String first = Truncate.toLength(AlarmStormFormatter.mostTelling(alarms).name(), 100);
        return new IncidentSpec("storm", threadId + "|" + since, "Alarm storm: " + alarms.size() + " alarms in "
                + alarms.get(0).state() + ", first " + first, threadId, "critical", null, null, null, null, routingKey(route));
    }

    private static String routingKey(SlackRoute route) {
        return route.routingKeys().isEmpty() ? null : route.routingKeys().get(0);
    }
}
