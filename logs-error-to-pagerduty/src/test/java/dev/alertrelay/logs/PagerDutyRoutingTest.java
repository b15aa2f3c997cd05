package dev.alertrelay.logs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.pagerduty.Severity;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** examples/routes.json through logs-error-to-pagerduty: each log group's errors page the rotation that owns it. */
class PagerDutyRoutingTest {

    private static final LogsErrorSettings SETTINGS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, "eu-west-1", false, 0);

    private final RecordingPagerDutySender own = new RecordingPagerDutySender();
    private final Map<String, RecordingPagerDutySender> byKey = new TreeMap<>();

    private void run(String event) {
        run(event, Map.of());
    }

    private void run(String event, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        try {
            env.put("ROUTES", Files.readString(Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("examples/routes.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : List.of("SLACK_WEBHOOK_URL", "SLACK_WEBHOOK_URL_PAYMENTS", "SLACK_WEBHOOK_URL_SEARCH",
                "SLACK_WEBHOOK_URL_PLATFORM", "PAGERDUTY_ROUTING_KEY_PAYMENTS", "PAGERDUTY_ROUTING_KEY_EDGE")) {
            env.put(name, "secret-" + name);
        }
        PagerDutyRouting routing = new PagerDutyRouting(RoutesSource.fromEnvironment(env::get, new SecretResolver(env::get)),
                dev.alertrelay.common.routing.AccessPortal.fromEnvironment(env::get), own,
                variable -> byKey.computeIfAbsent(variable, v -> new RecordingPagerDutySender()));
        new LogsErrorToPagerDutyHandler(SETTINGS, routing, false)
                .handleRequest(EventFiles.streamOf(event), new ByteArrayOutputStream(), TestContext.of("logs-error-to-pagerduty"));
    }

    private static String logs(String account, String logGroup) {
        LogsSubscriptionBatch batch = LogBatches.inGroup(logGroup, "ERROR payment declined for order 42");
        return LogBatches.subscriptionEvent(new LogsSubscriptionBatch(account, batch.logGroup(), batch.logStream(), "DATA_MESSAGE",
                batch.logEvents()));
    }

    @Test
    void aTeamsLogGroupPagesItsRotation() {
        run(logs("999988887777", "/aws/lambda/payments-api"));

        assertEquals(List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS"), List.copyOf(byKey.keySet()));
        assertEquals(1, byKey.get("PAGERDUTY_ROUTING_KEY_PAYMENTS").attempted.size());
        assertTrue(own.attempted.isEmpty());
    }

    @Test
    void aLogGroupNoRouteNamesPagesTheFunctionsOwnKeyWhenTheDefaultHasNone() {
        run(logs("999988887777", "/aws/lambda/orders"));

        assertEquals(1, own.attempted.size());
        assertTrue(byKey.isEmpty());
    }

    @Test
    void aQuietAccountsErrorsPageNobody() {
        run(logs("444455556666", "/aws/lambda/payments-api"));

        assertTrue(own.attempted.isEmpty());
        assertTrue(byKey.isEmpty());
    }

    @Test
    void anAlarmThroughSnsPagesTheRouteItsAlarmKeysMatch() {
        JsonObject event = Json.parseObject(EventFiles.text("logs-alarm-sns-alarm.json"));
        JsonObject sns = event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject alarm = Json.parseObject(Json.string(sns, "Message"));
        alarm.addProperty("AlarmName", "checkout-api-errors");
        sns.addProperty("Message", Json.toJson(alarm));
        run(Json.toJson(event));

        assertEquals(List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS"), List.copyOf(byKey.keySet()));
        assertEquals("trigger", byKey.get("PAGERDUTY_ROUTING_KEY_PAYMENTS").attempted.get(0).action());
    }

    @Test
    void theIncidentNamesTheAccountAndItsLinksOpenThroughTheAccessPortal() {
        run(logs("999988887777", "/aws/lambda/payments-api"), Map.of("ACCESS_PORTAL_URL", "https://d-1234567890.awsapps.com/start"));

        JsonObject incident = byKey.get("PAGERDUTY_ROUTING_KEY_PAYMENTS").attempted.get(0).toJson();
        JsonObject payload = incident.getAsJsonObject("payload");
        assertTrue(Json.string(payload, "summary").startsWith("[prod-payments (999988887777), prod] payments-api: "), Json.string(payload, "summary"));
        assertEquals("prod-payments (999988887777)", Json.string(payload.getAsJsonObject("custom_details"), "account"));
        String href = Json.string(incident.getAsJsonArray("links").get(0).getAsJsonObject(), "href");
        assertTrue(href.startsWith("https://d-1234567890.awsapps.com/start/#/console?account_id=999988887777&role_name=PaymentsOnCall&destination=https%3A%2F%2F"), href);
    }
}
