package dev.alertrelay.logs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.pagerduty.PagerDutyEvent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks an event against the Events API v2 limits, the way PagerDuty would answer 400:
 * https://developer.pagerduty.com/docs/events-api-v2-overview
 */
final class PagerDutyLimits {

    private static final Set<String> ACTIONS = Set.of("trigger", "acknowledge", "resolve");
    private static final Set<String> SEVERITIES = Set.of("critical", "error", "warning", "info");

    private PagerDutyLimits() {
    }

    static List<String> problems(PagerDutyEvent event) {
        List<String> problems = new ArrayList<>();
        JsonObject body = event.toJson();
        String serialised = Json.toJson(body);
        int bytes = serialised.getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= PagerDutyEvent.EVENT_MAX_BYTES) {
            problems.add("the event is " + bytes + " bytes (PagerDuty accepts less than 512 KB)");
        }
        try {
            Json.parseObject(new String(serialised.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        } catch (InvalidEventException e) {
            problems.add("the serialised event is not valid JSON: " + e.getMessage());
        }
        if (body.has("routing_key")) {
            problems.add("the event carries a routing key; only the sender may add it");
        }
        String action = Json.string(body, "event_action");
        if (!ACTIONS.contains(action)) {
            problems.add("event_action " + action);
        }
        String dedupKey = Json.string(body, "dedup_key");
        if (dedupKey == null || dedupKey.isEmpty() || dedupKey.length() > 255) {
            problems.add("dedup_key of " + (dedupKey == null ? "null" : dedupKey.length() + " chars") + " (1..255)");
        }
        if ("trigger".equals(action)) {
            JsonObject payload = Json.object(body, "payload");
            String summary = Json.string(payload, "summary");
            if (summary == null || summary.isBlank() || summary.length() > PagerDutyEvent.SUMMARY_MAX) {
                problems.add("summary of " + (summary == null ? "null" : summary.length() + " chars") + " (1..1024)");
            }
            if (!SEVERITIES.contains(Json.string(payload, "severity"))) {
                problems.add("severity " + Json.string(payload, "severity"));
            }
            String source = Json.string(payload, "source");
            if (source == null || source.isBlank()) {
                problems.add("no source");
            }
            if (body.has("links")) {
                for (JsonElement link : body.getAsJsonArray("links")) {
                    String href = Json.string(link.getAsJsonObject(), "href");
                    if (href == null || !href.startsWith("https://")) {
                        problems.add("link href is not https: " + href);
                    }
                }
            }
        }
        return problems;
    }

    static void assertValid(PagerDutyEvent event) {
        List<String> problems = problems(event);
        if (!problems.isEmpty()) {
            String json = Json.toJson(event.toJson());
            throw new AssertionError("PagerDuty would reject this event: " + problems + "\n"
                    + (json.length() > 2_000 ? json.substring(0, 2_000) + "..." : json));
        }
    }
}
