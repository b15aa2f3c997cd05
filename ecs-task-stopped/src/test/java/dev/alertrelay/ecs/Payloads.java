package dev.alertrelay.ecs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/** What a reader sees in a webhook payload, for assertions: every text in the attachment's blocks, and its buttons. */
final class Payloads {

    private Payloads() {
    }

    static JsonArray attachmentBlocks(JsonObject payload) {
        return payload.getAsJsonArray("attachments").get(0).getAsJsonObject().getAsJsonArray("blocks");
    }

    static String color(JsonObject payload) {
        return payload.getAsJsonArray("attachments").get(0).getAsJsonObject().get("color").getAsString();
    }

    static String header(JsonObject payload) {
        return attachmentBlocks(payload).get(0).getAsJsonObject().getAsJsonObject("text").get("text").getAsString();
    }

    /** All block texts joined by newlines, as they would read on screen (mrkdwn source). */
    static String visibleText(JsonObject payload) {
        StringBuilder out = new StringBuilder();
        collectTexts(attachmentBlocks(payload), out);
        return out.toString();
    }

    static List<String> buttonUrls(JsonObject payload) {
        List<String> urls = new ArrayList<>();
        for (JsonElement block : attachmentBlocks(payload)) {
            JsonObject object = block.getAsJsonObject();
            if ("actions".equals(object.get("type").getAsString())) {
                object.getAsJsonArray("elements").forEach(e -> urls.add(e.getAsJsonObject().get("url").getAsString()));
            }
        }
        return urls;
    }

    private static void collectTexts(JsonElement element, StringBuilder out) {
        if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> collectTexts(e, out));
        } else if (element.isJsonObject()) {
            JsonObject object = element.getAsJsonObject();
            if (object.has("text") && object.get("text").isJsonPrimitive()) {
                out.append(object.get("text").getAsString()).append('\n');
            }
            for (var entry : object.entrySet()) {
                if (!entry.getKey().equals("text") || !entry.getValue().isJsonPrimitive()) {
                    collectTexts(entry.getValue(), out);
                }
            }
        }
    }
}
