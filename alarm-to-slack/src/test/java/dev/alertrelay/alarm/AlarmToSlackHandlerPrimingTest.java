package dev.alertrelay.alarm;

import dev.alertrelay.common.testing.PrimingCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart priming runs the real handler path on the bundled sample, resolves no secret and sends nothing. */
class AlarmToSlackHandlerPrimingTest {

    @Test
    void primingFormatsTheBundledSampleWithoutResolvingASecret() {
        String log = PrimingCheck.primeAndCaptureLog(AlarmToSlackHandler::new);
        assertTrue(log.contains("snapstart priming done"), log);
        assertFalse(log.contains("not configured"), log);
        assertFalse(log.contains("sent"), "nothing was sent, so no line may say so: " + log);
    }
}
