package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --dry-run} with a route naming a PagerDuty schedule: the PagerDuty call it would make, and no key read. */
class OnCallDryRunJarIT {

    @Test
    void aDryRunPrintsThePagerDutyCallAndShowsTheScheduleItWouldLookUp() {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", "xoxb-dry-run", "SLACK_CHANNEL_ID", "C0ALERTS01", "ALARM_CHARTS", "off",
                "ROUTES", "{\"routes\":[{\"name\":\"all\",\"match\":{\"alarmName\":[\"*\"]},\"slack\":{\"channel\":\"C0TEAM0001\"},"
                        + "\"oncall\":[\"P0PAYMT\"]}]}",
                // Read, this would fail: no AWS is reachable from the test's clean environment.
                "PAGERDUTY_API_KEY_PARAMETER", "/alert-relay/pagerduty-api-key");

        JarProcess.Result result = JarProcess.run(env, null, "--dry-run", EventFiles.path("alarm-sns-alb-healthyhostcount.json").toString());

        assertEquals(0, result.exitCode(), result.all());
        List<JsonObject> calls = result.stdout().lines().filter(line -> !line.isBlank()).map(Json::parseObject).toList();
        assertEquals(List.of("pagerduty:GET /oncalls", "chat.postMessage"), calls.stream().map(call -> Json.string(call, "method")).toList());
        assertEquals("{\"schedule_ids[]\":[\"P0PAYMT\"],\"include[]\":[\"users\"],\"earliest\":true}",
                Json.toJson(Json.object(calls.get(0), "arguments")));
        assertTrue(Json.toJson(calls.get(1)).contains("On call: PagerDuty schedule P0PAYMT (dry run, PagerDuty not asked)"), result.stdout());
        assertFalse(result.stderr().contains("WARN") || result.stderr().contains("ERROR"), result.stderr());
    }
}
