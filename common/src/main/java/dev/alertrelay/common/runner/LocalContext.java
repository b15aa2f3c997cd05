package dev.alertrelay.common.runner;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.alertrelay.common.http.InvocationClock;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The Lambda {@link Context} of a local run: a function name, a deadline and a logger that writes to stderr. */
final class LocalContext implements Context, InvocationClock.Source {

    private final String functionName;
    private final long deadlineMillis;
    /** Not UUID.randomUUID(): its SecureRandom initialises the security providers, 30 ms of a cold start for an id. */
    private final String requestId = new UUID(System.currentTimeMillis(), System.nanoTime() ^ ProcessHandle.current().pid()).toString();

    private final InvocationClock clock;

    /** @param clockOffsetMillis how far the invocation's wall clock is from this machine's ({@code --at}) */
    LocalContext(String functionName, long timeoutMillis, long clockOffsetMillis) {
        this.functionName = functionName;
        this.deadlineMillis = System.currentTimeMillis() + timeoutMillis;
        this.clock = clockOffsetMillis == 0 ? InvocationClock.SYSTEM : new InvocationClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long millis) throws InterruptedException {
                Thread.sleep(millis);
            }

            @Override
            public long currentTimeMillis() {
                return System.currentTimeMillis() + clockOffsetMillis;
            }
        };
    }

    @Override
    public InvocationClock clock() {
        return clock;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        String region = System.getenv("AWS_REGION");
        return "arn:aws:lambda:" + (region == null ? "us-east-1" : region) + ":000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.err.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.err.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
