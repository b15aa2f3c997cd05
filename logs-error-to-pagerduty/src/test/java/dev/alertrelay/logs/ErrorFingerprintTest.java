package dev.alertrelay.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorFingerprintTest {

    private static final String GROUP = "/aws/lambda/orders-api";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Payment 4711 failed after 3000ms                           | Payment <n> failed after <n>ms
            request 8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11 failed        | request <id> failed
            cannot reach 10.0.3.7:5432                                 | cannot reach <ip>:<n>
            at 2026-11-21T03:04:05.123Z the job stopped                | at <time>:<n>:<n>.<n>Z the job stopped
            object 0x7f3a9c21 and commit 3f2a9b1c7d0e                  | object <id> and commit <id>
            user "alice" not found in 'users'                           | user "<v>" not found in '<v>'
            can't open file 'report 7.pdf'                              | can't open file '<v>'
            instance i-0abc123def4567890 is unhealthy                  | instance <id> is unhealthy
            mail to bob@example.com bounced                            | mail to <email> bounced
            software.amazon.awssdk.services.s3.model.S3Exception: Access Denied | software.amazon.awssdk.services.s<n>.model.S<n>Exception: Access Denied
            Task timed out after 3.00 seconds                          | Task timed out after <n> seconds
            """)
    void normalisesTheVolatilePartsAndKeepsTheWords(String headline, String expected) {
        assertEquals(expected, ErrorFingerprint.normalise(headline));
    }

    @Test
    void theSameErrorWithOtherIdsHasTheSameDedupKey() {
        ErrorFingerprint first = ErrorFingerprint.of(GROUP, "Payment 4711 failed for 8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11 at 10.0.3.7:5432");
        ErrorFingerprint later = ErrorFingerprint.of(GROUP, "Payment 98 failed for 1b2c3d4e-5f60-4718-9a0b-c1d2e3f4a5b6 at 10.0.9.12:6432");
        assertEquals(first.dedupKey(), later.dedupKey());
    }

    @Test
    void aDifferentErrorHasADifferentDedupKey() {
        assertNotEquals(ErrorFingerprint.of(GROUP, "Payment 4711 failed").dedupKey(),
                ErrorFingerprint.of(GROUP, "Refund 4711 failed").dedupKey());
    }

    @Test
    void theSameErrorInAnotherLogGroupIsAnotherIncident() {
        assertNotEquals(ErrorFingerprint.of(GROUP, "Payment 4711 failed").dedupKey(),
                ErrorFingerprint.of("/aws/lambda/refunds", "Payment 4711 failed").dedupKey());
    }

    @Test
    void theDedupKeyNeverChangesBetweenReleasesOrContainers() {
        // Pinned: a changed key would orphan every open incident and page again for errors already being worked on.
        assertEquals("alert-relay-logs-" + "e2c7ddf582204b03b3d7199f6160fbd7",
                ErrorFingerprint.of(GROUP, "Timeout calling inventory at 10.0.3.7:5432 after 3000 ms").dedupKey());
    }

    @Test
    void theDedupKeyFitsPagerDutysLimitWhateverTheHeadline() {
        String key = ErrorFingerprint.of(GROUP + "/x".repeat(300), "boom ".repeat(1000)).dedupKey();
        assertTrue(key.length() <= 255, key);
    }

    @Test
    void whitespaceDifferencesDoNotMakeAnotherError() {
        assertEquals(ErrorFingerprint.normalise("Payment  failed\tfor order"), ErrorFingerprint.normalise("Payment failed for order"));
    }

    @Test
    void anIdInsideADottedTokenFoldsWhileClassNamesStayReadable() {
        assertEquals(ErrorFingerprint.of(GROUP, "Login failed: token eyJhbGciOiJIUzI1NiJ9.94e3bf911a61dbe2 in com.shop.Auth2"),
                ErrorFingerprint.of(GROUP, "Login failed: token eyJzdWIiOiIxMjM0NTY3ODkwIn0.a1b2c3d4e5f60718 in com.shop.Auth2"));
        assertEquals("Login failed: token <id>.<id> in com.shop.Auth<n>",
                ErrorFingerprint.of(GROUP, "Login failed: token eyJhbGciOiJIUzI1NiJ9.94e3bf911a61dbe2 in com.shop.Auth2").text());
    }

    @Test
    void aLongHexWordWithoutDigitsIsAnId() {
        assertEquals("Cache miss for key <id>", ErrorFingerprint.of(GROUP, "Cache miss for key deadbeefcafebabe").text());
        assertEquals("Request was defaced", ErrorFingerprint.of(GROUP, "Request was defaced").text());
    }
}
