package dev.alertrelay.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Buttons the Slack app answers, within Slack's limits by construction. */
class BlocksTest {

    @Test
    void aButtonWhoseValueIsOverSlacksLimitIsLeftOutAndTheOthersStay() {
        JsonObject row = Blocks.buttons("alert-relay-actions", List.of(
                new Blocks.ActionButton("Too long", "alert-relay:acknowledge", "v".repeat(Blocks.BUTTON_VALUE_MAX + 1), null, null),
                new Blocks.ActionButton("Just fits", "alert-relay:silence-1h", "v".repeat(Blocks.BUTTON_VALUE_MAX), null, null),
                new Blocks.ActionButton("Long action id", "a".repeat(Blocks.ACTION_ID_MAX + 1), "v", null, null)));

        JsonArray elements = row.getAsJsonArray("elements");
        assertEquals(1, elements.size(), row.toString());
        assertEquals("alert-relay:silence-1h", elements.get(0).getAsJsonObject().get("action_id").getAsString());
        assertEquals("alert-relay-actions", row.get("block_id").getAsString());
    }

    @Test
    void aButtonThatPagesAsksFirstInPlainText() {
        JsonObject button = Blocks.buttons("b", List.of(new Blocks.ActionButton("Page on-call", "alert-relay:page", "alarm|x", "danger",
                "This triggers a PagerDuty incident <!channel>."))).getAsJsonArray("elements").get(0).getAsJsonObject();

        JsonObject confirm = button.getAsJsonObject("confirm");
        assertEquals("plain_text", confirm.getAsJsonObject("text").get("type").getAsString());
        assertEquals("This triggers a PagerDuty incident <!channel>.", confirm.getAsJsonObject("text").get("text").getAsString());
        assertEquals("danger", button.get("style").getAsString());
    }
}
