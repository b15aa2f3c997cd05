package dev.alertrelay.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.text.Truncate;

import java.util.ArrayList;
import java.util.List;

/**
 * An incoming-webhook payload: a top-level {@code text} (the phone notification and screen-reader fallback), optional
 * top-level blocks, and a coloured attachment holding the detail blocks.
 *
 * <p>Slack allows at most 50 blocks in a message; blocks past that are replaced by a context line saying how many
 * were left out. https://api.slack.com/reference/block-kit/blocks
 */
public final class SlackMessage {

    public static final int MAX_BLOCKS = 50;
    /** Slack truncates top-level text past 40,000 chars; a notification line should be far shorter anyway. */
    public static final int TEXT_MAX = 3000;

    public static final String COLOR_DANGER = "#D0021B";
    public static final String COLOR_WARNING = "#F5A623";
    public static final String COLOR_GOOD = "#2EB67D";
    public static final String COLOR_NEUTRAL = "#9B9B9B";

    private final String text;
    private final List<JsonObject> blocks;
    private final String color;
    private final List<JsonObject> attachmentBlocks;

    private SlackMessage(Builder builder) {
        this.text = Mrkdwn.text(builder.text == null || builder.text.isBlank() ? "alert-relay notification" : builder.text)
                .render(TEXT_MAX);
        List<JsonObject> top = withoutEmptyActions(builder.blocks);
        List<JsonObject> attached = withoutEmptyActions(builder.attachmentBlocks);
        int room = MAX_BLOCKS - top.size();
        if (top.size() > MAX_BLOCKS) {
            top = capped(top, MAX_BLOCKS);
            room = 0;
        }
        this.blocks = top;
        this.attachmentBlocks = attached.size() > room ? capped(attached, room) : attached;
        this.color = builder.color;
    }

