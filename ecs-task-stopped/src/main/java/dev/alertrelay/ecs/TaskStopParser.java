package dev.alertrelay.ecs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@link TaskStop} from an EventBridge "ECS Task State Change" envelope. Tolerant by design: ECS adds fields
 * over time and omits those it does not know, so unknown fields are ignored and missing or mistyped ones read as null.
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_task_events.html
 */
final class TaskStopParser {

    public static final String DETAIL_TYPE = "ECS Task State Change";

    private TaskStopParser() {
    }

    /** The task in the envelope's {@code detail}; a missing detail gives a task with every field null. */
    public static TaskStop parse(JsonObject envelope) {
        JsonObject detail = Json.object(envelope, "detail");
        String clusterArn = Json.string(detail, "clusterArn", null);
        String taskArn = Json.string(detail, "taskArn", null);
        String taskDefinitionArn = Json.string(detail, "taskDefinitionArn", null);
        String taskDefinition = afterLast(taskDefinitionArn, "task-definition/");
        String group = Json.string(detail, "group", null);
        return new TaskStop(
                Json.string(envelope, "account", arnPart(clusterArn, 4)),
                Json.string(envelope, "region", arnPart(clusterArn, 3)),
                instant(Json.string(envelope, "time")),
                clusterArn,
                clusterName(clusterArn, taskArn),
                taskArn,
                lastSegment(taskArn),
                taskDefinitionArn,
                family(taskDefinition, group),
                revision(taskDefinition),
                group,
                group != null && group.startsWith("service:") ? blankToNull(group.substring("service:".length())) : null,
                Json.string(detail, "launchType", null),
                Json.string(detail, "capacityProviderName", null),
                Json.string(detail, "availabilityZone", null),
                Json.string(detail, "lastStatus", null),
                Json.string(detail, "desiredStatus", null),
                Json.string(detail, "stopCode", null),
                Json.string(detail, "stoppedReason", null),
                instant(Json.string(detail, "startedAt")),
                instant(Json.string(detail, "stoppedAt")),
                intOrNull(Json.integer(detail, "memory")),
                Json.integer(detail, "version"),
                containers(Json.array(detail, "containers")));
    }

    private static List<TaskStop.Container> containers(JsonArray array) {
        List<TaskStop.Container> containers = new ArrayList<>();
        for (int i = 0; array != null && i < array.size(); i++) {
            JsonObject container = Json.objectAt(array, i);
            if (container == null) {
                continue;
            }
            containers.add(new TaskStop.Container(
                    Json.string(container, "name", null),
                    Json.string(container, "image", null),
                    Json.string(container, "lastStatus", null),
                    intOrNull(Json.integer(container, "exitCode")),
                    Json.string(container, "reason", null),
                    intOrNull(Json.integer(container, "memory"))));
        }
        return containers;
    }

    /** ECS timestamps are ISO-8601 with or without fractions; anything unreadable is treated as absent. */
    static Instant instant(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** {@code arn:aws:ecs:REGION:ACCOUNT:cluster/NAME}; new-format task ARNs carry it too ({@code task/CLUSTER/ID}). */
    private static String clusterName(String clusterArn, String taskArn) {
        String fromCluster = afterLast(clusterArn, "cluster/");
        if (fromCluster != null) {
            return fromCluster;
        }
        String task = afterLast(taskArn, ":task/");
        int slash = task == null ? -1 : task.indexOf('/');
        return slash > 0 ? task.substring(0, slash) : null;
    }

    /** The task definition's family; without an ARN, a standalone task's {@code group} "family:NAME" still names it. */
    private static String family(String taskDefinition, String group) {
        if (taskDefinition != null) {
            int colon = taskDefinition.lastIndexOf(':');
            return blankToNull(colon < 0 ? taskDefinition : taskDefinition.substring(0, colon));
        }
        return group != null && group.startsWith("family:") ? blankToNull(group.substring("family:".length())) : null;
    }

    private static String revision(String taskDefinition) {
        int colon = taskDefinition == null ? -1 : taskDefinition.lastIndexOf(':');
        return colon < 0 ? null : blankToNull(taskDefinition.substring(colon + 1));
    }

    private static String afterLast(String text, String marker) {
        int at = text == null ? -1 : text.lastIndexOf(marker);
        return at < 0 ? null : blankToNull(text.substring(at + marker.length()));
    }

    private static String lastSegment(String arn) {
        int slash = arn == null ? -1 : arn.lastIndexOf('/');
        return slash < 0 ? null : blankToNull(arn.substring(slash + 1));
    }

    /** The i-th colon-separated part of an ARN (3 = region, 4 = account), or null. */
    private static String arnPart(String arn, int index) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > index ? blankToNull(parts[index]) : null;
    }

    private static Integer intOrNull(Long value) {
        return value == null || value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? null : value.intValue();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
