package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmConditions;
import dev.alertrelay.common.alarm.AlarmConsoleLinks;
import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.alarm.AlarmTrigger;
import dev.alertrelay.common.alarm.ChildAlarm;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.alarm.Dimension;
import dev.alertrelay.common.alarm.FriendlyDimensions;
import dev.alertrelay.common.alarm.MetricQuery;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Blocks.Field;
import dev.alertrelay.slack.Blocks.LinkButton;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;

import dev.alertrelay.common.text.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A CloudWatch alarm state change as a Slack message that someone on call can act on from a phone: what fired, why,
 * where, since when, and buttons to the alarm and the resource it watches. Pure: no I/O, no configuration.
 */
final class AlarmMessageFormatter {

    /** Children and metric math inputs listed before "and N more"; the rest is one click away in the console. */
    static final int LISTED_ITEMS_MAX = 10;

    private AlarmMessageFormatter() {
    }

    static SlackMessage format(CloudWatchAlarm alarm) {
        return format(alarm, null);
    }

    /**
     * The message of an alarm whose lifecycle (in Slack app mode: its thread) began at {@code alarmBegan}: while open it
     * also says since when the alarm has been firing; an OK reads "Resolved after 14 min 3 s" with the facts kept.
     *
     * @param alarmBegan when the lifecycle's first ALARM happened, or null outside a lifecycle
     */
    static SlackMessage format(CloudWatchAlarm alarm, Instant alarmBegan) {
        String resolvedAfter = resolvedAfter(alarm, alarmBegan);
        String headline = resolvedAfter == null ? alarm.state().toString() : "Resolved after " + resolvedAfter;
        SlackMessage.Builder message = SlackMessage.builder()
                .text(resolvedAfter == null ? notificationLine(alarm)
                        : "RESOLVED after " + resolvedAfter + ": " + notificationLine(alarm).substring(alarm.state().toString().length() + 2))
                .color(color(alarm.state()))
                .attachmentBlock(Blocks.header(emoji(alarm.state()) + " " + headline + ": " + alarm.name()));
        details(alarm, alarmBegan).forEach(message::attachmentBlock);
        return message.build();
    }

    /** Everything below the header: description, reason, rule and children, the facts, and the buttons. */
    static List<JsonObject> details(CloudWatchAlarm alarm, Instant alarmBegan) {
        List<JsonObject> blocks = new ArrayList<>();
        if (alarm.description() != null) {
            blocks.add(Blocks.section(Mrkdwn.text(alarm.description())));
        }
        if (alarm.reason() != null) {
            blocks.add(Blocks.section(Mrkdwn.bold("Reason").thenTrusted("\n").then(alarm.reason())));
        }
        if (alarm.isComposite()) {
            blocks.add(Blocks.section(Mrkdwn.bold("Rule").thenTrusted("\n").then(Mrkdwn.code(alarm.alarmRule()))));
            if (!alarm.triggeringChildren().isEmpty()) {
                blocks.add(Blocks.section(Mrkdwn.bold("Triggered by").thenTrusted("\n").then(children(alarm))));
            }
        }
        blocks.add(Blocks.fields(fields(alarm, alarmBegan)));
        blocks.add(Blocks.actions(buttons(alarm)));
        return blocks;
    }

    /** The push notification: {@code ALARM: shop-alb-no-healthy-hosts: HealthyHostCount < 1 in ap-northeast-1}. */
    static String notificationLine(CloudWatchAlarm alarm) {
        StringBuilder line = new StringBuilder().append(alarm.state()).append(": ").append(alarm.name());
        String what = alarm.isComposite() ? triggeredBy(alarm) : AlarmConditions.summary(alarm);
        if (what != null) {
            line.append(": ").append(what);
        }
        if (alarm.region() != null) {
            line.append(" in ").append(alarm.region());
        }
        return line.toString();
    }

    private static String triggeredBy(CloudWatchAlarm alarm) {
        if (alarm.triggeringChildren().isEmpty()) {
            return null;
        }
        List<String> names = alarm.triggeringChildren().stream().map(ChildAlarm::name).limit(3).toList();
        int more = alarm.triggeringChildren().size() - names.size();
        return "triggered by " + String.join(", ", names) + (more > 0 ? " and " + more + " more" : "");
    }

