package dev.alertrelay.common.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a webhook payload against Slack's documented limits and mrkdwn escaping, the way Slack would reject it.
 * https://api.slack.com/reference/block-kit/blocks
 */
public final class BlockKitLimits {

    /**
     * Slack's own tokens are allowed (links, dates, and the mention forms a route may add: a user group, a user,
     * @here, @channel); any other '<' in mrkdwn means untrusted text was not escaped.
     */
    private static final Pattern TOKEN = Pattern.compile("<(https?://[^|<>\\s]+\\|[^<>]*|!date\\^\\d+\\^[^|<>]+\\|[^<>]*"
            + "|!subteam\\^[A-Z0-9]{1,20}|@[UW][A-Z0-9]{1,20}|!here|!channel)>");

    private BlockKitLimits() {
    }

    /** Slack cuts the top-level text past this many characters (https://api.slack.com/methods/chat.postMessage#truncating). */
    private static final int TEXT_MAX = 40_000;

    /** Every problem found; empty when Slack would accept the payload. */
    public static List<String> problems(JsonObject payload) {
        List<String> problems = new ArrayList<>();
        if (!payload.has("text") || payload.get("text").getAsString().isBlank()) {
            problems.add("no top-level text fallback");
        } else {
            // Slack parses the top-level text for mentions and links even when blocks are present.
            checkEscaped("top-level text", payload.get("text").getAsString(), problems);
            checkLength("top-level text", payload.get("text").getAsString(), 1, TEXT_MAX, problems);
        }
        checkSerialises(payload, problems);
        int blocks = 0;
        if (payload.has("blocks")) {
            blocks += checkBlocks(payload.getAsJsonArray("blocks"), problems);
        }
        if (payload.has("attachments")) {
            for (JsonElement attachment : payload.getAsJsonArray("attachments")) {
                JsonObject a = attachment.getAsJsonObject();
                if (a.has("blocks")) {
                    blocks += checkBlocks(a.getAsJsonArray("blocks"), problems);
                }
            }
        }
        if (blocks > 50) {
            problems.add(blocks + " blocks (max 50)");
        }
        return problems;
    }

    public static void assertValid(JsonObject payload) {
        List<String> problems = problems(payload);
        if (!problems.isEmpty()) {
            throw new AssertionError("Slack would reject this payload: " + problems + "\n" + payload);
        }
    }

    private static int checkBlocks(JsonArray blocks, List<String> problems) {
        for (JsonElement element : blocks) {
            JsonObject block = element.getAsJsonObject();
            String type = block.get("type").getAsString();
            switch (type) {
                case "header" -> checkLength("header", block.getAsJsonObject("text").get("text").getAsString(), 1, 150, problems);
                case "section" -> {
                    if (block.has("text")) {
                        checkMrkdwn("section text", block.getAsJsonObject("text"), 3000, problems);
                    }
                    if (block.has("fields")) {
                        JsonArray fields = block.getAsJsonArray("fields");
                        if (fields.size() > 10) {
                            problems.add(fields.size() + " section fields (max 10)");
                        }
                        fields.forEach(f -> checkMrkdwn("field", f.getAsJsonObject(), 2000, problems));
                    }
                    if (!block.has("text") && !block.has("fields")) {
                        problems.add("section without text or fields");
                    }
                }
                case "context" -> {
                    JsonArray elements = block.getAsJsonArray("elements");
                    if (elements.isEmpty() || elements.size() > 10) {
                        problems.add(elements.size() + " context elements (1..10)");
                    }
                    elements.forEach(e -> checkMrkdwn("context element", e.getAsJsonObject(), 3000, problems));
                }
                case "actions" -> {
                    JsonArray elements = block.getAsJsonArray("elements");
                    if (elements.isEmpty() || elements.size() > 25) {
                        problems.add(elements.size() + " action elements (1..25)");
                    }
                    for (JsonElement e : elements) {
                        JsonObject button = e.getAsJsonObject();
                        checkLength("button text", button.getAsJsonObject("text").get("text").getAsString(), 1, 75, problems);
                        if (button.has("url")) {
                            String url = button.get("url").getAsString();
                            checkLength("button url", url, 1, 3000, problems);
                            if (!url.startsWith("https://")) {
                                problems.add("button url is not https: " + url);
                            }
                            try {
                                new URI(url);
                            } catch (URISyntaxException invalid) {
                                problems.add("button url is not a valid URL: " + invalid.getMessage());
                            }
                        }
                    }
                }
                case "divider" -> { }
                default -> problems.add("unexpected block type " + type);
            }
        }
        return blocks.size();
    }

    private static void checkMrkdwn(String what, JsonObject text, int max, List<String> problems) {
        String value = text.get("text").getAsString();
        checkLength(what, value, 1, max, problems);
        if ("mrkdwn".equals(text.get("type").getAsString())) {
            checkEscaped(what, value, problems);
        }
    }

    private static void checkEscaped(String what, String value, List<String> problems) {
        Matcher tokens = TOKEN.matcher(value);
        String withoutTokens = tokens.replaceAll("");
        if (withoutTokens.contains("<") || withoutTokens.contains(">")) {
            problems.add(what + " has unescaped < or >: " + value);
        }
        if (withoutTokens.matches("(?s).*&(?!amp;|lt;|gt;).*")) {
            problems.add(what + " has an unescaped &: " + value);
        }
    }

    /** The payload as the webhook client sends it (UTF-8 JSON) must read back as a JSON object. */
    private static void checkSerialises(JsonObject payload, List<String> problems) {
        String sent = new String(Json.toJson(payload).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        try {
            Json.parseObject(sent);
        } catch (InvalidEventException e) {
            problems.add("the serialised payload is not valid JSON: " + e.getMessage());
        }
    }

    private static void checkLength(String what, String value, int min, int max, List<String> problems) {
        if (value.length() < min || value.length() > max) {
            problems.add(what + " has " + value.length() + " chars (" + min + ".." + max + ")");
        }
    }
}
