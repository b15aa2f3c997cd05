package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmConditions;
import dev.alertrelay.common.alarm.AlarmTrigger;
import dev.alertrelay.common.alarm.ChildAlarm;
import dev.alertrelay.common.alarm.MetricQuery;
import dev.alertrelay.common.alarm.AlarmConsoleLinks;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.alarm.Dimension;
import dev.alertrelay.pagerduty.DedupKey;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;

import java.util.Optional;

/**
 * The alarm path (a metric filter counting ERROR lines, its alarm, SNS): ALARM triggers and OK resolves the same
 * incident, because both carry the same dedup key; INSUFFICIENT_DATA sends nothing unless ALARM_INSUFFICIENT_DATA=trigger.
 */
final class AlarmIncidentFormatter {

    private final LogsErrorSettings settings;

    public AlarmIncidentFormatter(LogsErrorSettings settings) {
        this.settings = settings;
    }

    /** The event for this state change, if it warrants one. */
    public Optional<PagerDutyEvent> format(CloudWatchAlarm alarm) {
        return switch (alarm.state()) {
            case ALARM -> Optional.of(trigger(alarm, settings.defaultSeverity()));
            case OK -> Optional.of(PagerDutyEvent.resolve(dedupKey(alarm)));
            case INSUFFICIENT_DATA -> settings.triggerOnInsufficientData()
                    ? Optional.of(trigger(alarm, Severity.WARNING)) : Optional.empty();
        };
    }

    /** One incident per alarm, whichever function pages for it: ALARM and OK, with or without the ARN, share the key. */
    static String dedupKey(CloudWatchAlarm alarm) {
        return DedupKey.forAlarm(alarm.arnOrDerived());
    }

    private PagerDutyEvent trigger(CloudWatchAlarm alarm, Severity severity) {
        Redactor redactor = settings.redactor();
        String reason = alarm.reason() == null ? "" : redactor.redact(alarm.reason());
        AlarmTrigger metric = alarm.trigger();
        PagerDutyEvent.Builder event = PagerDutyEvent.trigger(dedupKey(alarm),
                        alarm.state() + ": " + alarm.name() + (reason.isEmpty() ? "" : " \u2014 " + reason),
                        alarm.arn() != null ? alarm.arn() : alarm.name(), severity)
                .component(metric != null && metric.metricName() != null ? metric.metricName() : alarm.name())
                .group(metric == null ? null : metric.namespace())
                .eventClass("CloudWatch alarm")
                .customDetails(details(alarm, reason, redactor));
        if (alarm.stateChangeTime() != null) {
            event.timestamp(alarm.stateChangeTime());
        }
        String alarmPage = AlarmConsoleLinks.alarm(alarm);
        event.link(alarmPage, "Alarm " + alarm.name()).client(ErrorIncidentFormatter.CLIENT, alarmPage);
        return event.build();
    }

    private static JsonObject details(CloudWatchAlarm alarm, String reason, Redactor redactor) {
        JsonObject details = new JsonObject();
        details.addProperty("alarm_name", alarm.name());
        details.addProperty("state", alarm.state().name());
        if (alarm.previousState() != null) {
            details.addProperty("previous_state", alarm.previousState().name());
        }
        if (alarm.description() != null) {
            details.addProperty("description", redactor.redact(alarm.description()));
        }
        if (!reason.isEmpty()) {
            details.addProperty("reason", reason);
        }
        AlarmTrigger metric = alarm.trigger();
        if (metric != null && metric.metricName() != null) {
            details.addProperty("metric", (metric.namespace() == null ? "" : metric.namespace() + " ") + metric.metricName());
            JsonArray dimensions = new JsonArray();
            for (Dimension dimension : metric.dimensions()) {
                dimensions.add(dimension.name() + "=" + dimension.value());
            }
            if (!dimensions.isEmpty()) {
                details.add("dimensions", dimensions);
            }
        }
        if (metric != null && metric.threshold() != null) {
            details.addProperty("threshold", (metric.comparisonOperator() == null ? "" : metric.comparisonOperator() + " ") + metric.threshold());
        }
        addKindDetails(details, alarm);
        if (alarm.accountId() != null) {
            details.addProperty("account", alarm.accountId());
        }
        if (alarm.region() != null) {
            details.addProperty("region", alarm.region());
        }
        return details;
    }

    /**
     * What Slack shows for each kind of alarm, so the incident explains itself: the condition in words; for metric
     * math the evaluated expression and its inputs; for anomaly detection the band; for a composite alarm its rule
     * and the children that triggered it.
     */
    private static void addKindDetails(JsonObject details, CloudWatchAlarm alarm) {
        String condition = alarm.isComposite() ? null : AlarmConditions.inWords(alarm);
        if (condition != null) {
            details.addProperty("condition", condition);
        }
        AlarmTrigger trigger = alarm.trigger();
        switch (alarm.kind()) {
            case METRIC_MATH -> {
                MetricQuery evaluated = trigger.evaluatedQuery();
                if (evaluated != null && evaluated.isExpression()) {
                    details.addProperty("expression", evaluated.expression());
                }
                JsonArray inputs = new JsonArray();
                for (MetricQuery query : trigger.metrics()) {
                    if (query != evaluated) {
                        inputs.add(describe(query));
                    }
                }
                if (!inputs.isEmpty()) {
                    details.add("inputs", inputs);
                }
            }
            case ANOMALY_DETECTION -> {
                if (trigger.anomalyBand() != null && trigger.anomalyBand().expression() != null) {
                    details.addProperty("anomaly_band", trigger.anomalyBand().expression());
                }
                MetricQuery evaluated = trigger.evaluatedQuery();
                if (evaluated != null && evaluated.metricName() != null) {
                    details.addProperty("metric", (evaluated.namespace() == null ? "" : evaluated.namespace() + " ") + evaluated.metricName());
                }
            }
            case COMPOSITE -> {
                details.addProperty("alarm_rule", alarm.alarmRule());
                JsonArray children = new JsonArray();
                for (ChildAlarm child : alarm.triggeringChildren()) {
                    children.add(child.name() + (child.state() == null ? "" : " (" + child.state() + ")"));
                }
                if (!children.isEmpty()) {
                    details.add("triggering_children", children);
                }
            }
            case METRIC -> { }
        }
    }

    /** {@code m1 = Errors (AWS/Lambda, Sum)} or {@code e1 = m1/m2}, as the Slack message lists them. */
    private static String describe(MetricQuery query) {
        String id = (query.id() == null ? "?" : query.id()) + " = ";
        if (query.isExpression()) {
            return id + query.expression();
        }
        StringBuilder detail = new StringBuilder();
        for (String part : new String[] {query.namespace(), query.statistic()}) {
            if (part != null) {
                detail.append(detail.isEmpty() ? "" : ", ").append(part);
            }
        }
        return id + (query.metricName() == null ? "?" : query.metricName()) + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