    static String color(AlarmState state) {
        return switch (state) {
            case ALARM -> SlackMessage.COLOR_DANGER;
            case OK -> SlackMessage.COLOR_GOOD;
            case INSUFFICIENT_DATA -> SlackMessage.COLOR_WARNING;
        };
    }

    static String emoji(AlarmState state) {
        return switch (state) {
            case ALARM -> ":red_circle:";
            case OK -> ":large_green_circle:";
            case INSUFFICIENT_DATA -> ":large_yellow_circle:";
        };
    }

    private static Mrkdwn children(CloudWatchAlarm alarm) {
        List<Mrkdwn> lines = new ArrayList<>();
        for (ChildAlarm child : alarm.triggeringChildren().subList(0, Math.min(LISTED_ITEMS_MAX, alarm.triggeringChildren().size()))) {
            lines.add(Mrkdwn.trusted("• ").then(child.name())
                    .then(child.state() == null ? Mrkdwn.empty() : Mrkdwn.trusted(" (" + child.state() + ")")));
        }
        return withMore(lines, alarm.triggeringChildren().size());
    }

    /** How long the alarm fired, for an OK that ends a lifecycle; null otherwise. */
    static String resolvedAfter(CloudWatchAlarm alarm, Instant alarmBegan) {
        if (alarm.state() != AlarmState.OK || alarmBegan == null || alarm.stateChangeTime() == null
                || alarm.stateChangeTime().isBefore(alarmBegan)) {
            return null;
        }
        return Durations.inWords(Duration.between(alarmBegan, alarm.stateChangeTime()));
    }

    private static List<Field> fields(CloudWatchAlarm alarm, Instant alarmBegan) {
        List<Field> what = new ArrayList<>();
        AlarmTrigger trigger = alarm.trigger();
        if (trigger != null && !alarm.isComposite()) {
            switch (alarm.kind()) {
                case METRIC_MATH -> {
                    MetricQuery evaluated = trigger.evaluatedQuery();
                    if (evaluated != null && evaluated.isExpression()) {
                        what.add(new Field(evaluated.isInsightsQuery() ? "Query" : "Expression", Mrkdwn.code(evaluated.expression())));
                    }
                    if (trigger.metrics().stream().anyMatch(query -> query != evaluated)) {
                        what.add(new Field("Inputs", inputs(trigger)));
                    }
                }
                case ANOMALY_DETECTION -> {
                    addMetric(what, trigger.evaluatedQuery() == null ? null : trigger.evaluatedQuery().namespace(),
                            AlarmConditions.subject(trigger));
                    if (trigger.anomalyBand() != null && trigger.anomalyBand().expression() != null) {
                        what.add(new Field("Band", Mrkdwn.code(trigger.anomalyBand().expression())));
                    }
                }
                default -> addMetric(what, trigger.namespace(), trigger.metricName());
            }
        }
        String condition = alarm.isComposite() ? null : AlarmConditions.inWords(alarm);
        if (condition != null) {
            what.add(Field.of("Condition", condition));
        }

        List<Field> where = new ArrayList<>();
        where.add(new Field("Transition", Mrkdwn.text(alarm.previousState() == null
                ? alarm.state().toString() : alarm.previousState() + " → " + alarm.state())));
        boolean resolved = resolvedAfter(alarm, alarmBegan) != null;
        if (alarmBegan != null && (resolved || !alarmBegan.equals(alarm.stateChangeTime()))) {
            where.add(new Field("Alarm began", SlackTimes.of(alarmBegan)));
        }
        if (alarm.stateChangeTime() != null) {
            where.add(new Field(resolved ? "Resolved" : "Since", SlackTimes.of(alarm.stateChangeTime())));
        }
        if (alarm.accountId() != null) {
            where.add(Field.of("Account", alarm.accountId()));
        }
        if (alarm.region() != null) {
            where.add(Field.of("Region", alarm.region()));
        }

        List<Field> fields = new ArrayList<>(what);
        List<Dimension> dimensions = dimensions(alarm);
        int room = Blocks.SECTION_FIELDS_MAX - what.size() - where.size();
        if (dimensions.size() <= room) {
            for (Dimension dimension : dimensions) {
                fields.add(Field.of(dimension.name(), FriendlyDimensions.value(dimension)));
            }
        } else if (room > 0) {
            List<Mrkdwn> lines = new ArrayList<>();
            for (Dimension dimension : dimensions) {
                lines.add(Mrkdwn.text(dimension.name() + ": " + FriendlyDimensions.value(dimension)));
            }
            fields.add(new Field("Dimensions", Mrkdwn.join(Mrkdwn.trusted("\n"), lines)));
        }
        fields.addAll(where);
        return fields;
    }

