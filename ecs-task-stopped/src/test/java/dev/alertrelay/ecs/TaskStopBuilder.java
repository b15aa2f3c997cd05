package dev.alertrelay.ecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A STOPPED Fargate service task of cluster prod, changed field by field for each specification. */
final class TaskStopBuilder {

    private static final Instant STARTED_AT = Instant.parse("2026-11-21T02:58:40Z");

    private String group = "service:checkout";
    private String stopCode;
    private String stoppedReason;
    private String capacityProviderName;
    private String launchType = "FARGATE";
    private Instant stoppedAt = Instant.parse("2026-11-21T03:05:11Z");
    private Integer taskMemoryMiB = 1024;
    private final List<TaskStop.Container> containers = new ArrayList<>();

    static TaskStopBuilder task() {
        return new TaskStopBuilder();
    }

    static TaskStop.Container containerOf(String name, Integer exitCode, String reason) {
        return new TaskStop.Container(name, "123456789012.dkr.ecr.eu-west-1.amazonaws.com/" + name + ":1.0", "STOPPED", exitCode, reason, null);
    }

    TaskStopBuilder stopCode(String value) {
        stopCode = value;
        return this;
    }

    TaskStopBuilder reason(String value) {
        stoppedReason = value;
        return this;
    }

    TaskStopBuilder standalone(String family) {
        group = "family:" + family;
        return this;
    }

    TaskStopBuilder capacityProvider(String value) {
        capacityProviderName = value;
        launchType = null;
        return this;
    }

    TaskStopBuilder launchType(String value) {
        launchType = value;
        return this;
    }

    TaskStopBuilder container(String name, Integer exitCode) {
        return container(name, exitCode, null);
    }

    TaskStopBuilder container(String name, Integer exitCode, String reason) {
        containers.add(containerOf(name, exitCode, reason));
        return this;
    }

    TaskStopBuilder container(TaskStop.Container container) {
        containers.add(container);
        return this;
    }

    TaskStop build() {
        String family = group != null && group.startsWith("family:") ? group.substring(7) : "checkout";
        String service = group != null && group.startsWith("service:") ? group.substring(8) : null;
        return new TaskStop("123456789012", "eu-west-1", stoppedAt, "arn:aws:ecs:eu-west-1:123456789012:cluster/prod", "prod",
                "arn:aws:ecs:eu-west-1:123456789012:task/prod/3f9c1a7e2b5d4c8e9a1f0b2c3d4e5f60", "3f9c1a7e2b5d4c8e9a1f0b2c3d4e5f60",
                "arn:aws:ecs:eu-west-1:123456789012:task-definition/" + family + ":42", family, "42", group, service,
                launchType, capacityProviderName, "eu-west-1b", TaskStop.STOPPED, "STOPPED", stopCode, stoppedReason,
                STARTED_AT, stoppedAt, taskMemoryMiB, 5L, containers);
    }
}
