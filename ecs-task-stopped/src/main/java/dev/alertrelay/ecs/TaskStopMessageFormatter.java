package dev.alertrelay.ecs;

import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.common.text.Durations;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.common.text.Truncate;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A classified task stop as a Slack message: a notification line, then in a coloured attachment the category with a
 * diagnosis and next step, the task's facts, the stopped reason, its containers (the likely culprit first) and
 * buttons to the console. Pure: all limits and escaping come from the common Block Kit builders.
 */
final class TaskStopMessageFormatter {

    /** Containers listed one per line; the rest are counted, so a 30-container task still fits one section. */
    static final int CONTAINERS_LISTED_MAX = 8;
    static final int NOTIFICATION_MAX = 300;
    /** Room kept in the container section for the "... and N more" line. */
    private static final int MORE_LINE_ROOM = 100;
    private static final int STOPPED_REASON_MAX = 1500;
    private static final int CONTAINER_NAME_MAX = 60;
    private static final int IMAGE_MAX = 80;
    private static final int CONTAINER_REASON_MAX = 120;
    private static final int SHORT_DIGEST = 12;
    private static final DateTimeFormatter FALLBACK_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    public SlackMessage format(TaskStop task, TaskStopClassifier.Classification classification) {
        StopCategory category = classification.category();
        SlackMessage.Builder message = SlackMessage.builder()
                .text(notification(task, classification))
                .color(category.color())
                .attachmentBlock(Blocks.header(category.emoji() + " ECS task " + category.verb() + ": " + subject(task)))
                .attachmentBlock(Blocks.section(TaskStopDiagnosis.explanation(task, classification)))
                .attachmentBlock(Blocks.fields(facts(task)));
        if (task.stoppedReason() != null && !task.stoppedReason().isBlank()) {
            message.attachmentBlock(Blocks.section(Mrkdwn.bold("Stopped reason").thenTrusted("\n")
                    .then(Mrkdwn.codeBlock(Truncate.toLength(task.stoppedReason(), STOPPED_REASON_MAX)))));
        }
        if (!task.containers().isEmpty()) {
            message.attachmentBlock(Blocks.section(containers(task.containers())));
        }
        message.attachmentBlock(Blocks.actions(buttons(task)));
        message.attachmentBlock(Blocks.context(List.of(
                Mrkdwn.text("Task ").then(Mrkdwn.code(task.taskId() == null ? "unknown" : task.taskId())),
                task.version() == null ? Mrkdwn.empty() : Mrkdwn.text("event version " + task.version()),
                Mrkdwn.text("category " + category.configName()))));
        return message.build();
    }

    /**
     * The push notification line, e.g. {@code ECS task crashed: service checkout (cluster prod): container app exited 1}.
     * Plain text: {@link SlackMessage} escapes it, since a stop reason is free text anyone calling StopTask can set.
     */
    static String notification(TaskStop task, TaskStopClassifier.Classification classification) {
        String line = "ECS task " + classification.category().verb() + ": " + subject(task)
                + (task.clusterName() == null ? "" : " (cluster " + task.clusterName() + ")")
                + ": " + TaskStopDiagnosis.summary(task, classification);
        return Truncate.toLength(line, NOTIFICATION_MAX);
    }

    static String subject(TaskStop task) {
        if (task.serviceName() != null) {
            return "service " + task.serviceName();
        }
        if (task.family() != null) {
            return "task " + task.family();
        }
        return task.taskId() != null ? "task " + task.taskId() : "unknown task";
    }

    /** The facts the event has; an absent one is left out rather than shown as a dash. */
    static List<Blocks.Field> facts(TaskStop task) {
        List<Blocks.Field> fields = new ArrayList<>();
        addIfPresent(fields, "Cluster", task.clusterName());
        if (task.isServiceTask()) {
            addIfPresent(fields, "Service", task.serviceName());
        } else {
            addIfPresent(fields, "Task family", task.family());
        }
        if (task.family() != null) {
            fields.add(new Blocks.Field("Task definition",
                    Mrkdwn.code(task.family() + (task.revision() == null ? "" : ":" + task.revision()))));
        }
        if (task.stopCode() != null && !task.stopCode().isBlank()) {
            fields.add(new Blocks.Field("Stop code", Mrkdwn.code(task.stopCode())));
        }
        addIfPresent(fields, "Capacity", capacity(task));
        addIfPresent(fields, "Availability zone", task.availabilityZone());
        if (task.startedAt() == null) {
            fields.add(Blocks.Field.of("Ran for", "never started"));
        } else if (task.runDuration() != null) {
            fields.add(Blocks.Field.of("Ran for", Durations.inWords(task.runDuration())));
        }
        if (task.stopTime() != null) {
            fields.add(new Blocks.Field("Stopped", stopTime(task.stopTime())));
        }
        addIfPresent(fields, "Account", task.account());
        addIfPresent(fields, "Region", task.region());
        return fields;
    }

