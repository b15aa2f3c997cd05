package dev.alertrelay.logs;

import com.amazonaws.services.lambda.runtime.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SnapStart priming runs the real handler path on the bundled sample, resolves no secret and sends nothing. */
class LogsErrorToPagerDutyHandlerPrimingTest {

    @Test
    void primingFormatsTheBundledSampleWithoutResolvingASecretOrSending() throws Exception {
        new LogsErrorToPagerDutyHandler();
        List<?> registered = registeredPrimings();
        assertTrue(!registered.isEmpty(), "the handler registered no priming hook");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            ((Resource) registered.get(registered.size() - 1)).beforeCheckpoint(null);
        } finally {
            System.setErr(original);
        }
        String log = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("snapstart priming done"), log);
        assertEquals(-1, log.indexOf("not configured"), log);
    }

    private static List<?> registeredPrimings() throws ReflectiveOperationException {
        Field field = dev.alertrelay.common.snapstart.SnapStartPriming.class.getDeclaredField("REGISTERED");
        field.setAccessible(true);
        return (List<?>) field.get(null);
    }
}
