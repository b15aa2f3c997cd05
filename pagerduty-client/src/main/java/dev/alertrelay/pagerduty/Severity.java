package dev.alertrelay.pagerduty;

import java.util.Locale;

/** PagerDuty's four payload severities, in increasing order of urgency. */
public enum Severity {
    INFO, WARNING, ERROR, CRITICAL;

    /** The value the Events API v2 expects in {@code payload.severity}. */
    String apiValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Severity max(Severity other) {
        return other != null && other.compareTo(this) > 0 ? other : this;
    }

    /** critical, error, warning or info in any case; anything else is a configuration error. */
    public static Severity parse(String value, String setting) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(setting + " must be one of critical, error, warning, info (was '" + value + "')");
        }
    }
}
