package dev.alertrelay.actions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Slack's interactivity requests as a function URL delivers them, signed like Slack signs them. */
final class SignedClicks {

    static final String TEAM = "T0TESTTEAM";

    private SignedClicks() {
    }

    /** A click on {@code actionId} of the message {@code messageTs}, whose button's value is {@code threadId}. */
    static JsonObject click(String secret, long epochSeconds, String actionId, String threadId, String channel, String messageTs,
                            String user, String actionTs) {
        return signed(secret, epochSeconds, form(payload(actionId, threadId, channel, messageTs, user, actionTs, TEAM)));
    }

    static JsonObject payload(String actionId, String threadId, String channel, String messageTs, String user, String actionTs,
                              String team) {
        JsonObject payload = new JsonObject();
        payload.addProperty("type", "block_actions");
        JsonObject teamObject = new JsonObject();
        teamObject.addProperty("id", team);
        teamObject.addProperty("domain", "example-shop");
        payload.add("team", teamObject);
        JsonObject userObject = new JsonObject();
        userObject.addProperty("id", user);
        userObject.addProperty("username", user.toLowerCase());
        payload.add("user", userObject);
        JsonObject container = new JsonObject();
        container.addProperty("type", "message");
        container.addProperty("message_ts", messageTs);
        container.addProperty("channel_id", channel);
        payload.add("container", container);
        JsonObject channelObject = new JsonObject();
        channelObject.addProperty("id", channel);
        payload.add("channel", channelObject);
        JsonObject action = new JsonObject();
        action.addProperty("type", "button");
        action.addProperty("action_id", actionId);
        action.addProperty("value", threadId);
        action.addProperty("action_ts", actionTs);
        JsonArray actions = new JsonArray();
        actions.add(action);
        payload.add("actions", actions);
        payload.addProperty("unknown_field_slack_may_add", true);
        return payload;
    }

    static String form(JsonObject payload) {
        return "payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8);
    }

    /** The function URL event of a form body, base64-encoded as function URLs deliver form posts. */
    static JsonObject signed(String secret, long epochSeconds, String body) {
        return event(String.valueOf(epochSeconds), SlackSignature.sign(secret, String.valueOf(epochSeconds),
                body.getBytes(StandardCharsets.UTF_8)), body, "POST");
    }

    static JsonObject event(String timestamp, String signature, String body, String method) {
        JsonObject event = new JsonObject();
        event.addProperty("version", "2.0");
        JsonObject headers = new JsonObject();
        headers.addProperty("content-type", "application/x-www-form-urlencoded");
        if (timestamp != null) {
            headers.addProperty("x-slack-request-timestamp", timestamp);
        }
        if (signature != null) {
            headers.addProperty("x-slack-signature", signature);
        }
        event.add("headers", headers);
        JsonObject http = new JsonObject();
        http.addProperty("method", method);
        JsonObject context = new JsonObject();
        context.add("http", http);
        event.add("requestContext", context);
        event.addProperty("body", Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8)));
        event.addProperty("isBase64Encoded", true);
        return event;
    }
}
