package dev.alertrelay.common.testing;

import com.google.gson.JsonObject;

/** Slack text as a reader sees it: Slack shows {@code &lt;}, {@code &gt;} and {@code &amp;} as the characters. */
public final class SlackText {

    private SlackText() {
    }

    public static String asSeen(String escaped) {
        return escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /** The top-level notification line of a payload, as the phone shows it. */
    public static String notification(JsonObject payload) {
        return asSeen(payload.get("text").getAsString());
    }
}
