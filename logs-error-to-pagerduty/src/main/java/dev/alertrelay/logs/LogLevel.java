package dev.alertrelay.logs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.alertrelay.pagerduty.Severity;

import java.util.Locale;
import java.util.Set;

/**
 * The level a log line declares, and the one place that reads it: as a word ({@link #of}), and from a structured line
 * wherever the common loggers put it ({@link #in}).
 */
enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** Longer words name no level ("INFORMATION" and "EMERGENCY" are the longest that do). */
    private static final int LONGEST_LEVEL_WORD = 11;

    /**
     * The keys a structured line keeps its level under, in the order they are tried: {@code level} (Lambda's JSON
     * format, Powertools, pino, bunyan, winston, structlog, logstash-logback-encoder), {@code levelname} (Python's
     * logging), {@code severity} (Google Cloud, Bunyan-to-GCP), {@code status} (Datadog), {@code log.level} (Elastic
     * Common Schema, flat), {@code @l} (Serilog's compact format), {@code Level} (Serilog's JSON formatter),
     * {@code lvl} (log15 and logfmt ports), {@code severityText} / {@code severity_text} (OpenTelemetry log records),
     * {@code log_level}, {@code loglevel}.
     */
    private static final String[] LEVEL_KEYS = {"level", "levelname", "severity", "status", "log.level", "@l", "Level",
            "lvl", "severityText", "severity_text", "log_level", "loglevel"};

    /**
     * The level a word names, or null if it names none. Upper and lower case alike; the spellings of Log4j, Logback,
     * java.util.logging (SEVERE), Python (CRITICAL), Serilog (Verbose, Information and the three-letter VRB, DBG, INF,
     * WRN, ERR, FTL), .NET's console logger (trce, dbug, info, warn, fail, crit), winston (silly, http, verbose),
     * Go's zap (dpanic, panic), syslog and nginx (notice, crit, alert, emerg), MySQL (Note, System) and PostgreSQL
     * (LOG, NOTICE; DEBUG1 to DEBUG5).
     */
    static LogLevel of(String word) {
        if (word == null || word.isEmpty() || word.length() > LONGEST_LEVEL_WORD) {
            return null;
        }
        return switch (word.toUpperCase(Locale.ROOT)) {
            case "TRACE", "TRCE", "VERBOSE", "VRB", "SILLY", "FINEST", "FINER" -> TRACE;
            case "DEBUG", "DBUG", "DBG", "FINE", "DEBUG1", "DEBUG2", "DEBUG3", "DEBUG4", "DEBUG5" -> DEBUG;
            case "INFO", "INF", "INFORMATION", "NOTICE", "NOTE", "SYSTEM", "LOG", "HTTP", "CONFIG", "OK", "SUCCESS" -> INFO;
            case "WARN", "WARNING", "WRN" -> WARN;
            case "ERROR", "ERR", "SEVERE", "FAIL" -> ERROR;
            case "FATAL", "FTL", "CRITICAL", "CRIT", "PANIC", "DPANIC", "ALERT", "EMERG", "EMERGENCY" -> FATAL;
            default -> null;
        };
    }

    /**
     * The level a bare word at the start of a text line names: {@link #of} without the words that also start ordinary
     * sentences ("System failure", "Note that", "OK"), which name a level only as {@code [Note]} or {@code LOG:}.
     */
    static LogLevel ofBareWord(String word) {
        LogLevel level = of(word);
        return level == null || AMBIGUOUS_WORDS.contains(word.toUpperCase(Locale.ROOT)) ? null : level;
    }

    private static final Set<String> AMBIGUOUS_WORDS = Set.of("INFORMATION", "NOTICE", "NOTE", "SYSTEM", "LOG", "HTTP",
            "CONFIG", "OK", "SUCCESS", "FAIL", "ALERT", "SILLY", "FINE", "FINER", "FINEST", "VERBOSE");

    /**
     * The level of a structured line, or null when it names none. A number is read on the scale its key uses: pino
     * and bunyan's 10 to 60 under {@code level}, OpenTelemetry's 1 to 24 under {@code severityNumber}, Logback's
     * 5000 to 40000 under {@code level_value}. ECS's nested {@code {"log":{"level":...}}} is read too.
     */
    static LogLevel in(JsonObject json) {
        for (String key : LEVEL_KEYS) {
            LogLevel level = ofValue(json.get(key));
            if (level != null) {
                return level;
            }
        }
        if (json.get("log") instanceof JsonObject log) {
            LogLevel level = ofValue(log.get("level"));
            if (level != null) {
                return level;
            }
        }
        Double otel = numberAt(json, "severityNumber", "severity_number");
        if (otel != null && otel >= 1 && otel <= 24) {
            return values()[Math.min(FATAL.ordinal(), ((int) (double) otel - 1) / 4)];
        }
        Double logback = numberAt(json, "level_value");
        if (logback == null || logback < 0) {
            return null;
        }
        return logback >= 50000 ? null : logback >= 40000 ? ERROR : logback >= 30000 ? WARN : logback >= 20000 ? INFO
                : logback >= 10000 ? DEBUG : TRACE;
    }

    private static LogLevel ofValue(JsonElement value) {
        if (!(value instanceof JsonPrimitive primitive)) {
            return null;
        }
        if (primitive.isNumber()) {
            return ofPinoNumber(primitive.getAsDouble());
        }
        return primitive.isString() ? of(primitive.getAsString().strip()) : null;
    }

    /** pino and bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal; custom levels fall in between. */
    private static LogLevel ofPinoNumber(double number) {
        if (number < 10 || number > 100) {
            return null;
        }
        return number < 20 ? TRACE : number < 30 ? DEBUG : number < 40 ? INFO : number < 50 ? WARN : number < 60 ? ERROR : FATAL;
    }

    private static Double numberAt(JsonObject json, String... keys) {
        for (String key : keys) {
            if (json.get(key) instanceof JsonPrimitive primitive && primitive.isNumber()) {
                return primitive.getAsDouble();
            }
        }
        return null;
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
