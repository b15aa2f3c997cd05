package dev.alertrelay.logs;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Mixed events through the shaded jar and examples/routes.json: two teams' PagerDuty services, each its own key. */
class RoutingJarIT {

    private static final String PAYMENTS_KEY = "P4ym3ntsP4ym3ntsP4ym3ntsP4ym3nt5";
    private static final String EDGE_KEY = "Edg3Edg3Edg3Edg3Edg3Edg3Edg3Edg3";
    private static final String OWN_KEY = "0wn0wn0wn0wn0wn0wn0wn0wn0wn0wn00";

    @Test
    void eachEventPagesTheRotationItsRouteNames() throws IOException {
        try (RecordingHttpServer pagerDuty = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED)) {
            Map<String, String> env = new HashMap<>();
            env.put("ROUTES", Files.readString(Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("examples/routes.json")));
            env.put("PAGERDUTY_EVENTS_URL", pagerDuty.url("/v2/enqueue"));
            env.put("PAGERDUTY_ROUTING_KEY", OWN_KEY);
            env.put("PAGERDUTY_ROUTING_KEY_PAYMENTS", PAYMENTS_KEY);
            env.put("PAGERDUTY_ROUTING_KEY_EDGE", EDGE_KEY);
            for (String name : List.of("SLACK_WEBHOOK_URL", "SLACK_WEBHOOK_URL_PAYMENTS", "SLACK_WEBHOOK_URL_SEARCH", "SLACK_WEBHOOK_URL_PLATFORM")) {
                env.put(name, "https://hooks.slack.com/services/T0/B0/" + name);
            }

            LogsSubscriptionBatch payments = LogBatches.inGroup("/aws/lambda/payments-api", "ERROR card declined for order 42");
            JarProcess.Result logs = JarProcess.run(env, LogBatches.subscriptionEvent(new LogsSubscriptionBatch("999988887777",
                    payments.logGroup(), payments.logStream(), "DATA_MESSAGE", payments.logEvents())), "-");
            assertEquals(0, logs.exitCode(), logs.all());

            JsonObject event = Json.parseObject(EventFiles.text("logs-alarm-sns-alarm.json"));
            JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
            JsonObject alarm = Json.parseObject(Json.string(sns, "Message"));
            alarm.addProperty("AlarmName", "edge-alb-5xx");
            alarm.addProperty("AWSAccountId", "111122223333");
            alarm.addProperty("AlarmArn", "arn:aws:cloudwatch:eu-west-1:111122223333:alarm:edge-alb-5xx");
            JsonObject trigger = alarm.getAsJsonObject("Trigger");
            trigger.addProperty("Namespace", "AWS/ApplicationELB");
            sns.addProperty("Message", Json.toJson(alarm));
            JarProcess.Result edge = JarProcess.run(env, Json.toJson(event), "-");
            assertEquals(0, edge.exitCode(), edge.all());

            List<String> keys = pagerDuty.requests().stream().map(request -> Json.string(Json.parseObject(request.body()), "routing_key")).toList();
            assertEquals(List.of(PAYMENTS_KEY, EDGE_KEY), keys);
            for (String key : List.of(PAYMENTS_KEY, EDGE_KEY, OWN_KEY)) {
                assertFalse((logs.all() + edge.all()).contains(key), "a routing key reached the output");
            }
        }
    }
}
