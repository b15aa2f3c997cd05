package dev.alertrelay.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule that reads log text, on long adversarial input: each finishes (no StackOverflowError, which a recursive
 * regex engine threw on a 1.2 KB quoted value) and gives the right answer. Time is not asserted here; bench/hostile.py
 * measures each of these against a benign input of the same size.
 */
class HostileTextTest {

    private final Redactor redactor = Redactor.BUILT_IN_ONLY;

    @Test
    void aQuotedBearerJwtOfEightKilobytesIsHiddenWhole() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9." + "A".repeat(8 * 1024) + ".c2ln";
        String redacted = redactor.redact("ERROR upstream failed: {\"authorization\":\"Bearer " + jwt + "\"}");
        assertEquals("ERROR upstream failed: {\"authorization\":\"[REDACTED]\"}", redacted);
    }

    @Test
    void aQuotedTokenOfAnyLengthIsHiddenWhole() {
        for (int length : new int[] {1200, 4001, 64 * 1024}) {
            assertEquals("{\"token\":\"[REDACTED]\",\"n\":1}", redactor.redact("{\"token\":\"" + "t".repeat(length) + "\",\"n\":1}"));
        }
    }

    @Test
    void anEscapedQuotedSecretInsideAJsonStringIsHiddenWhole() {
        String line = "body={\\\"api_key\\\":\\\"" + "k".repeat(10_000) + "\\\"}";
        assertEquals("body={\\\"api_key\\\":\\\"[REDACTED]\\\"}", redactor.redact(line));
    }

    @Test
    void aQuotedSecretThatNeverClosesIsHiddenToTheEndOfItsLine() {
        String redacted = redactor.redact("password=\"" + "p".repeat(50_000) + "\nnext line");
        assertFalse(redacted.contains("ppp"), redacted.substring(0, Math.min(200, redacted.length())));
        assertTrue(redacted.endsWith("\nnext line"));
    }

    @Test
    void thousandsOfExceptionNamesWithKeyWordsStayReadable() {
        String line = "TokenExpiredException: ".repeat(20_000);
        assertEquals(line, redactor.redact(line));
    }

    @Test
    void repeatedJwtPrefixesWithoutAJwtStayAsTheyAre() {
        String line = "ERROR bad header " + "eyJ".repeat(100_000);
        assertEquals(line, redactor.redact(line));
    }

    @Test
    void manyKeyWordsInARowAreEachRead() {
        String line = "password ".repeat(30_000) + "password hunter2!";
        String redacted = redactor.redact(line);
        assertTrue(redacted.endsWith("password [REDACTED]"), redacted.substring(redacted.length() - 40));
    }

    @Test
    void aPrivateKeyThatNeverEndsIsHiddenToTheEnd() {
        String redacted = redactor.redact("loaded -----BEGIN PRIVATE KEY-----" + "M".repeat(200_000));
        assertEquals("loaded [REDACTED]", redacted);
    }

    @Test
    void runsThatLookLikeAccessKeysButAreLongerStay() {
        String line = "AKIA".repeat(50_000);
        assertEquals(line, redactor.redact(line));
    }

    @Test
    void manyUrlFragmentsWithoutPasswordsStay() {
        String line = "://user:".repeat(40_000);
        assertEquals(line, redactor.redact(line));
    }

    @Test
    void aMegabyteErrorLineOfShortWordsIsReadOnceForItsExceptionName() {
        String title = "a ".repeat(512 * 1024) + "java.lang.IllegalStateException: late";
        assertNull(ErrorLineParser.exceptionClassIn(title), "a class past the search window is not looked for");
        assertEquals("java.lang.IllegalStateException",
                ErrorLineParser.exceptionClassIn("a ".repeat(1000) + "java.lang.IllegalStateException: early"));
    }

    @Test
    void aMegabyteLineIsParsedWithItsLevel() {
        ErrorLine line = ErrorLineParser.parse("2026-11-21T03:04:05.123Z ERROR " + "word ".repeat(200_000));
        assertEquals(LogLevel.ERROR, line.level());
        assertNull(line.exceptionClass());
    }
}
