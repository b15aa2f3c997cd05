package dev.alertrelay.actions;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slack's v0 signature: the published example verifies, and nothing that differs from it in any way does. */
class SlackSignatureTest {

    /** https://api.slack.com/authentication/verifying-requests-from-slack (the example, recomputed in FACTS.md). */
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final String BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
            + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url="
            + "https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(Long.parseLong(TIMESTAMP));

    private static byte[] body() {
        return BODY.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void slacksPublishedExampleSignsToItsPublishedSignature() {
        assertEquals(SIGNATURE, SlackSignature.sign(SECRET, TIMESTAMP, body()));
        assertTrue(SlackSignature.matches(SECRET, TIMESTAMP, body(), SIGNATURE));
        assertNull(SlackSignature.problemWithHeaders(TIMESTAMP, SIGNATURE, SIGNED_AT));
    }

    @Test
    void aSignatureInUpperCaseHexIsTheSameSignature() {
        String upper = "v0=" + SIGNATURE.substring(3).toUpperCase(Locale.ROOT);

        assertNull(SlackSignature.problemWithHeaders(TIMESTAMP, upper, SIGNED_AT));
        assertTrue(SlackSignature.matches(SECRET, TIMESTAMP, body(), upper));
    }

    @Test
    void oneChangedByteAnywhereIsRefused() {
        byte[] body = body();
        body[body.length / 2] ^= 1;
        assertFalse(SlackSignature.matches(SECRET, TIMESTAMP, body, SIGNATURE), "a changed body");

        assertFalse(SlackSignature.matches(SECRET, "1531420619", body(), SIGNATURE), "a changed timestamp");
        assertFalse(SlackSignature.matches(SECRET.replace('8', '9'), TIMESTAMP, body(), SIGNATURE), "another secret");
        char last = SIGNATURE.charAt(SIGNATURE.length() - 1);
        String changed = SIGNATURE.substring(0, SIGNATURE.length() - 1) + (last == '3' ? '4' : '3');
        assertFalse(SlackSignature.matches(SECRET, TIMESTAMP, body(), changed), "a changed signature");
    }

    @Test
    void malformedOrMissingHeadersAreRefusedBeforeAnyHashIsCompared() {
        String hex = SIGNATURE.substring(3);
        for (String[] headers : new String[][]{
                {null, SIGNATURE},
                {TIMESTAMP, null},
                {"", SIGNATURE},
                {"1531420618.5", SIGNATURE},
                {"-1531420618", SIGNATURE},
                {" 1531420618", SIGNATURE},
                {"1531420618000000", SIGNATURE},
                {TIMESTAMP, hex},
                {TIMESTAMP, "v1=" + hex},
                {TIMESTAMP, "V0=" + hex},
                {TIMESTAMP, SIGNATURE.substring(0, SIGNATURE.length() - 1)},
                {TIMESTAMP, SIGNATURE + "0"},
                {TIMESTAMP, "v0=" + hex.replace('a', 'g')},
                {TIMESTAMP, SIGNATURE + ",v0=" + hex},
        }) {
            assertNotNull(SlackSignature.problemWithHeaders(headers[0], headers[1], SIGNED_AT),
                    "timestamp " + headers[0] + ", signature " + headers[1]);
        }
    }

    @Test
    void aRequestSignedMoreThanFiveMinutesAgoOrAheadIsRefusedAndWithinItIsTaken() {
        assertNotNull(SlackSignature.problemWithHeaders(TIMESTAMP, SIGNATURE, SIGNED_AT.plusSeconds(301)), "301 s old: a replay");
        assertNotNull(SlackSignature.problemWithHeaders(TIMESTAMP, SIGNATURE, SIGNED_AT.minusSeconds(301)), "301 s ahead");
        assertNull(SlackSignature.problemWithHeaders(TIMESTAMP, SIGNATURE, SIGNED_AT.plusSeconds(299)));
        assertNull(SlackSignature.problemWithHeaders(TIMESTAMP, SIGNATURE, SIGNED_AT.minusSeconds(299)));
    }
}
