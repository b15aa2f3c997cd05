package dev.alertrelay.common.text;

import java.time.Duration;

/** How long something took, in words a phone screen has room for. */
public final class Durations {

    private Durations() {
    }

    /** "3 d 4 h", "2 h 5 min", "4 min 10 s", "12 s": two units are enough; a negative duration reads as "0 s". */
    public static String inWords(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + " d " + hours + " h";
        }
        if (hours > 0) {
            return hours + " h " + minutes + " min";
        }
        if (minutes > 0) {
            return minutes + " min " + secs + " s";
        }
        return secs + " s";
    }
}