    private SlackMessage(String text, List<JsonObject> blocks, String color, List<JsonObject> attachmentBlocks) {
        this.text = text;
        this.blocks = blocks;
        this.color = color;
        this.attachmentBlocks = attachmentBlocks;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The mention forms Slack documents: a user group, a user, {@code @here}, {@code @channel}. */
    private static final java.util.regex.Pattern MENTION =
            java.util.regex.Pattern.compile("<(?:!subteam\\^[A-Z0-9]{1,20}|@[UW][A-Z0-9]{1,20}|!here|!channel)>");

    /**
     * This message with {@code mentions} (a route's, such as {@code <!subteam^S0PAYMENTS>}) in front of its
     * notification text and as its first block, so that the people named are notified on their phones. Mentions come
     * from the routes document, not from events; anything not of a documented mention form is shown escaped, never
     * as a mention.
     */
    public SlackMessage withMentions(List<String> mentions) {
        if (mentions.isEmpty()) {
            return this;
        }
        List<String> rendered = mentions.stream()
                .map(mention -> MENTION.matcher(mention).matches() ? mention : Mrkdwn.escape(mention)).toList();
        String joined = String.join(" ", rendered);
        String newText = Truncate.toLength(joined + " " + text, TEXT_MAX);
        List<JsonObject> newBlocks = new ArrayList<>();
        newBlocks.add(Blocks.section(Mrkdwn.trusted(joined)));
        newBlocks.addAll(blocks);
        List<JsonObject> attached = attachmentBlocks;
        if (newBlocks.size() + attached.size() > MAX_BLOCKS) {
            attached = capped(attached, MAX_BLOCKS - newBlocks.size());
        }
        return new SlackMessage(newText, List.copyOf(newBlocks), color, attached);
    }

    /**
     * This message labelled with the account it is about, as a platform team names it: {@code [prod-payments prod]} in
     * front of the notification text (it reads first on a phone) and a context line above the rest.
     */
    public SlackMessage withAccount(String label, String environment) {
        String tag = environment == null ? label : label + ", " + environment;
        String newText = Truncate.toLength(Mrkdwn.text("[" + tag + "] ").render(TEXT_MAX) + text, TEXT_MAX);
        List<JsonObject> newBlocks = new ArrayList<>();
        newBlocks.add(Blocks.context(List.of(Mrkdwn.text("Account " + label + (environment == null ? "" : " \u00b7 " + environment)))));
        newBlocks.addAll(blocks);
        List<JsonObject> attached = attachmentBlocks;
        if (newBlocks.size() + attached.size() > MAX_BLOCKS) {
            attached = capped(attached, MAX_BLOCKS - newBlocks.size());
        }
        return new SlackMessage(newText, List.copyOf(newBlocks), color, attached);
    }

    /**
     * This message with every link (buttons, and {@code <url|label>} in mrkdwn) passed through {@code rewrite}: console
     * links opened through the organization's access portal. A rewritten link longer than Slack allows a button is
     * left as it was.
     */
    public SlackMessage withLinks(java.util.function.UnaryOperator<String> rewrite) {
        return new SlackMessage(text, rewritten(blocks, rewrite), color, rewritten(attachmentBlocks, rewrite));
    }

    private static List<JsonObject> rewritten(List<JsonObject> blocks, java.util.function.UnaryOperator<String> rewrite) {
        List<JsonObject> copies = new ArrayList<>(blocks.size());
        for (JsonObject block : blocks) {
            JsonObject copy = block.deepCopy();
            rewriteIn(copy, rewrite);
            copies.add(copy);
        }
        return List.copyOf(copies);
    }

    private static void rewriteIn(com.google.gson.JsonElement element, java.util.function.UnaryOperator<String> rewrite) {
        if (element instanceof JsonArray array) {
            array.forEach(item -> rewriteIn(item, rewrite));
            return;
        }
        if (!(element instanceof JsonObject object)) {
            return;
        }
        if ("button".equals(stringOf(object, "type")) && stringOf(object, "url") != null) {
            String url = rewrite.apply(stringOf(object, "url"));
            if (url.length() <= Blocks.BUTTON_URL_MAX) {
                object.addProperty("url", url);
            }
        }
        if ("mrkdwn".equals(stringOf(object, "type")) && stringOf(object, "text") != null) {
            object.addProperty("text", rewriteLinks(stringOf(object, "text"), rewrite));
        }
        for (String key : List.copyOf(object.keySet())) {
            com.google.gson.JsonElement child = object.get(key);
            if (child.isJsonObject() || child.isJsonArray()) {
                rewriteIn(child, rewrite);
            }
        }
    }

    /** {@code <https://...|label>} links in mrkdwn, read once left to right; the new URL's {@code &} escaped as mrkdwn wants. */
    private static String rewriteLinks(String mrkdwn, java.util.function.UnaryOperator<String> rewrite) {
        StringBuilder out = new StringBuilder(mrkdwn.length());
        int at = 0;
        while (true) {
            int open = mrkdwn.indexOf("<https://", at);
            int bar = open < 0 ? -1 : mrkdwn.indexOf('|', open);
            int close = bar < 0 ? -1 : mrkdwn.indexOf('>', bar);
            int nextOpen = open < 0 ? -1 : mrkdwn.indexOf('<', open + 1);
            if (open < 0 || bar < 0 || close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                return out.append(mrkdwn, at, mrkdwn.length()).toString();
            }
            String url = mrkdwn.substring(open + 1, bar);
            String replaced = rewrite.apply(url);
            out.append(mrkdwn, at, open + 1).append(replaced.equals(url) ? url : replaced.replace("&", "&amp;"))
                    .append(mrkdwn, bar, close + 1);
            at = close + 1;
        }
    }

    private static String stringOf(JsonObject object, String key) {
        com.google.gson.JsonElement value = object.get(key);
        return value != null && value.isJsonPrimitive() ? value.getAsString() : null;
    }

    /** This message with a context line at the end (something the reader must know, such as invalid routes). */
    public SlackMessage withNote(String untrustedNote) {
        List<JsonObject> newBlocks = new ArrayList<>(blocks.size() >= MAX_BLOCKS ? blocks.subList(0, MAX_BLOCKS - 1) : blocks);
        List<JsonObject> attached = attachmentBlocks;
        newBlocks.add(Blocks.context(List.of(Mrkdwn.italic(untrustedNote))));
        if (newBlocks.size() + attached.size() > MAX_BLOCKS) {
            attached = capped(attached, MAX_BLOCKS - newBlocks.size());
        }
        return new SlackMessage(text, List.copyOf(newBlocks), color, attached);
    }

    /**
     * This message with {@code trailing} blocks at its end (a thread's controls: who acknowledged, the buttons), after
     * the attachment's blocks when it has an attachment; the detail above gives way, never the trailing blocks, when
     * Slack's block limit is reached. A row whose buttons were all left out (a value over Slack's limit) is dropped, as
     * in {@link Builder#build}: Slack rejects a message with an empty actions block.
     */
    public SlackMessage withTrailingBlocks(List<JsonObject> trailing) {
        List<JsonObject> kept = withoutEmptyActions(trailing);
        if (kept.isEmpty()) {
            return this;
        }
        boolean intoAttachment = !attachmentBlocks.isEmpty();
        // The top-level blocks keep at most what leaves room for the trailing ones and one line of the detail.
        List<JsonObject> top = intoAttachment && blocks.size() > MAX_BLOCKS - kept.size() - 1
                ? capped(blocks, MAX_BLOCKS - kept.size() - 1) : blocks;
        List<JsonObject> host = new ArrayList<>(intoAttachment ? attachmentBlocks : top);
        int room = MAX_BLOCKS - (intoAttachment ? top.size() : 0) - kept.size();
        if (host.size() > room) {
            host = new ArrayList<>(capped(host, room));
        }
        host.addAll(kept);
        return intoAttachment ? new SlackMessage(text, top, color, List.copyOf(host))
                : new SlackMessage(text, List.copyOf(host), color, attachmentBlocks);
    }

    /** The message as stored with its thread ({@link #fromPayload} reads it back exactly). */
    public JsonObject toPayload() {
        return toPayload(null);
    }

    /**
     * A message this app posted and stored ({@link #toPayload()}): read back as it was, nothing escaped twice. Anything
     * but text, blocks and one attachment's colour and blocks is left out.
     */
    public static SlackMessage fromPayload(JsonObject payload) {
        String text = payload.has("text") && payload.get("text").isJsonPrimitive() ? payload.get("text").getAsString() : "alert-relay notification";
        List<JsonObject> top = objects(payload.get("blocks"));
        String color = null;
        List<JsonObject> attached = List.of();
        if (payload.get("attachments") instanceof JsonArray attachments && !attachments.isEmpty()
                && attachments.get(0) instanceof JsonObject attachment) {
            color = stringOf(attachment, "color");
            attached = objects(attachment.get("blocks"));
        }
        return new SlackMessage(text, top, color, attached);
    }

    private static List<JsonObject> objects(com.google.gson.JsonElement array) {
        List<JsonObject> objects = new ArrayList<>();
        if (array instanceof JsonArray elements) {
            elements.forEach(element -> {
                if (element instanceof JsonObject object) {
                    objects.add(object.deepCopy());
                }
            });
        }
        return List.copyOf(objects);
    }

    /** The top-level notification text, for tests and logs. */
    public String text() {
        return text;
    }

    /** The webhook payload, with the optional legacy-webhook overrides (app webhooks ignore them). */
    public JsonObject toPayload(SlackOverrides overrides) {
        JsonObject payload = new JsonObject();
        payload.addProperty("text", text);
        if (!blocks.isEmpty()) {
            payload.add("blocks", array(blocks));
        }
        if (!attachmentBlocks.isEmpty()) {
            JsonObject attachment = new JsonObject();
            if (color != null) {
                attachment.addProperty("color", color);
            }
            attachment.add("blocks", array(attachmentBlocks));
            JsonArray attachments = new JsonArray();
            attachments.add(attachment);
            payload.add("attachments", attachments);
        }
        if (overrides != null) {
            overrides.applyTo(payload);
        }
        return payload;
    }

    private static List<JsonObject> withoutEmptyActions(List<JsonObject> blocks) {
        List<JsonObject> kept = new ArrayList<>(blocks.size());
        for (JsonObject block : blocks) {
            if (!Blocks.isEmptyActions(block)) {
                kept.add(block);
            }
        }
        return kept;
    }

    private static List<JsonObject> capped(List<JsonObject> blocks, int max) {
        if (max <= 0) {
            return List.of();
        }
        List<JsonObject> kept = new ArrayList<>(blocks.subList(0, max - 1));
        kept.add(Blocks.context(List.of(Mrkdwn.italic((blocks.size() - max + 1) + " more blocks left out (Slack allows " + MAX_BLOCKS + ")"))));
        return kept;
    }

    private static JsonArray array(List<JsonObject> blocks) {
        JsonArray array = new JsonArray();
        blocks.forEach(array::add);
        return array;
    }

    public static final class Builder {
        private String text;
        private final List<JsonObject> blocks = new ArrayList<>();
        private String color;
        private final List<JsonObject> attachmentBlocks = new ArrayList<>();

        private Builder() {
        }

        /**
         * The notification line, as plain untrusted text. Slack parses the top-level text for mentions and links even
         * when blocks are present, so it is escaped here: a {@code <!channel>} in an alarm name must not ping anyone.
         */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder block(JsonObject block) {
            blocks.add(block);
            return this;
        }

        /** The attachment's colour bar, e.g. {@link #COLOR_DANGER}. */
        public Builder color(String color) {
            this.color = color;
            return this;
        }

        public Builder attachmentBlock(JsonObject block) {
            attachmentBlocks.add(block);
            return this;
        }

        public SlackMessage build() {
            return new SlackMessage(this);
        }
    }
}
