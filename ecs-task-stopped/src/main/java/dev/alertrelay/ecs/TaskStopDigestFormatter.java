package dev.alertrelay.ecs;

import dev.alertrelay.common.text.Durations;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.common.text.Truncate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Several failed stops of one service in one batch as one message, e.g. {@code checkout (prod): 7 tasks stopped in
 * 58 s — out of memory x5, crashed x2 (exit 1); task definition checkout:43 (also :42)}: the counts, the most telling
 * stop in full (diagnosis, facts, containers), and links to the service's events and the most recent task. Pure.
 */
final class TaskStopDigestFormatter {

    private static final int STOPPED_REASON_MAX = 1000;

    private TaskStopDigestFormatter() {
    }

    static SlackMessage format(TaskStopDigest digest) {
        TaskStopDigest.Stop telling = digest.mostTelling();
        TaskStop task = telling.task();
        String summary = summary(digest);
        SlackMessage.Builder message = SlackMessage.builder()
                .text(Truncate.toLength(summary, TaskStopMessageFormatter.NOTIFICATION_MAX))
                .color(telling.classification().category().color())
                .attachmentBlock(Blocks.header(telling.classification().category().emoji() + " " + name(task) + ": "
                        + digest.stops().size() + " tasks stopped"))
                .attachmentBlock(Blocks.section(Mrkdwn.text(summary)))
                .attachmentBlock(Blocks.section(Mrkdwn.bold("Most telling stop: " + TaskStopDiagnosis.summary(task, telling.classification()))
                        .thenTrusted("\n").then(TaskStopDiagnosis.explanation(task, telling.classification()))))
                .attachmentBlock(Blocks.fields(TaskStopMessageFormatter.facts(task)));
        if (task.stoppedReason() != null && !task.stoppedReason().isBlank()) {
            message.attachmentBlock(Blocks.section(Mrkdwn.bold("Stopped reason").thenTrusted("\n")
                    .then(Mrkdwn.codeBlock(Truncate.toLength(task.stoppedReason(), STOPPED_REASON_MAX)))));
        }
        if (!task.containers().isEmpty()) {
            message.attachmentBlock(Blocks.section(TaskStopMessageFormatter.containers(task.containers())));
        }
        message.attachmentBlock(Blocks.actions(buttons(digest)));
        message.attachmentBlock(Blocks.context(List.of(Mrkdwn.text(digest.stops().size() + " stops folded into this digest"),
                Mrkdwn.text("categories " + digest.countsByCategory().keySet().stream().map(StopCategory::configName)
                        .collect(Collectors.joining(", "))))));
        return message.build();
    }

    /** {@code checkout (prod): 7 tasks stopped in 58 s — out of memory x5, crashed x2 (exit 1); task definition checkout:43}. */
    static String summary(TaskStopDigest digest) {
        TaskStop any = digest.stops().get(0).task();
        StringBuilder text = new StringBuilder(name(any)).append(": ").append(digest.stops().size()).append(" tasks stopped");
        Duration span = digest.span();
        if (span != null) {
            text.append(" in ").append(Durations.inWords(span));
        }
        List<String> parts = new ArrayList<>();
        for (Map.Entry<StopCategory, Integer> count : digest.countsByCategory().entrySet()) {
            List<Integer> exits = digest.exitCodesOf(count.getKey());
            parts.add(words(count.getKey()) + " x" + count.getValue()
                    + (exits.isEmpty() ? "" : " (exit " + exits.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")"));
        }
        text.append(" \u2014 ").append(String.join(", ", parts));
        List<String> revisions = digest.revisions();
        if (any.family() != null && !revisions.isEmpty()) {
            text.append("; task definition ").append(any.family()).append(':').append(revisions.get(0));
            if (revisions.size() > 1) {
                text.append(" (also ").append(revisions.subList(1, revisions.size()).stream().map(r -> ":" + r)
                        .collect(Collectors.joining(", "))).append(')');
            }
        }
        return text.toString();
    }

    /** {@code checkout (prod)}: the service or task family, and the cluster. */
    static String name(TaskStop task) {
        String who = task.serviceName() != null ? task.serviceName() : task.family() != null ? task.family() : "tasks";
        return who + (task.clusterName() == null ? "" : " (" + task.clusterName() + ")");
    }

    static String words(StopCategory category) {
        return switch (category) {
            case OUT_OF_MEMORY -> "out of memory";
            case FAILED_TO_START -> "failed to start";
            case FAILED_HEALTH_CHECKS -> "failed health checks";
            case SPOT_INTERRUPTION -> "Spot interruption";
            case INFRASTRUCTURE -> "infrastructure";
            default -> category.verb();
        };
    }

    private static List<Blocks.LinkButton> buttons(TaskStopDigest digest) {
        List<Blocks.LinkButton> buttons = new ArrayList<>();
        TaskStop recent = digest.mostRecent().task();
        String events = EcsConsoleLinks.serviceEvents(recent);
        if (events != null) {
            buttons.add(new Blocks.LinkButton("Service events", events, "primary"));
        }
        String taskUrl = EcsConsoleLinks.task(recent);
        if (taskUrl != null) {
            buttons.add(events == null ? new Blocks.LinkButton("Most recent task", taskUrl, "primary") : Blocks.LinkButton.of("Most recent task", taskUrl));
        }
        return buttons;
    }
}
