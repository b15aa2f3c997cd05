package dev.alertrelay.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.RecordingHttpServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One storm of mixed alarms through the shaded jar and examples/routes.json: three teams' channels, each its own. */
class RoutingJarIT {

    @Test
    void aMixedStormIsSplitIntoEachTeamsChannelWithItsMention() throws IOException {
        JsonObject storm = Json.parseObject(EventFiles.text("alarm-sqs-storm.json"));
        JsonArray records = storm.getAsJsonArray("Records");
        JsonObject platform = records.get(0).getAsJsonObject().deepCopy();
        JsonObject body = Json.parseObject(Json.string(platform, "body"));
        JsonObject alarm = Json.parseObject(Json.string(body, "Message"));
        alarm.addProperty("AlarmName", "edge-alb-no-healthy-hosts");
        alarm.addProperty("AWSAccountId", "111122223333");
        alarm.addProperty("AlarmArn", "arn:aws:cloudwatch:ap-northeast-1:111122223333:alarm:edge-alb-no-healthy-hosts");
        body.addProperty("Message", Json.toJson(alarm));
        platform.addProperty("body", Json.toJson(body));
        platform.addProperty("messageId", "edge-1");
        records.add(platform);

        try (RecordingHttpServer slack = RecordingHttpServer.start(RecordingHttpServer.SLACK_OK)) {
            Map<String, String> env = new HashMap<>();
            env.put("ROUTES", Files.readString(Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("examples/routes.json")));
            env.put("SLACK_WEBHOOK_URL", slack.url("/services/T0/B0/default"));
            env.put("SLACK_WEBHOOK_URL_PAYMENTS", slack.url("/services/T0/B0/payments"));
            env.put("SLACK_WEBHOOK_URL_SEARCH", slack.url("/services/T0/B0/search"));
            env.put("SLACK_WEBHOOK_URL_PLATFORM", slack.url("/services/T0/B0/platform"));
            env.put("PAGERDUTY_ROUTING_KEY_PAYMENTS", "unused-here");
            env.put("PAGERDUTY_ROUTING_KEY_EDGE", "unused-here");
            JarProcess.Result result = JarProcess.run(env, Json.toJson(storm), "-");

            assertEquals(0, result.exitCode(), result.all());
            Map<String, List<String>> byChannel = slack.requests().stream().collect(Collectors.groupingBy(
                    request -> request.path().substring(request.path().lastIndexOf('/') + 1),
                    Collectors.mapping(request -> Json.string(Json.parseObject(request.body()), "text"), Collectors.toList())));
            assertEquals(3, byChannel.size(), byChannel.toString());
            assertTrue(byChannel.get("payments").get(0).startsWith("<!subteam^S0PAYMENTS> ALARM storm: 3 alarms in ALARM"), byChannel.toString());
            assertTrue(byChannel.get("default").get(0).startsWith("ALARM storm: 4 alarms in ALARM"), byChannel.toString());
            assertTrue(byChannel.get("platform").get(0).startsWith("<!subteam^S0PLATFORM> [prod-edge (111122223333), prod] ALARM: edge-alb-no-healthy-hosts"), byChannel.toString());
            assertTrue(result.stderr().contains("-> route") || result.stderr().contains(" to SLACK_WEBHOOK_URL_PAYMENTS"), result.stderr());
        }
    }
}
