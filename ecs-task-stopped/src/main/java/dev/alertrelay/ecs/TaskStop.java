package dev.alertrelay.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One "ECS Task State Change" event, as plain data: the EventBridge envelope's account, region and time, and the
 * task fields of its {@code detail}. Any field may be null: AWS omits what it does not know (a task that never
 * started has no {@code startedAt}, a container that never ran has no exit code). Built by {@link TaskStopParser}.
 */
record TaskStop(
        String account,
        String region,
        Instant eventTime,
        String clusterArn,
        String clusterName,
        String taskArn,
        String taskId,
        String taskDefinitionArn,
        String family,
        String revision,
        String group,
        String serviceName,
        String launchType,
        String capacityProviderName,
        String availabilityZone,
        String lastStatus,
        String desiredStatus,
        String stopCode,
        String stoppedReason,
        Instant startedAt,
        Instant stoppedAt,
        Integer taskMemoryMiB,
        Long version,
        List<Container> containers) {

    public static final String STOPPED = "STOPPED";

    public TaskStop {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }

    public boolean isStopped() {
        return STOPPED.equals(lastStatus);
    }

    /** A task the service scheduler runs ({@code group} "service:NAME"), as opposed to a standalone or scheduled task. */
    public boolean isServiceTask() {
        return serviceName != null;
    }

    /** How long the task ran, or null when it never started or a timestamp is missing. */
    public Duration runDuration() {
        if (startedAt == null || stoppedAt == null || stoppedAt.isBefore(startedAt)) {
            return null;
        }
        return Duration.between(startedAt, stoppedAt);
    }

    /** When the task stopped: {@code stoppedAt}, else the event's time. */
    public Instant stopTime() {
        return stoppedAt != null ? stoppedAt : eventTime;
    }

    /** One container of the task. {@code memoryLimitMiB} is the hard limit, when the task definition sets one. */
    public record Container(String name, String image, String lastStatus, Integer exitCode, String reason, Integer memoryLimitMiB) {
    }
}
