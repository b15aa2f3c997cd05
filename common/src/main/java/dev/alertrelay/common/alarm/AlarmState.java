package dev.alertrelay.common.alarm;

import java.util.Locale;

/** The three states a CloudWatch alarm can be in. */
public enum AlarmState {
    OK, ALARM, INSUFFICIENT_DATA;

    /** The state named by {@code value} (any case, surrounding blanks ignored), or null if it names none. */
    public static AlarmState parse(String value) {
        if (value == null) {
            return null;
        }
        return switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "OK" -> OK;
            case "ALARM" -> ALARM;
            case "INSUFFICIENT_DATA" -> INSUFFICIENT_DATA;
            default -> null;
        };
    }
}
