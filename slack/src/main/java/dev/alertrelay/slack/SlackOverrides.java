package dev.alertrelay.slack;

import com.google.gson.JsonObject;

import java.util.function.Function;

/**
 * Channel, username and icon overrides from {@code SLACK_CHANNEL}, {@code SLACK_USERNAME}, {@code SLACK_ICON_EMOJI}.
 * Only legacy incoming webhooks honour them; Slack-app webhooks post to their own channel and ignore them.
 */
public record SlackOverrides(String channel, String username, String iconEmoji) {

    public static final SlackOverrides NONE = new SlackOverrides(null, null, null);

    public static SlackOverrides fromEnvironment(Function<String, String> env) {
        return new SlackOverrides(blankToNull(env.apply("SLACK_CHANNEL")), blankToNull(env.apply("SLACK_USERNAME")),
                blankToNull(env.apply("SLACK_ICON_EMOJI")));
    }

    /** A copy with the channel used when none is set (for configurations carried over from other tools). */
    public SlackOverrides withDefaultChannel(String fallbackChannel) {
        return channel != null || blankToNull(fallbackChannel) == null
                ? this : new SlackOverrides(fallbackChannel.strip(), username, iconEmoji);
    }

    void applyTo(JsonObject payload) {
        if (channel != null) {
            payload.addProperty("channel", channel);
        }
        if (username != null) {
            payload.addProperty("username", username);
        }
        if (iconEmoji != null) {
            payload.addProperty("icon_emoji", iconEmoji.startsWith(":") ? iconEmoji : ":" + iconEmoji + ":");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