    /** The metric and its namespace; an alarm message without a metric name shows no Metric field at all. */
    private static void addMetric(List<Field> fields, String namespace, String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        fields.add(new Field("Metric", namespace == null ? Mrkdwn.text(name)
                : Mrkdwn.text(name).then(Mrkdwn.trusted(" ")).then(Mrkdwn.italic("(" + namespace + ")"))));
    }

    /** Metric math inputs, one per line: {@code m1 = Errors (AWS/Lambda, Sum)} or {@code e2 = m1/m2}. */
    private static Mrkdwn inputs(AlarmTrigger trigger) {
        List<Mrkdwn> lines = new ArrayList<>();
        List<MetricQuery> inputs = trigger.metrics().stream().filter(query -> query != trigger.evaluatedQuery()).toList();
        for (MetricQuery query : inputs.subList(0, Math.min(LISTED_ITEMS_MAX, inputs.size()))) {
            Mrkdwn id = Mrkdwn.code(query.id() == null ? "?" : query.id()).thenTrusted(" = ");
            if (query.isExpression()) {
                lines.add(id.then(Mrkdwn.code(query.expression())));
            } else {
                String detail = String.join(", ", nonNull(query.namespace(), query.statistic()));
                lines.add(id.then(query.metricName() == null ? "?" : query.metricName())
                        .then(detail.isEmpty() ? Mrkdwn.empty() : Mrkdwn.text(" (" + detail + ")")));
            }
        }
        return withMore(lines, inputs.size());
    }

    /** The trigger's own dimensions, else those of every metric it reads, without repeats. */
    private static List<Dimension> dimensions(CloudWatchAlarm alarm) {
        AlarmTrigger trigger = alarm.trigger();
        if (trigger == null) {
            return List.of();
        }
        if (!trigger.dimensions().isEmpty()) {
            return trigger.dimensions();
        }
        Set<Dimension> distinct = new LinkedHashSet<>();
        for (MetricQuery query : trigger.metrics()) {
            distinct.addAll(query.dimensions());
        }
        return List.copyOf(distinct);
    }

    private static Mrkdwn withMore(List<Mrkdwn> lines, int total) {
        Mrkdwn listed = Mrkdwn.join(Mrkdwn.trusted("\n"), lines);
        int more = total - lines.size();
        return more > 0 ? listed.thenTrusted("\n").then(Mrkdwn.italic("and " + more + " more")) : listed;
    }

    private static List<String> nonNull(String... values) {
        List<String> kept = new ArrayList<>();
        for (String value : values) {
            if (value != null) {
                kept.add(value);
            }
        }
        return kept;
    }

    private static List<LinkButton> buttons(CloudWatchAlarm alarm) {
        List<LinkButton> buttons = new ArrayList<>();
        String alarmPage = AlarmConsoleLinks.alarm(alarm);
        if (alarmPage != null) {
            buttons.add(new LinkButton("Open alarm", alarmPage, alarm.state() == AlarmState.ALARM ? "primary" : null));
        }
        String targetGroup = AlarmConsoleLinks.targetGroup(alarm);
        if (targetGroup != null) {
            buttons.add(LinkButton.of("Target group", targetGroup));
        }
        String loadBalancer = AlarmConsoleLinks.loadBalancer(alarm);
        if (loadBalancer != null) {
            buttons.add(LinkButton.of("Load balancer", loadBalancer));
        }
        return buttons;
    }
}
