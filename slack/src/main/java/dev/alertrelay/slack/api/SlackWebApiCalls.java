package dev.alertrelay.slack.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.slack.SlackMessage;

/** The JSON arguments of the Web API calls, shared by the real client and the dry run's printout. */
final class SlackWebApiCalls {

    private SlackWebApiCalls() {
    }

    /**
     * https://api.slack.com/methods/chat.postMessage: the message's text, blocks and attachment, with link previews off
     * (a console link's preview is a login page).
     */
    static JsonObject postMessage(String channel, SlackMessage message, String threadTs) {
        JsonObject arguments = message.toPayload(null);
        arguments.addProperty("channel", channel);
        if (threadTs != null) {
            arguments.addProperty("thread_ts", threadTs);
        }
        arguments.addProperty("unfurl_links", false);
        arguments.addProperty("unfurl_media", false);
        return arguments;
    }

    /**
     * https://api.slack.com/methods/chat.update: Slack keeps the old blocks and attachments of a message when the update
     * leaves them out, so the update always names both, empty if need be.
     */
    static JsonObject update(SlackWebApi.PostedMessage original, SlackMessage message) {
        JsonObject arguments = message.toPayload(null);
        arguments.addProperty("channel", original.channel());
        arguments.addProperty("ts", original.ts());
        for (String replaced : new String[] {"blocks", "attachments"}) {
            if (!arguments.has(replaced)) {
                arguments.add(replaced, new JsonArray());
            }
        }
        return arguments;
    }

    /** https://api.slack.com/methods/chat.postEphemeral: a message only {@code user} sees, in {@code channel}. */
    static JsonObject postEphemeral(String channel, String user, SlackMessage message) {
        JsonObject arguments = message.toPayload(null);
        arguments.addProperty("channel", channel);
        arguments.addProperty("user", user);
        return arguments;
    }
}
