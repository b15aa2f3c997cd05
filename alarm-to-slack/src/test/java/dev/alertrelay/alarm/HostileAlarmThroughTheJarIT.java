package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Forged and echoing input through the shaded jar (issue 25): the alarm still reaches Slack, no secret reaches a log. */
class HostileAlarmThroughTheJarIT {

    private static final String TOKEN = "Xk2mQ9vL4pZ7wR1tY8uN3bC5";
    private static final String SECRET_PATH = "/services/T0AB12CD3/B0EF45GH6/" + TOKEN;

    @Test
    void anAlarmWhoseArnCarriesAForgedRegionOfKilobytesIsStillPostedWithoutALinkThere() {
        String region = "a-".repeat(3000) + "1";
        JsonObject event = Json.parseObject(EventFiles.text("alarm-sns-alb-healthyhostcount.json"));
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject alarm = Json.parseObject(Json.string(sns, "Message"));
        alarm.addProperty("AlarmArn", "arn:aws:cloudwatch:" + region + ":123456789012:alarm:" + Json.string(alarm, "AlarmName"));
        sns.addProperty("Message", Json.toJson(alarm));
        sns.addProperty("TopicArn", "arn:aws:sns:" + region + ":123456789012:alert-relay-alarms");
        try (RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK)) {
            JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", slack.url(SECRET_PATH)), Json.toJson(event), "-");
            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals(1, slack.requests().size());
            assertFalse(slack.requests().get(0).body().contains("a-a-a-a-.console"), "a forged region never becomes a console host");
        }
    }

    @Test
    void aWebhookThatSlackEchoesEscapedOrInPartNeverReachesTheOutput() {
        String echoed = "{\"error\":\"invalid_payload\",\"url\":\"https:\\/\\/hooks.slack.com\\/services\\/T0AB12CD3\\/B0EF45GH6\\/"
                + TOKEN + "\",\"token\":\"" + TOKEN + "\",\"pad\":\"" + "x".repeat(600) + "\"}";
        try (RecordingHttpServer slack = RecordingHttpServer.start(Answer.of(400, echoed))) {
            JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", slack.url(SECRET_PATH)), null,
                    EventFiles.path("alarm-sns-alb-healthyhostcount.json").toString());
            assertEquals(1, result.exitCode(), result.all());
            assertTrue(result.stderr().contains("invalid_payload"), result.stderr());
            assertFalse(result.all().contains(TOKEN.substring(0, 12)), result.all());
            assertFalse(result.all().contains(TOKEN.substring(12)), result.all());
        }
    }

    @Test
    void anAlarmNameOfTensOfThousandsOfDotsGetsAShortChartFileNameInAppMode() {
        JsonObject event = Json.parseObject(EventFiles.text("alarm-sns-alb-healthyhostcount.json"));
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject alarm = Json.parseObject(Json.string(sns, "Message"));
        alarm.addProperty("AlarmName", "a" + ".".repeat(40_000) + "z");
        alarm.remove("AlarmArn");
        sns.addProperty("Message", Json.toJson(alarm));
        JarProcess.Result result = JarProcess.run(Map.of("SLACK_BOT_TOKEN", "xoxb-1-2-secret", "SLACK_CHANNEL_ID", "C0ALERTS01",
                "ALARM_STATE_TABLE", "threads"), Json.toJson(event), "--dry-run", "-");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("\"filename\":\"a.png\""), "the chart's file name is cut in one pass");
    }
}
