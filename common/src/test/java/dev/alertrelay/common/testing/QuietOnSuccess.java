package dev.alertrelay.common.testing;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Keeps what a test writes to stderr (the functions' log lines, ERROR lines of deliveries a fault test makes fail)
 * and prints it only when the test fails, so a green build prints nothing a reader has to learn to ignore. Tests
 * that care about a log line capture and assert on it themselves. Registered for every module's JUnit tests
 * through {@code META-INF/services/org.junit.jupiter.api.extension.Extension} in this test jar; jqwik properties get
 * the same from {@link PrintSeed}.
 */
public final class QuietOnSuccess implements BeforeTestExecutionCallback, AfterTestExecutionCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(QuietOnSuccess.class);

    private record Captured(PrintStream original, ByteArrayOutputStream buffer) {
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        context.getStore(NAMESPACE).put(Captured.class, new Captured(System.err, buffer));
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        Captured captured = context.getStore(NAMESPACE).remove(Captured.class, Captured.class);
        if (captured == null) {
            return;
        }
        System.setErr(captured.original());
        if (context.getExecutionException().isPresent()) {
            captured.original().print(captured.buffer().toString(StandardCharsets.UTF_8));
        }
    }

    /** The same for code that is not a JUnit test (a jqwik property): runs {@code work}, printing stderr only if it throws. */
    static <T> T quietly(java.util.function.Supplier<T> work, java.util.function.Predicate<T> failed) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = work.get();
        } catch (RuntimeException | Error e) {
            System.setErr(original);
            original.print(buffer.toString(StandardCharsets.UTF_8));
            throw e;
        }
        System.setErr(original);
        if (failed.test(result)) {
            original.print(buffer.toString(StandardCharsets.UTF_8));
        }
        return result;
    }
}
