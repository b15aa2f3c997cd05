package dev.alertrelay.alarm;

import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's replay procedure, for real: a Lambda on-failure destination record sits in an SQS queue (moto), and
 * scripts/replay-failed-events.sh replays it through the shaded jar, deleting it only once Slack took the message.
 */
class ReplayFromFailureQueueIT {

    private static MotoServer moto;
    private final RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK);

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    /** The AWS CLI against moto (CLI v1 ignores AWS_ENDPOINT_URL for SQS, hence the flag). */
    private String aws(String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", moto.endpoint(), "--output", "text"));
        command.addAll(List.of(args));
        return run(command, Map.of()).strip();
    }

    private String run(List<String> command, Map<String, String> extraEnv) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(moto.awsEnvironment());
        builder.environment().put("AWS_DEFAULT_REGION", MotoServer.REGION);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(extraEnv);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + command);
            }
            return process.exitValue() + "\n" + output;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String queueWithOneFailedInvocation() {
        String queueUrl = aws("sqs", "create-queue", "--queue-name", "alarm-to-slack-failures-" + System.nanoTime(), "--query", "QueueUrl")
                .lines().reduce((a, b) -> b).orElseThrow();
        String record = "{\"version\":\"1.0\",\"requestContext\":{\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3},"
                + "\"requestPayload\":" + EventFiles.text("alarm-sns-alb-healthyhostcount.json")
                + ",\"responsePayload\":{\"errorType\":\"DeliveryException\",\"errorMessage\":\"Slack delivery failed\"}}";
        aws("sqs", "send-message", "--queue-url", queueUrl, "--message-body", record);
        return queueUrl;
    }

    private String replay(String queueUrl, String... options) {
        List<String> command = new ArrayList<>(List.of("bash", script().toString(), JarProcess.jar().toString(), queueUrl));
        command.addAll(List.of(options));
        Map<String, String> env = new HashMap<>();
        env.put("SLACK_WEBHOOK_URL", slack.url("/services/T/B/replay"));
        return run(command, env);
    }

    private static Path script() {
        return EventFiles.dir().getParent().resolve("scripts/replay-failed-events.sh");
    }

    private String messagesLeft(String queueUrl) {
        return aws("sqs", "get-queue-attributes", "--queue-url", queueUrl, "--attribute-names",
                "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible", "--query",
                "[Attributes.ApproximateNumberOfMessages,Attributes.ApproximateNumberOfMessagesNotVisible]").lines()
                .reduce((a, b) -> b).orElseThrow().replaceAll("\\s+", " ");
    }

    @Test
    void aFailedInvocationIsReplayedToSlackAndThenDeleted() {
        String queueUrl = queueWithOneFailedInvocation();
        String output = replay(queueUrl);
        assertTrue(output.startsWith("0\n"), output);
        assertTrue(output.contains("replayed 1, failed 0"), output);
        assertEquals(1, slack.requests().size());
        assertEquals("0 0", messagesLeft(queueUrl));
    }

    @Test
    void aReplayThatFailsAgainLeavesTheMessageInTheQueue() {
        slack.answerByDefault(Answer.of(400, "invalid_blocks"));
        String queueUrl = queueWithOneFailedInvocation();
        String output = replay(queueUrl);
        assertTrue(output.startsWith("1\n"), output);
        assertTrue(output.contains("replayed 0, failed 1"), output);
        assertEquals("0 1", messagesLeft(queueUrl));
    }

    @Test
    void aDryRunReplayPrintsThePayloadAndKeepsTheMessage() {
        String queueUrl = queueWithOneFailedInvocation();
        String output = replay(queueUrl, "--dry-run");
        assertTrue(output.startsWith("0\n"), output);
        assertTrue(output.contains("\"text\":\"ALARM: shop-alb-no-healthy-hosts"), output);
        assertEquals(0, slack.requests().size());
        assertEquals("1 0", messagesLeft(queueUrl), "the message it peeked at is visible again at once");
    }

    @Test
    void aReplayRightAfterADryRunReplaysTheMessage() {
        String queueUrl = queueWithOneFailedInvocation();
        replay(queueUrl, "--dry-run");
        String output = replay(queueUrl);
        assertTrue(output.contains("replayed 1, failed 0"), output);
        assertEquals(1, slack.requests().size());
    }

    @Test
    void theUsageTextIsPlainTextWithoutShellLines() {
        String output = run(List.of("bash", script().toString()), Map.of());
        assertTrue(output.startsWith("2\n"), output);
        assertTrue(output.contains("usage: scripts/replay-failed-events.sh <function.jar> <queue-url>"), output);
        assertTrue(!output.contains("set -euo") && !output.contains("#"), output);
    }
}
