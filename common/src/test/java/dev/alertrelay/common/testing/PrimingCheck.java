package dev.alertrelay.common.testing;

import dev.alertrelay.common.snapstart.SnapStartPrimingAccess;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the SnapStart priming a handler registered and returns what it logged. */
public final class PrimingCheck {

    private PrimingCheck() {
    }

    /**
     * Builds the handler as Lambda does (its no-arg constructor, which registers the hook), runs the hook as the
     * runtime would before a snapshot, and returns the log lines it wrote.
     */
    public static String primeAndCaptureLog(Runnable constructHandler) {
        constructHandler.run();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            SnapStartPrimingAccess.runLastRegistered();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
