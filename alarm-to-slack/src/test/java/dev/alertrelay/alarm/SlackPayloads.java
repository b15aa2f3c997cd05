package dev.alertrelay.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a webhook payload the way a person reads the message: its notification, header, sections, fields, buttons. */
final class SlackPayloads {

    private SlackPayloads() {
    }

    static String text(JsonObject payload) {
        return dev.alertrelay.common.testing.SlackText.notification(payload);
    }

    static String color(JsonObject payload) {
        return attachment(payload).get("color").getAsString();
    }

    static String header(JsonObject payload) {
        for (JsonObject block : blocks(payload)) {
            if (block.get("type").getAsString().equals("header")) {
                return block.getAsJsonObject("text").get("text").getAsString();
            }
        }
        throw new AssertionError("no header in " + payload);
    }

    /** The mrkdwn of every section that has text, in order. */
    static List<String> sections(JsonObject payload) {
        List<String> texts = new ArrayList<>();
        for (JsonObject block : blocks(payload)) {
            if (block.get("type").getAsString().equals("section") && block.has("text")) {
                texts.add(block.getAsJsonObject("text").get("text").getAsString());
            }
        }
        return texts;
    }

    /** Field label to field value (mrkdwn), in order. */
    static Map<String, String> fields(JsonObject payload) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonObject block : blocks(payload)) {
            if (block.has("fields")) {
                for (JsonElement field : block.getAsJsonArray("fields")) {
                    String text = field.getAsJsonObject().get("text").getAsString();
                    int newline = text.indexOf('\n');
                    fields.put(text.substring(1, newline - 1), text.substring(newline + 1));
                }
            }
        }
        return fields;
    }

    /** Button text to URL, in order. */
    static Map<String, String> buttons(JsonObject payload) {
        Map<String, String> buttons = new LinkedHashMap<>();
        for (JsonObject block : blocks(payload)) {
            if (block.get("type").getAsString().equals("actions")) {
                for (JsonElement element : block.getAsJsonArray("elements")) {
                    JsonObject button = element.getAsJsonObject();
                    buttons.put(button.getAsJsonObject("text").get("text").getAsString(), button.get("url").getAsString());
                }
            }
        }
        return buttons;
    }

    static List<JsonObject> blocks(JsonObject payload) {
        List<JsonObject> blocks = new ArrayList<>();
        JsonArray array = attachment(payload).getAsJsonArray("blocks");
        array.forEach(block -> blocks.add(block.getAsJsonObject()));
        return blocks;
    }

    private static JsonObject attachment(JsonObject payload) {
        return payload.getAsJsonArray("attachments").get(0).getAsJsonObject();
    }
}
