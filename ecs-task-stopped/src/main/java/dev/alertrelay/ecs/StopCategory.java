package dev.alertrelay.ecs;

import dev.alertrelay.slack.SlackMessage;

/**
 * Why a task stopped, as an on-call engineer needs to know it: one category per STOPPED task, decided by
 * {@link TaskStopClassifier}. The configuration name is what {@code NOTIFY_CATEGORIES} lists.
 */
enum StopCategory {

    FAILED_TO_START("failed-to-start", "failed to start", ":no_entry:", SlackMessage.COLOR_DANGER, true),
    OUT_OF_MEMORY("out-of-memory", "ran out of memory", ":boom:", SlackMessage.COLOR_DANGER, true),
    CRASHED("crashed", "crashed", ":x:", SlackMessage.COLOR_DANGER, true),
    FAILED_HEALTH_CHECKS("failed-health-checks", "failed health checks", ":stethoscope:", SlackMessage.COLOR_DANGER, true),
    SPOT_INTERRUPTION("spot-interruption", "interrupted by Spot", ":zap:", SlackMessage.COLOR_WARNING, true),
    INFRASTRUCTURE("infrastructure", "stopped by infrastructure", ":building_construction:", SlackMessage.COLOR_WARNING, true),
    COMPLETED("completed", "completed", ":white_check_mark:", SlackMessage.COLOR_GOOD, false),
    ROUTINE("routine", "stopped (routine)", ":arrows_counterclockwise:", SlackMessage.COLOR_GOOD, false),
    UNKNOWN("unknown", "stopped for an unrecognised reason", ":grey_question:", SlackMessage.COLOR_WARNING, true);

    private final String configName;
    private final String verb;
    private final String emoji;
    private final String color;
    private final boolean notifiedByDefault;

    StopCategory(String configName, String verb, String emoji, String color, boolean notifiedByDefault) {
        this.configName = configName;
        this.verb = verb;
        this.emoji = emoji;
        this.color = color;
        this.notifiedByDefault = notifiedByDefault;
    }

    /** The name used in {@code NOTIFY_CATEGORIES} and in log lines, e.g. {@code out-of-memory}. */
    public String configName() {
        return configName;
    }

    /** What happened to the task, to follow "ECS task": "crashed", "ran out of memory". */
    public String verb() {
        return verb;
    }

    public String emoji() {
        return emoji;
    }

    /** The attachment colour: red for failures of the task itself, amber for outside causes, green for expected stops. */
    public String color() {
        return color;
    }

    public boolean notifiedByDefault() {
        return notifiedByDefault;
    }
}
