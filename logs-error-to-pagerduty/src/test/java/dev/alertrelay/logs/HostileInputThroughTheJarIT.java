package dev.alertrelay.logs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inputs that used to fail a whole batch (issue 25), through the shaded jar as Lambda runs it, each asserting what
 * the person paged sees: the invocation succeeds, every error pages, no secret leaves. How long each takes against a
 * benign input of the same size is measured by {@code bench/hostile.py}, not here.
 */
class HostileInputThroughTheJarIT {

    private static final String ROUTING_KEY = "R0ut1ngK3yR0ut1ngK3yR0ut1ngK3y00";
    private static final Map<String, String> DRY_RUN = Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY, "AWS_REGION", "eu-west-1");

    @Test
    void aLongJwtInAQuotedAuthorizationHeaderIsHiddenAndEveryOtherErrorStillPages() {
        String jwt = jwt(2400);
        String token = "t".repeat(8 * 1024);
        JarProcess.Result result = dryRun(LogBatches.subscriptionEvent(LogBatches.of(
                "ERROR upstream failed: {\"authorization\":\"Bearer " + jwt + "\"}",
                "ERROR refresh failed: {\"token\":\"" + token + "\"}",
                "ERROR payment declined for order 1234")));
        List<JsonObject> events = events(result);
        assertEquals(3, events.size(), result.all());
        assertFalse(result.all().contains(jwt.substring(0, 200)), "the JWT leaked");
        assertFalse(result.all().contains("t".repeat(64)), "the token leaked");
        assertTrue(events.get(0).toString().contains(Redactor.REDACTED), events.get(0).toString());
    }

    @Test
    void aQuarterMegabyteErrorLineOfShortWordsPagesOnce() {
        StringBuilder line = new StringBuilder("ERROR ");
        while (line.length() < 256 * 1024) {
            line.append("a b c d e f g h ");
        }
        JarProcess.Result result = dryRun(LogBatches.subscriptionEvent(LogBatches.of(line.toString(), line.toString())));
        List<JsonObject> events = events(result);
        assertEquals(1, events.size(), result.stderr());
        assertTrue(summary(events.get(0)).length() <= PagerDutyEvent.SUMMARY_MAX);
    }

    @Test
    void thousandsOfLinesOfRepeatedJwtPrefixesPageAsOneError() {
        String[] lines = new String[1200];
        Arrays.fill(lines, "ERROR bad header " + "eyJ".repeat(300));
        JarProcess.Result result = dryRun(LogBatches.subscriptionEvent(LogBatches.of(lines)));
        List<JsonObject> events = events(result);
        assertEquals(1, events.size(), result.stderr());
        assertEquals(1200, events.get(0).getAsJsonObject("payload").getAsJsonObject("custom_details").get("occurrences").getAsInt());
    }

    @Test
    void anAlarmWhoseArnCarriesAForgedRegionOfKilobytesStillPagesWithoutConsoleLinksThere() {
        String region = "a-".repeat(3000) + "1";
        JsonObject sns = Json.parseObject(read("logs-alarm-sns-alarm.json"));
        JsonObject record = sns.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject alarm = Json.parseObject(Json.string(record, "Message"));
        alarm.addProperty("AlarmArn", "arn:aws:cloudwatch:" + region + ":123456789012:alarm:orders-api-error-lines");
        record.addProperty("Message", Json.toJson(alarm));
        record.addProperty("TopicArn", "arn:aws:sns:" + region + ":123456789012:alert-relay-logs-alarms");
        JarProcess.Result result = dryRun(Json.toJson(sns));
        List<JsonObject> events = events(result);
        assertEquals(1, events.size(), result.stderr());
        assertFalse(result.stdout().contains("a-a-a-a-a-.console"), "a forged region never becomes a console host");
    }

    @Test
    void anAlarmOfMultiByteTextNearTheLimitIsSentWithinPagerDutysLimitCountingTheRoutingKey() {
        JsonObject sns = Json.parseObject(read("logs-alarm-sns-alarm.json"));
        JsonObject record = sns.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns");
        JsonObject alarm = Json.parseObject(Json.string(record, "Message"));
        alarm.addProperty("AlarmDescription", "\u00e9\u4e2d\ud83d\udea8".repeat(158 * 1024 / 4));
        alarm.addProperty("NewStateReason", "\u4e2d".repeat(40 * 1024));
        record.addProperty("Message", Json.toJson(alarm));
        try (RecordingHttpServer server = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED)) {
            JarProcess.Result result = JarProcess.run(Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY,
                    "PAGERDUTY_EVENTS_URL", server.url("/v2/enqueue")), Json.toJson(sns), "-");
            assertEquals(0, result.exitCode(), result.stderr());
            assertEquals(1, server.requests().size());
            int bytes = server.requests().get(0).body().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= PagerDutyEvent.EVENT_MAX_BYTES, bytes + " bytes sent");
        }
    }

    @Test
    void aRoutingKeyThatPagerDutyEchoesInAnyFormNeverReachesTheOutputEvenInPart() {
        String escaped = "{\"message\":\"bad key \\\"" + ROUTING_KEY + "\\\" for " + "x".repeat(600) + "\","
                + "\"url\":\"https:\\/\\/events.pagerduty.com\\/" + ROUTING_KEY + "\"}";
        try (RecordingHttpServer server = RecordingHttpServer.start(RecordingHttpServer.Answer.of(500, "x".repeat(490) + ROUTING_KEY))) {
            server.thenAnswer(RecordingHttpServer.Answer.of(500, "x".repeat(490) + ROUTING_KEY),
                    RecordingHttpServer.Answer.of(503, escaped), RecordingHttpServer.Answer.of(400, escaped));
            JarProcess.Result result = JarProcess.run(Map.of("PAGERDUTY_ROUTING_KEY", ROUTING_KEY,
                            "PAGERDUTY_EVENTS_URL", server.url("/v2/enqueue")), null,
                    EventFiles.path("logs-alarm-sns-alarm.json").toString());
            assertEquals(1, result.exitCode(), result.all());
            assertFalse(result.all().contains(ROUTING_KEY.substring(0, 10)), result.all());
            assertFalse(result.all().contains(ROUTING_KEY.substring(22)), result.all());
        }
    }

    @Test
    void aBatchLargerThanTheMemoryAllowsIsRefusedAsSuchNotCalledInvalidJson() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6 * 1024; i++) {
            lines.add("ERROR order " + i + " failed " + "z".repeat(1000));
        }
        JarProcess.Result result = JarProcess.run(List.of("-Xmx48m"), DRY_RUN,
                LogBatches.subscriptionEvent(LogBatches.of(lines.toArray(String[]::new))), "--dry-run", "-");
        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("decompresses to more than 4194304 bytes"), result.stderr());
        assertTrue(result.stderr().contains("raise MemorySize"), result.stderr());
    }

    private static JarProcess.Result dryRun(String event) {
        JarProcess.Result result = JarProcess.run(DRY_RUN, event, "--dry-run", "-");
        assertEquals(0, result.exitCode(), result.stderr());
        assertFalse(result.all().contains("StackOverflowError"), result.stderr());
        return result;
    }

    private static List<JsonObject> events(JarProcess.Result result) {
        return result.stdout().lines().filter(line -> !line.isBlank()).map(Json::parseObject).toList();
    }

    private static String summary(JsonObject event) {
        return Json.string(event.getAsJsonObject("payload"), "summary");
    }

    /** A JWT-shaped token of about {@code length} characters: header, a long payload, signature. */
    private static String jwt(int length) {
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":\"" + "u".repeat(length * 3 / 4) + "\"}").getBytes(StandardCharsets.UTF_8));
        return "eyJhbGciOiJSUzI1NiJ9." + payload.substring(0, Math.min(payload.length(), length)) + ".c2lnbmF0dXJlc2lnbmF0dXJl";
    }

    private static String read(String sample) {
        try {
            return Files.readString(EventFiles.path(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
