package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.RecordingHttpServer;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shaded jar run as a user runs it: {@code java -jar alarm-to-slack.jar [--dry-run] <event>}. */
class AlarmToSlackJarIT {

    private static final String FOUNDING_SAMPLE = "alarm-sns-alb-healthyhostcount.json";
    private static final String FOUNDING_TEXT = "ALARM: shop-alb-no-healthy-hosts: HealthyHostCount < 1 in ap-northeast-1";

    @Test
    void dryRunPrintsTheFoundingMessageAndABlockKitBuilderLink() {
        JarProcess.Result result = JarProcess.run(Map.of(), null, "--dry-run", EventFiles.path(FOUNDING_SAMPLE).toString());

        assertEquals(0, result.exitCode(), result.all());
        JsonObject payload = Json.parseObject(result.stdout().strip());
        BlockKitLimits.assertValid(payload);
        assertEquals(FOUNDING_TEXT, dev.alertrelay.common.testing.SlackText.notification(payload));
        assertTrue(result.stderr().contains("Block Kit Builder: https://app.slack.com/block-kit-builder/#"), result.stderr());
        assertTrue(result.stderr().contains("would send: ALARM shop-alb-no-healthy-hosts via SNS"), result.stderr());
        assertFalse(result.stderr().contains(" sent "), "a dry run sends nothing, so no line says sent: " + result.stderr());
    }

    @Test
    void postsToThePlainWebhookUrlWithoutLoggingIt() {
        try (RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK)) {
            String url = slack.url("/services/T000/B000/XXXX");
            JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", url), EventFiles.text(FOUNDING_SAMPLE), "-");

            assertEquals(0, result.exitCode(), result.all());
            assertEquals(1, slack.requests().size());
            assertEquals("/services/T000/B000/XXXX", slack.requests().get(0).path());
            JsonObject payload = Json.parseObject(slack.requests().get(0).body());
            BlockKitLimits.assertValid(payload);
            assertEquals(FOUNDING_TEXT, dev.alertrelay.common.testing.SlackText.notification(payload));
            assertFalse(result.all().contains("/services/T000/B000/XXXX"), "the webhook URL is a secret: " + result.all());
        }
    }

    @Test
    void blueprintUsersKeepTheirKmsEncryptedHookUrlAndChannel() {
        try (MotoServer moto = MotoServer.start();
             RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK)) {
            String key = moto.createKey();
            Map<String, String> env = new HashMap<>(moto.awsEnvironment());
            env.put("AWS_LAMBDA_FUNCTION_NAME", "shop-alarm-to-slack");
            env.put("kmsEncryptedHookUrl", moto.encryptForFunction(key, slack.url("/services/T1/B1/blueprint"), "shop-alarm-to-slack"));
            env.put("slackChannel", "#shop-alerts");

            JarProcess.Result result = JarProcess.run(env, null, EventFiles.path(FOUNDING_SAMPLE).toString());

            assertEquals(0, result.exitCode(), result.all());
            assertEquals(1, slack.requests().size());
            assertEquals("/services/T1/B1/blueprint", slack.requests().get(0).path());
            JsonObject payload = Json.parseObject(slack.requests().get(0).body());
            assertEquals("#shop-alerts", payload.get("channel").getAsString());
            assertEquals(FOUNDING_TEXT, dev.alertrelay.common.testing.SlackText.notification(payload));
        }
    }

    @Test
    void anEventOfAnotherKindExitsWithTheUsageStatus() {
        JarProcess.Result result = JarProcess.run(Map.of(), "{\"detail-type\":\"ECS Task State Change\",\"detail\":{}}", "--dry-run", "-");

        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("not a CloudWatch alarm event"), result.stderr());
    }

    @org.junit.jupiter.api.Test
    void theJarShipsUrlConnectionClientAsItsOnlyHttpClientAndStaysUnder20Mb() {
        dev.alertrelay.common.testing.JarContents.assertShipsOnlyUrlConnectionClient(dev.alertrelay.common.testing.JarProcess.jar(),
                dev.alertrelay.common.testing.JarContents.WITH_APP_MODE_MAX_BYTES);
    }
}
