package dev.alertrelay.slack;

import com.google.gson.JsonObject;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Prints the payload instead of posting it, and a Block Kit Builder link that shows it as Slack renders it. */
final class DryRunSlackSender implements SlackSender {

    private final SlackOverrides overrides;

    DryRunSlackSender(SlackOverrides overrides) {
        this.overrides = overrides;
    }

    @Override
    public void send(SlackMessage message, Deadline deadline) {
        JsonObject payload = message.toPayload(overrides);
        DryRun.print(payload);
        System.err.println("Notification text (the Block Kit Builder does not show it): " + message.text());
        System.err.println("Block Kit Builder: " + blockKitBuilderLink(payload));
    }

    /** https://app.slack.com/block-kit-builder/ opens the payload given as URL-encoded JSON in its fragment. */
    static String blockKitBuilderLink(JsonObject payload) {
        JsonObject preview = new JsonObject();
        for (String key : new String[] {"blocks", "attachments"}) {
            if (payload.has(key)) {
                preview.add(key, payload.get(key));
            }
        }
        return "https://app.slack.com/block-kit-builder/#"
                + URLEncoder.encode(Json.toJson(preview), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
