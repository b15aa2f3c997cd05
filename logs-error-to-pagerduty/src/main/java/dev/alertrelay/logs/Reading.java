package dev.alertrelay.logs;

import dev.alertrelay.logs.LogsSubscriptionBatch.LogEvent;

/**
 * One log event as {@link ErrorIncidentFormatter} read it.
 *
 * @param line the error line for {@link Kind#ERROR} and {@link Kind#PLATFORM_FAILURE}, else null
 */
record Reading(LogEvent event, Kind kind, ErrorLine line) {

    enum Kind {
        /** A line the function logged at WARN or above, or with no level: an incident. */
        ERROR,
        /** A line the function logged below WARN: never an incident. */
        BELOW_WARN,
        /** Lambda reporting a failed init or invocation. */
        PLATFORM_FAILURE,
        /** Lambda starting an invocation or an init: what came before belongs to another one. */
        INVOCATION_START,
        /** Other platform bookkeeping and the runtimes' boilerplate. */
        PLATFORM_ROUTINE,
        /** A telemetry tool's line. */
        TELEMETRY
    }

    static Reading logged(LogEvent event, ErrorLine line) {
        return new Reading(event, line.level() == null || line.level().isIncident() ? Kind.ERROR : Kind.BELOW_WARN, line);
    }

    static Reading failure(LogEvent event, ErrorLine line) {
        return new Reading(event, Kind.PLATFORM_FAILURE, line);
    }

    static Reading routine(LogEvent event, String type) {
        boolean start = switch (type) {
            case "START", "INIT_START", "RESTORE_START", "platform.start", "platform.initStart", "platform.restoreStart" -> true;
            default -> false;
        };
        return new Reading(event, start ? Kind.INVOCATION_START : Kind.PLATFORM_ROUTINE, null);
    }

    static Reading telemetry(LogEvent event) {
        return new Reading(event, Kind.TELEMETRY, null);
    }

    /** Whether this line can explain a platform failure: an error the function logged, at ERROR or above or with no level. */
    boolean canExplainAFailure() {
        return kind == Kind.ERROR && (line.level() == null || line.level().compareTo(LogLevel.ERROR) >= 0);
    }
}
