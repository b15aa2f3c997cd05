package dev.alertrelay.logs;

import dev.alertrelay.pagerduty.Severity;

import java.util.function.Function;

/**
 * The function's configuration, read once per container; a wrong value stops the function at start with a message
 * naming the variable, rather than paging wrongly later.
 *
 * @param defaultSeverity            DEFAULT_SEVERITY: for lines that declare no level (default error)
 * @param maxIncidentsPerBatch       MAX_INCIDENTS_PER_BATCH: triggers per batch before storm control folds the rest (default 20)
 * @param sampleLines                SAMPLE_LINES: sample occurrences per incident (default 5)
 * @param redactor                   the built-in redaction rules plus REDACT_PATTERNS
 * @param region                     AWS_REGION (Lambda sets it), for console links; null leaves the links out
 * @param triggerOnInsufficientData  ALARM_INSUFFICIENT_DATA=trigger: page (as a warning) when an alarm has too little data
 * @param repeatTriggerSeconds       REPEAT_TRIGGER_SECONDS: how long this container holds back a log error's trigger that
 *                                   PagerDuty already accepted (default 60; 0 sends every one), see {@link RecentTriggers}
 */
record LogsErrorSettings(Severity defaultSeverity, int maxIncidentsPerBatch, int sampleLines, Redactor redactor,
                                String region, boolean triggerOnInsufficientData, int repeatTriggerSeconds) {

    public static final LogsErrorSettings DEFAULTS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, null, false, 60);

    public static LogsErrorSettings fromEnvironment(Function<String, String> env) {
        String severity = env.apply("DEFAULT_SEVERITY");
        String insufficientData = env.apply("ALARM_INSUFFICIENT_DATA");
        String region = env.apply("AWS_REGION");
        return new LogsErrorSettings(
                isBlank(severity) ? DEFAULTS.defaultSeverity() : Severity.parse(severity, "DEFAULT_SEVERITY"),
                bounded(env, "MAX_INCIDENTS_PER_BATCH", DEFAULTS.maxIncidentsPerBatch(), 1, 100),
                bounded(env, "SAMPLE_LINES", DEFAULTS.sampleLines(), 1, 20),
                Redactor.withExtraPatterns(env.apply("REDACT_PATTERNS")),
                isBlank(region) ? null : region.strip(),
                insufficientDataAction(insufficientData),
                bounded(env, "REPEAT_TRIGGER_SECONDS", DEFAULTS.repeatTriggerSeconds(), 0, 3600));
    }

    private static boolean insufficientDataAction(String value) {
        if (isBlank(value) || value.strip().equalsIgnoreCase("ignore")) {
            return false;
        }
        if (value.strip().equalsIgnoreCase("trigger")) {
            return true;
        }
        throw new IllegalArgumentException("ALARM_INSUFFICIENT_DATA must be ignore or trigger (was '" + value + "')");
    }

    private static int bounded(Function<String, String> env, String variable, int fallback, int min, int max) {
        String value = env.apply(variable);
        if (isBlank(value)) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException(variable + " must be a whole number from " + min + " to " + max + " (was '" + value + "')");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
