package dev.alertrelay.logs;

import dev.alertrelay.logs.pagerduty.Severity;

import java.util.Locale;

/** The level a log line declares, as the common logging libraries and Lambda's JSON log format spell it. */
enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** The level a word names (WARNING, SEVERE, CRITICAL and lower case included), or null if it names none. */
    static LogLevel of(String word) {
        if (word == null || word.isEmpty() || word.length() > 8) {
            return null;
        }
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> TRACE;
            case "DEBUG" -> DEBUG;
            case "INFO" -> INFO;
            case "WARN", "WARNING" -> WARN;
            case "ERROR", "ERR", "SEVERE" -> ERROR;
            case "FATAL", "CRITICAL", "CRIT", "PANIC" -> FATAL;
            default -> null;
        };
    }

    /** Lines below WARN are not incidents even when a filter pattern let them through (an INFO line naming an exception). */
    boolean isIncident() {
        return compareTo(WARN) >= 0;
    }

    Severity severity() {
        return switch (this) {
            case FATAL -> Severity.CRITICAL;
            case ERROR -> Severity.ERROR;
            case WARN -> Severity.WARNING;
            default -> Severity.INFO;
        };
    }
}
