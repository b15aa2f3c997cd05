package dev.alertrelay.common.testing;

import dev.alertrelay.common.json.InvalidEventException;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The one property every handler keeps for any input: it completes, or it rejects the event with an
 * {@link InvalidEventException} (a clear input error, which Lambda retries and then parks in the failure destination).
 * A NullPointerException, ClassCastException, DateTimeException, StackOverflowError... is a bug.
 */
public final class HostileInput {

    /** How much of a failing event an assertion message shows; huge events would drown the report. */
    private static final int SHOWN_CHARS = 2_000;

    private HostileInput() {
    }

    /**
     * Runs {@code handler} on {@code event} as UTF-8 bytes.
     *
     * @return true when it completed, false when it rejected the event as invalid
     * @throws AssertionError on any other exception or error, with the event and the cause
     */
    public static boolean completesOrRejects(String event, Consumer<InputStream> handler) {
        return completesOrRejects(event.getBytes(StandardCharsets.UTF_8), handler);
    }

    public static boolean completesOrRejects(byte[] event, Consumer<InputStream> handler) {
        try {
            handler.accept(new ByteArrayInputStream(event));
            return true;
        } catch (InvalidEventException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("an InvalidEventException without a message for " + shown(event), e);
            }
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError(e.getClass().getSimpleName() + " instead of a clear input error for " + shown(event), e);
        }
    }

    private static String shown(byte[] event) {
        String text = new String(event, StandardCharsets.UTF_8);
        return text.length() <= SHOWN_CHARS ? text
                : text.substring(0, SHOWN_CHARS) + "... (" + text.length() + " chars in all)";
    }
}
