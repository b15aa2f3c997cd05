package dev.alertrelay.common.alarm;

/** Alarms spread one fact over several optional fields (account in the body, the alarm ARN or the topic ARN). */
final class FirstNonNull {

    private FirstNonNull() {
    }

    @SafeVarargs
    static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
