package dev.alertrelay.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.text.Truncate;

import java.util.List;

/**
 * Block Kit blocks with Slack's limits enforced as they are built, so no formatter can produce a block Slack rejects.
 * Limits: https://api.slack.com/reference/block-kit/blocks
 */
public final class Blocks {

    public static final int HEADER_MAX = 150;
    public static final int SECTION_TEXT_MAX = 3000;
    public static final int SECTION_FIELDS_MAX = 10;
    public static final int FIELD_TEXT_MAX = 2000;
    public static final int CONTEXT_ELEMENTS_MAX = 10;
    public static final int CONTEXT_TEXT_MAX = 2000;
    public static final int ACTIONS_ELEMENTS_MAX = 25;
    public static final int BUTTON_TEXT_MAX = 75;
    public static final int BUTTON_URL_MAX = 3000;
    public static final int BUTTON_VALUE_MAX = 2000;
    public static final int ACTION_ID_MAX = 255;
    public static final int CONFIRM_TEXT_MAX = 300;

    private Blocks() {
    }

    /** A header: plain text (no escaping needed), at most 150 chars. */
    public static JsonObject header(String plainText) {
        JsonObject block = type("header");
        block.add("text", plainText(Truncate.toLength(nonBlank(plainText), HEADER_MAX)));
        return block;
    }

    /** A section with mrkdwn text, at most 3000 chars. */
    public static JsonObject section(Mrkdwn text) {
        JsonObject block = type("section");
        block.add("text", mrkdwn(text, SECTION_TEXT_MAX));
        return block;
    }

    /** A section of label/value fields: at most 10, each at most 2000 chars; extra fields are dropped. */
    public static JsonObject fields(List<Field> fields) {
        JsonObject block = type("section");
        JsonArray array = new JsonArray();
        for (Field field : fields.subList(0, Math.min(fields.size(), SECTION_FIELDS_MAX))) {
            array.add(mrkdwn(Mrkdwn.bold(field.label()).thenTrusted("\n").then(field.value()), FIELD_TEXT_MAX));
        }
        block.add("fields", array);
        return block;
    }

    /** A context line of small mrkdwn elements, at most 10. */
    public static JsonObject context(List<Mrkdwn> elements) {
        JsonObject block = type("context");
        JsonArray array = new JsonArray();
        for (Mrkdwn element : elements) {
            if (array.size() == CONTEXT_ELEMENTS_MAX) {
                break;
            }
            if (!element.isEmpty()) {
                array.add(mrkdwn(element, CONTEXT_TEXT_MAX));
            }
        }
        if (array.isEmpty()) {
            array.add(mrkdwn(Mrkdwn.trusted(" "), CONTEXT_TEXT_MAX));
        }
        block.add("elements", array);
        return block;
    }

    public static JsonObject divider() {
        return type("divider");
    }

    /**
     * A row of link buttons, at most 25. A button whose URL exceeds Slack's 3000-char limit is left out rather than
     * sent broken.
     */
    public static JsonObject actions(List<LinkButton> buttons) {
        JsonObject block = type("actions");
        JsonArray elements = new JsonArray();
        for (LinkButton button : buttons) {
            if (elements.size() == ACTIONS_ELEMENTS_MAX) {
                break;
            }
            if (button.url() == null || button.url().length() > BUTTON_URL_MAX) {
                continue;
            }
            JsonObject element = type("button");
            element.add("text", plainText(Truncate.toLength(nonBlank(button.text()), BUTTON_TEXT_MAX)));
            element.addProperty("url", button.url());
            element.addProperty("action_id", "link-" + elements.size());
            if (button.style() != null) {
                element.addProperty("style", button.style());
            }
            elements.add(element);
        }
        block.add("elements", elements);
        return block;
    }

    /**
     * A row of buttons that send a click to the Slack app's interactivity URL, at most 25. The block carries
     * {@code blockId} so the app finds it again; a button whose value or action id exceeds Slack's limits is left out
     * rather than sent broken.
     */
    public static JsonObject buttons(String blockId, List<ActionButton> buttons) {
        JsonObject block = type("actions");
        block.addProperty("block_id", blockId);
        JsonArray elements = new JsonArray();
        for (ActionButton button : buttons) {
            if (elements.size() == ACTIONS_ELEMENTS_MAX) {
                break;
            }
            if (button.value().length() > BUTTON_VALUE_MAX || button.actionId().length() > ACTION_ID_MAX) {
                continue;
            }
            JsonObject element = type("button");
            element.add("text", plainText(Truncate.toLength(nonBlank(button.text()), BUTTON_TEXT_MAX)));
            element.addProperty("action_id", button.actionId());
            element.addProperty("value", button.value());
            if (button.style() != null) {
                element.addProperty("style", button.style());
            }
            if (button.confirm() != null) {
                JsonObject confirm = new JsonObject();
                confirm.add("title", plainText("Are you sure?"));
                confirm.add("text", plainText(Truncate.toLength(nonBlank(button.confirm()), CONFIRM_TEXT_MAX)));
                confirm.add("confirm", plainText(Truncate.toLength(nonBlank(button.text()), 30)));
                confirm.add("deny", plainText("Cancel"));
                element.add("confirm", confirm);
            }
            elements.add(element);
        }
        block.add("elements", elements);
        return block;
    }

    /** True for an actions block that ended up with no buttons (Slack rejects those). */
    static boolean isEmptyActions(JsonObject block) {
        return "actions".equals(block.get("type").getAsString()) && block.getAsJsonArray("elements").isEmpty();
    }

    private static JsonObject mrkdwn(Mrkdwn text, int max) {
        JsonObject object = new JsonObject();
        object.addProperty("type", "mrkdwn");
        String rendered = text.render(max);
        object.addProperty("text", rendered.isBlank() ? " " : rendered);
        return object;
    }

    private static JsonObject plainText(String text) {
        JsonObject object = new JsonObject();
        object.addProperty("type", "plain_text");
        object.addProperty("text", text);
        object.addProperty("emoji", true);
        return object;
    }

    private static JsonObject type(String type) {
        JsonObject object = new JsonObject();
        object.addProperty("type", type);
        return object;
    }

    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? "-" : text.strip();
    }

    /** A field of a fields section: a plain label and a mrkdwn value. */
    public record Field(String label, Mrkdwn value) {
        public static Field of(String label, String untrustedValue) {
            return new Field(label, Mrkdwn.text(untrustedValue));
        }
    }

    /**
     * A button the Slack app answers: {@code actionId} says what it does, {@code value} what it acts on; {@code style}
     * is null, "primary" or "danger"; {@code confirm}, if not null, is asked before the click is sent (plain text).
     */
    public record ActionButton(String text, String actionId, String value, String style, String confirm) {
    }

    /** A button that opens a URL; {@code style} is null, "primary" or "danger". */
    public record LinkButton(String text, String url, String style) {
        public static LinkButton of(String text, String url) {
            return new LinkButton(text, url, null);
        }
    }
}
