package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded alarm-to-slack jar run as a process, exactly as the README tells users to run it: dry run, KMS and SSM
 * secrets through moto, delivery to a local Slack, rate limiting, bad input, and no secret in any output.
 */
class FoundationEndToEndIT {

    private static final String EVENT = EventFiles.path("alarm-sns-alb-healthyhostcount.json").toString();
    private static final String SECRET_PATH = "/services/T0SECRET0/B0SECRET0/c2VjcmV0LXRva2Vu";
    private static final String FUNCTION = "alert-relay-AlarmToSlack-prod";

    private static MotoServer moto;
    private static String keyId;
    private final RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK);

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        keyId = moto.createKey();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @AfterEach
    void stopSlack() {
        slack.close();
    }

    private String webhook() {
        return slack.url(SECRET_PATH);
    }

    private static void assertNoSecretIn(JarProcess.Result result) {
        assertFalse(result.all().contains("SECRET"), "the webhook URL leaked:\n" + result.all());
        assertFalse(result.all().contains("c2VjcmV0LXRva2Vu"), "the webhook URL leaked:\n" + result.all());
    }

    @Test
    void dryRunPrintsOneValidSlackPayloadPerLineAndABlockKitBuilderLink() {
        JarProcess.Result result = JarProcess.run(Map.of(), null, "--dry-run", EVENT);
        assertEquals(0, result.exitCode(), result.stderr());
        List<String> lines = result.stdout().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), result.stdout());
        JsonObject payload = Json.parseObject(lines.get(0));
        BlockKitLimits.assertValid(payload);
        assertTrue(payload.get("text").getAsString().contains("shop-alb-no-healthy-hosts"), payload.toString());
        assertTrue(result.stderr().contains("https://app.slack.com/block-kit-builder/#"), result.stderr());
        assertEquals(0, slack.requests().size());
    }

    @Test
    void dryRunResolvesNoSecretEvenWhenTheConfiguredOneIsBroken() {
        JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL_ENCRYPTED", "bm90LWEtcmVhbC1jaXBoZXJ0ZXh0"),
                null, "--dry-run", EVENT);
        assertEquals(0, result.exitCode(), result.stderr());
    }

    @Test
    void aKmsEncryptedWebhookMadeByTheConsoleHelperIsDecryptedAndPosted() {
        Map<String, String> env = new HashMap<>(moto.awsEnvironment());
        env.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION);
        env.put("SLACK_WEBHOOK_URL_ENCRYPTED", moto.encryptForFunction(keyId, webhook(), FUNCTION));
        JarProcess.Result result = JarProcess.run(env, null, EVENT);
        assertEquals(0, result.exitCode(), result.all());
        assertEquals(1, slack.requests().size());
        assertEquals(SECRET_PATH, slack.requests().get(0).path());
        BlockKitLimits.assertValid(Json.parseObject(slack.requests().get(0).body()));
        assertNoSecretIn(result);
    }

    @Test
    void anSsmSecureStringWebhookIsReadAndPosted() {
        moto.putSecureString("/alert-relay/e2e/slack-webhook", webhook());
        Map<String, String> env = new HashMap<>(moto.awsEnvironment());
        env.put("SLACK_WEBHOOK_URL_PARAMETER", "/alert-relay/e2e/slack-webhook");
        JarProcess.Result result = JarProcess.run(env, null, EVENT);
        assertEquals(0, result.exitCode(), result.all());
        assertEquals(1, slack.requests().size());
        assertNoSecretIn(result);
    }

    @Test
    void aRateLimitWithRetryAfterIsWaitedOutAndTheMessageIsDeliveredExactlyOnce() {
        slack.thenAnswer(Answer.withHeader(429, "rate_limited", "Retry-After", "1"));
        JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", webhook()), null, EVENT);
        assertEquals(0, result.exitCode(), result.all());
        assertEquals(2, slack.requests().size());
        assertEquals(slack.requests().get(0).body(), slack.requests().get(1).body());
        assertNoSecretIn(result);
    }

    @Test
    void aRejectedMessageFailsTheRunWithSlacksErrorButNotTheUrl() {
        slack.answerByDefault(Answer.of(400, "invalid_blocks"));
        JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", webhook()), null, EVENT);
        assertEquals(1, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("invalid_blocks"), result.stderr());
        assertNoSecretIn(result);
    }

    @Test
    void anEventThatIsNotJsonExitsTwoWithOneClearLine() {
        JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", webhook()), "{\"Records\": [", "-");
        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("invalid event: the event is not valid JSON"), result.stderr());
        assertEquals(0, slack.requests().size());
    }

    @Test
    void aMissingEventFileExitsTwo() {
        JarProcess.Result result = JarProcess.run(Map.of(), null, "--dry-run", "events/does-not-exist.json");
        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("cannot read the event"), result.stderr());
    }

    @Test
    void noEventIsAUsageError() {
        JarProcess.Result result = JarProcess.run(Map.of(), null);
        assertEquals(2, result.exitCode());
        assertTrue(result.stderr().contains("usage: java -jar"), result.stderr());
    }

    @Test
    void anEventFromAFailureQueueIsReplayedFromItsDestinationRecord() {
        String record = "{\"version\":\"1.0\",\"requestContext\":{\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3},"
                + "\"requestPayload\":" + EventFiles.text("alarm-sns-alb-healthyhostcount.json") + "}";
        String receiveOutput = "{\"Messages\":[{\"MessageId\":\"m1\",\"Body\":" + new com.google.gson.JsonPrimitive(record) + "}]}";
        JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", webhook()), receiveOutput, "--replay", "-");
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("replaying event 1 of 1 (it had failed: RetriesExhausted, 3 attempt(s))"), result.stderr());
        assertEquals(1, slack.requests().size());
        assertNoSecretIn(result);
    }

    @Test
    void aPlainTextWebhookLoadsNoAwsClientCodeAtAll() throws Exception {
        Path classLog = Files.createTempFile("classes", ".log");
        String loaded;
        try {
            JarProcess.Result result = JarProcess.run(List.of("-Xlog:class+load=info:file=" + classLog),
                    Map.of("SLACK_WEBHOOK_URL", webhook()), null, EVENT);
            assertEquals(0, result.exitCode(), result.all());
            loaded = Files.readString(classLog);
        } finally {
            JarProcess.deleteQuietly(classLog);
            JarProcess.deleteQuietly(Path.of(classLog + ".0")); // the JVM's log rotation keeps the empty original
        }
        assertTrue(loaded.contains("dev.alertrelay"), "class log is empty?");
        assertFalse(loaded.contains("software.amazon.awssdk"), "an AWS SDK class was loaded");
        for (String client : List.of("dev.alertrelay.common.aws.AwsClients", "dev.alertrelay.common.secrets.KmsSecretSource",
                "dev.alertrelay.common.secrets.SsmSecretSource", "dev.alertrelay.common.secrets.AwsFailures")) {
            assertFalse(loaded.contains(client + " "), client + " was loaded");
        }
    }
}