    private static void addIfPresent(List<Blocks.Field> fields, String label, String value) {
        if (value != null && !value.isBlank()) {
            fields.add(Blocks.Field.of(label, value));
        }
    }

    /** {@code FARGATE_SPOT (FARGATE)}, but {@code FARGATE} once when the provider is named after the launch type. */
    static String capacity(TaskStop task) {
        String provider = task.capacityProviderName();
        String launchType = task.launchType();
        if (provider == null || provider.isBlank()) {
            return launchType;
        }
        return launchType == null || launchType.isBlank() || provider.equalsIgnoreCase(launchType)
                ? provider : provider + " (" + launchType + ")";
    }

    private static Mrkdwn stopTime(Instant time) {
        return Mrkdwn.date(time.getEpochSecond(), "{date_short_pretty} {time_secs}", FALLBACK_TIME.format(time));
    }

    /**
     * The container list, likely culprit first. Lines stop at {@link #CONTAINERS_LISTED_MAX} or when the next one would
     * not fit the section with room left for the line counting the rest, so that count is never cut off.
     */
    static Mrkdwn containers(List<TaskStop.Container> containers) {
        List<TaskStop.Container> ordered = TaskStopClassifier.mostLikelyCulpritFirst(containers);
        Mrkdwn list = Mrkdwn.bold("Containers (" + containers.size() + ")");
        int listed = 0;
        for (TaskStop.Container container : ordered) {
            Mrkdwn line = Mrkdwn.trusted("\n").then(containerLine(container));
            if (listed == CONTAINERS_LISTED_MAX || list.length() + line.length() > Blocks.SECTION_TEXT_MAX - MORE_LINE_ROOM) {
                break;
            }
            list = list.then(line);
            listed++;
        }
        if (listed < ordered.size()) {
            list = list.thenTrusted("\n").then(Mrkdwn.italic(moreContainers(ordered.subList(listed, ordered.size()))));
        }
        return list;
    }

    private static Mrkdwn containerLine(TaskStop.Container container) {
        Mrkdwn line = Mrkdwn.trusted("\u2022 ").then(Mrkdwn.bold(Truncate.toLength(container.name() == null ? "(unnamed)" : container.name(), CONTAINER_NAME_MAX)));
        if (container.image() != null) {
            line = line.thenTrusted(" ").then(Mrkdwn.code(Truncate.toLength(imageTag(container.image()), IMAGE_MAX)));
        }
        if (container.exitCode() == null) {
            line = line.then(" no exit code");
        } else {
            String meaning = TaskStopDiagnosis.exitMeaning(container.exitCode());
            line = line.then(" exit ").then(Mrkdwn.code(String.valueOf(container.exitCode())))
                    .then(meaning == null ? "" : " (" + meaning + ")");
        }
        if (container.reason() != null && !container.reason().isBlank()) {
            line = line.then(": ").then(Mrkdwn.italic(Truncate.toLength(container.reason().strip(), CONTAINER_REASON_MAX)));
        }
        return line;
    }

    /** The repository and tag or short digest, without the registry host: {@code checkout:v2}. */
    static String imageTag(String image) {
        String withoutRegistry = image.substring(image.lastIndexOf('/') + 1);
        int at = withoutRegistry.indexOf("@sha256:");
        if (at >= 0 && withoutRegistry.length() > at + 8 + SHORT_DIGEST) {
            return withoutRegistry.substring(0, at + 8 + SHORT_DIGEST);
        }
        return withoutRegistry.isEmpty() ? image : withoutRegistry;
    }

    private static String moreContainers(List<TaskStop.Container> rest) {
        int failed = 0;
        int clean = 0;
        int silent = 0;
        for (TaskStop.Container container : rest) {
            if (container.exitCode() == null) {
                silent++;
            } else if (container.exitCode() == 0) {
                clean++;
            } else {
                failed++;
            }
        }
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " exited non-zero");
        }
        if (clean > 0) {
            parts.add(clean + " exited 0");
        }
        if (silent > 0) {
            parts.add(silent + " without exit code");
        }
        return "\u2026 and " + rest.size() + " more: " + String.join(", ", parts);
    }

    private static List<Blocks.LinkButton> buttons(TaskStop task) {
        List<Blocks.LinkButton> buttons = new ArrayList<>();
        String taskUrl = EcsConsoleLinks.task(task);
        if (taskUrl != null) {
            buttons.add(new Blocks.LinkButton("Open task", taskUrl, "primary"));
        }
        String serviceUrl = EcsConsoleLinks.service(task);
        if (serviceUrl != null) {
            buttons.add(Blocks.LinkButton.of("Open service", serviceUrl));
        }
        return buttons;
    }

}
