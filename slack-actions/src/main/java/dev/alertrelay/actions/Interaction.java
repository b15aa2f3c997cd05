package dev.alertrelay.actions;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A verified Slack interactivity request, as far as this app reads it
 * (https://api.slack.com/reference/interaction-payloads/block-actions-payload): the form field {@code payload} holds
 * JSON; of a {@code block_actions} payload, the workspace, who clicked, where, and the first action. Unknown fields
 * are ignored; a field this needs that is absent makes the request malformed.
 *
 * @param teamId     the workspace ({@code team.id}, or {@code user.team_id} when Slack sends no team)
 * @param teamDomain the workspace's domain, for the thread's permalink; may be null
 * @param messageTs  the clicked message ({@code container.message_ts}, or {@code message.ts})
 * @param actionTs   the click's own timestamp: the same in every delivery of this click
 */
record Interaction(String type, String teamId, String teamDomain, String userId, String userName, String channelId,
                   String messageTs, String actionId, String value, String actionTs) {

    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    static Interaction parse(byte[] formBody) throws Malformed {
        String payload = formField(new String(formBody, StandardCharsets.UTF_8), "payload")
                .orElseThrow(() -> new Malformed("no payload field"));
        JsonObject json;
        try {
            json = Json.parseObject(payload);
        } catch (RuntimeException e) {
            throw new Malformed("a payload that is not a JSON object");
        }
        String type = string(json, "type");
        if (type == null) {
            throw new Malformed("a payload without a type");
        }
        JsonObject team = object(json, "team");
        JsonObject user = object(json, "user");
        JsonObject channel = object(json, "channel");
        JsonObject container = object(json, "container");
        JsonObject message = object(json, "message");
        JsonObject action = json.get("actions") instanceof com.google.gson.JsonArray actions && !actions.isEmpty()
                && actions.get(0) instanceof JsonObject first ? first : null;
        String teamId = team != null && string(team, "id") != null ? string(team, "id") : user == null ? null : string(user, "team_id");
        String channelId = channel != null && string(channel, "id") != null ? string(channel, "id")
                : container == null ? null : string(container, "channel_id");
        String messageTs = container != null && string(container, "message_ts") != null ? string(container, "message_ts")
                : message == null ? null : string(message, "ts");
        String userName = user == null ? null : string(user, "username") != null ? string(user, "username") : string(user, "name");
        return new Interaction(type, teamId, team == null ? null : string(team, "domain"), user == null ? null : string(user, "id"),
                userName, channelId, messageTs, action == null ? null : string(action, "action_id"),
                action == null ? null : string(action, "value"), action == null ? null : string(action, "action_ts"));
    }

    boolean isBlockActions() {
        return "block_actions".equals(type);
    }

    /** Whether everything a button click needs is there. */
    boolean isCompleteClick() {
        return userId != null && channelId != null && messageTs != null && actionId != null && value != null && actionTs != null;
    }

    /**
     * The thread's permalink (https://api.slack.com/methods/chat.getPermalink gives the same form): where the
     * on-call lands from the incident. Null when the workspace's domain is unknown.
     */
    String threadPermalink() {
        if (teamDomain == null || !teamDomain.matches("[a-z0-9-]{1,64}") || !messageTs.matches("[0-9]{1,12}\\.[0-9]{1,9}")) {
            return null;
        }
        return "https://" + teamDomain + ".slack.com/archives/" + channelId + "/p" + messageTs.replace(".", "");
    }

    private static Optional<String> formField(String form, String name) throws Malformed {
        for (String pair : form.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (key.equals(name)) {
                try {
                    return Optional.of(URLDecoder.decode(equals < 0 ? "" : pair.substring(equals + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new Malformed("a payload field that is not URL-encoded");
                }
            }
        }
        return Optional.empty();
    }

    private static JsonObject object(JsonObject json, String name) {
        return json.get(name) instanceof JsonObject object ? object : null;
    }

    private static String string(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }
}
