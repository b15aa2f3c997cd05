package dev.alertrelay.actions;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Slack's v0 request signature (https://api.slack.com/authentication/verifying-requests-from-slack): HMAC-SHA256 with
 * the app's signing secret over {@code v0:<X-Slack-Request-Timestamp>:<raw body>}, hex, prefixed {@code v0=}, compared
 * in constant time; a timestamp more than five minutes from now is refused, so a recorded request cannot be replayed
 * later. Pure: the secret and the time are given.
 */
final class SlackSignature {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("v0=[0-9a-fA-F]{64}");

    private SlackSignature() {
    }

    /** Why the headers cannot be checked at all (absent, malformed, too old or too new), or null when they can. */
    static String problemWithHeaders(String timestamp, String signature, Instant now) {
        if (timestamp == null || signature == null) {
            return "no X-Slack-Request-Timestamp or X-Slack-Signature";
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            return "a malformed X-Slack-Request-Timestamp";
        }
        if (!SIGNATURE.matcher(signature).matches()) {
            return "a malformed X-Slack-Signature";
        }
        long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp));
        if (skew > MAX_SKEW.toSeconds()) {
            return "a timestamp " + skew + " s from now (over " + MAX_SKEW.toSeconds() + " s: expired or replayed)";
        }
        return null;
    }

    /** Whether {@code signature} is the body's v0 signature with {@code secret}: compared in constant time. */
    static boolean matches(String secret, String timestamp, byte[] body, String signature) {
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        byte[] given = signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
