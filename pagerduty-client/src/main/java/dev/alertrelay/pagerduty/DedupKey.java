package dev.alertrelay.pagerduty;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PagerDuty dedup keys: at most {@value #MAX_LENGTH} characters, and the same for the same thing in every batch and
 * every container, because a later trigger only adds to an open incident, and a resolve only closes it, when the keys match.
 */
public final class DedupKey {

    /** https://developer.pagerduty.com/docs/events-api-v2-overview: dedup_key is at most 255 characters. */
    static final int MAX_LENGTH = 255;

    private static final String ALARM_PREFIX = "alert-relay-alarm:";

    private DedupKey() {
    }

    /** {@code prefix} and the first 32 hex digits (128 bits) of the SHA-256 of {@code stableText}. */
    public static String hashed(String prefix, String stableText) {
        return prefix + sha256Hex(stableText).substring(0, 32);
    }

    /**
     * The incident of a CloudWatch alarm, the same in every function that pages for it, so that ALARM triggers and OK
     * resolves one incident whichever function sent each.
     *
     * @param alarmArn the alarm's ARN ({@code CloudWatchAlarm.arnOrDerived()})
     */
    public static String forAlarm(String alarmArn) {
        return fitted(ALARM_PREFIX + alarmArn);
    }

    /** {@code key} itself when it fits, else its start and the hash of all of it, still unique and stable. */
    static String fitted(String key) {
        if (key.length() <= MAX_LENGTH) {
            return key;
        }
        String hash = sha256Hex(key);
        return key.substring(0, MAX_LENGTH - hash.length() - 1) + "#" + hash;
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
