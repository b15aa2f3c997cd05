package dev.alertrelay.common.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.alertrelay.common.http.InvocationClock;

import java.nio.charset.StandardCharsets;

/** A Lambda context for handler tests: a function name and a deadline, on the system clock or a virtual one. */
public final class TestContext implements Context, InvocationClock.Source {

    private final String functionName;
    private final InvocationClock clock;
    private final long deadlineNanos;

    /** A context on a fresh {@link VirtualClock}: waits (back-off, Retry-After, pacing) pass at once. */
    public TestContext(String functionName, long timeoutMillis) {
        this(functionName, timeoutMillis, new VirtualClock());
    }

    /** A context whose deadline and waits run on {@code clock} ({@link VirtualClock}: no real waiting). */
    public TestContext(String functionName, long timeoutMillis, InvocationClock clock) {
        this.functionName = functionName;
        this.clock = clock;
        this.deadlineNanos = clock.nanoTime() + timeoutMillis * 1_000_000L;
    }

    @Override
    public InvocationClock clock() {
        return clock;
    }

    public static TestContext of(String functionName) {
        return new TestContext(functionName, 30_000);
    }

    @Override public String getAwsRequestId() { return "test-request"; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:" + functionName; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, (deadlineNanos - clock.nanoTime()) / 1_000_000L); }
    @Override public int getMemoryLimitInMB() { return 512; }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override public void log(String message) { System.err.println(message); }
            @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
        };
    }
}
