package dev.alertrelay.common.snapstart;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SnapStartPrimingTest {

    @Test
    void primingRunsThePrimerOnTheBundledSample() {
        List<String> seen = new ArrayList<>();
        new SnapStartPriming("/priming-test-sample.json", sample -> {
            try {
                seen.add(new String(sample.readAllBytes(), StandardCharsets.UTF_8).strip());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).prime();
        assertEquals(List.of("{\"sample\":true}"), seen);
    }

    @Test
    void aFailingPrimerNeverBreaksTheCheckpoint() {
        assertDoesNotThrow(() -> new SnapStartPriming("/priming-test-sample.json", sample -> {
            throw new IllegalStateException("boom");
        }).prime());
    }

    @Test
    void aMissingSampleSkipsPriming() {
        boolean[] ran = {false};
        new SnapStartPriming("/no-such-sample.json", sample -> ran[0] = true).prime();
        assertFalse(ran[0]);
    }
}
