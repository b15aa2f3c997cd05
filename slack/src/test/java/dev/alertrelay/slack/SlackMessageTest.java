package dev.alertrelay.slack;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackMessageTest {

    @Test
    void hugeUntrustedInputStillMakesAMessageSlackAccepts() {
        String huge = "<!channel> & ".repeat(2000);
        List<Blocks.Field> fields = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fields.add(Blocks.Field.of(huge, huge));
        }
        SlackMessage.Builder builder = SlackMessage.builder().text(huge).color(SlackMessage.COLOR_DANGER)
                .block(Blocks.header(huge));
        for (int i = 0; i < 80; i++) {
            builder.attachmentBlock(Blocks.section(Mrkdwn.text(huge)))
                    .attachmentBlock(Blocks.fields(fields))
                    .attachmentBlock(Blocks.context(List.of(Mrkdwn.text(huge), Mrkdwn.code(huge))))
                    .attachmentBlock(Blocks.actions(List.of(Blocks.LinkButton.of(huge, "https://example.com/" + huge))));
        }
        JsonObject payload = builder.build().toPayload(SlackOverrides.NONE);
        BlockKitLimits.assertValid(payload);
    }

    @Test
    void blocksBeyondFiftyAreReplacedByANoteSayingHowManyWereLeftOut() {
        SlackMessage.Builder builder = SlackMessage.builder().text("t").block(Blocks.header("h"));
        for (int i = 0; i < 60; i++) {
            builder.attachmentBlock(Blocks.divider());
        }
        JsonObject payload = builder.build().toPayload(SlackOverrides.NONE);
        var attached = payload.getAsJsonArray("attachments").get(0).getAsJsonObject().getAsJsonArray("blocks");
        assertEquals(49, attached.size());
        assertTrue(attached.get(48).toString().contains("12 more blocks left out"), attached.get(48).toString());
    }

    @Test
    void colourAndFallbackTextAreOnThePayload() {
        JsonObject payload = SlackMessage.builder().text("ALARM: x").color(SlackMessage.COLOR_DANGER)
                .attachmentBlock(Blocks.section(Mrkdwn.text("detail"))).build().toPayload(SlackOverrides.NONE);
        assertEquals("ALARM: x", payload.get("text").getAsString());
        assertEquals("#D0021B", payload.getAsJsonArray("attachments").get(0).getAsJsonObject().get("color").getAsString());
    }

    @Test
    void theNotificationTextIsEscapedSoAnAlarmNameCannotPingTheChannel() {
        JsonObject payload = SlackMessage.builder().text("ALARM: <!channel> & <https://evil|x>").build().toPayload(SlackOverrides.NONE);
        assertEquals("ALARM: &lt;!channel&gt; &amp; &lt;https://evil|x&gt;", payload.get("text").getAsString());
    }

    @Test
    void legacyWebhookOverridesAreAddedOnlyWhenSet() {
        JsonObject plain = SlackMessage.builder().text("t").build().toPayload(SlackOverrides.NONE);
        assertFalse(plain.has("channel"));
        JsonObject overridden = SlackMessage.builder().text("t").build()
                .toPayload(new SlackOverrides("#ops", "alert-relay", "rotating_light"));
        assertEquals("#ops", overridden.get("channel").getAsString());
        assertEquals("alert-relay", overridden.get("username").getAsString());
        assertEquals(":rotating_light:", overridden.get("icon_emoji").getAsString());
    }

    @Test
    void aButtonWithAnOverlongUrlIsLeftOutAndAnEmptyActionsBlockIsDropped() {
        JsonObject payload = SlackMessage.builder().text("t")
                .attachmentBlock(Blocks.actions(List.of(Blocks.LinkButton.of("x", "https://e.com/" + "a".repeat(4000)))))
                .build().toPayload(SlackOverrides.NONE);
        assertFalse(payload.has("attachments"), payload.toString());
    }

    @Test
    void blockKitBuilderLinkCarriesTheBlocksUrlEncoded() {
        JsonObject payload = SlackMessage.builder().text("t").attachmentBlock(Blocks.header("Hello world")).build()
                .toPayload(SlackOverrides.NONE);
        String link = DryRunSlackSender.blockKitBuilderLink(payload);
        assertTrue(link.startsWith("https://app.slack.com/block-kit-builder/#%7B%22attachments%22"), link);
        assertTrue(link.contains("Hello%20world"), link);
    }

    /** A thread's top message as stored: everything a user sees, with hostile text already escaped once. */
    private static SlackMessage storedTop() {
        String hostile = "<!channel> & <https://evil|x> \u65e5\u672c \"quoted\" \\ \uD83D\uDD25";
        return SlackMessage.builder().text("ALARM: " + hostile).color(SlackMessage.COLOR_DANGER)
                .block(Blocks.header(hostile))
                .attachmentBlock(Blocks.section(Mrkdwn.bold(hostile).thenTrusted("\n").then(Mrkdwn.code(hostile))))
                .attachmentBlock(Blocks.fields(List.of(Blocks.Field.of("Reason", hostile), Blocks.Field.of("Region", "eu-west-1"))))
                .attachmentBlock(Blocks.context(List.of(Mrkdwn.date(1_795_230_450L, "{time}", "03:07 UTC"), Mrkdwn.user("U0ALICE001"))))
                .attachmentBlock(Blocks.actions(List.of(Blocks.LinkButton.of("Console", "https://console.aws.amazon.com/?a=1&b=2"))))
                .attachmentBlock(Blocks.buttons("b", List.of(new Blocks.ActionButton("Page", "alert-relay:page", "alarm|x", "danger",
                        "This pages someone."))))
                .build().withMentions(List.of("<!subteam^S0PAYMENTS>")).withAccount("prod-payments", "prod");
    }

    @Test
    void aStoredTopMessageReadsBackByteForByteSoARenderedClickChangesOnlyItsControls() {
        for (SlackMessage message : List.of(storedTop(), SlackMessage.builder().text("plain & simple").build(),
                SlackMessage.builder().text("t").attachmentBlock(Blocks.divider()).build())) {
            String stored = Json.toJson(message.toPayload());

            String readBack = Json.toJson(SlackMessage.fromPayload(Json.parseObject(stored)).toPayload());

            assertEquals(stored, readBack);
            assertEquals(stored, Json.toJson(SlackMessage.fromPayload(Json.parseObject(readBack)).toPayload()), "and again");
        }
        assertTrue(Json.toJson(storedTop().toPayload()).contains("&lt;!channel&gt; &amp;"), "escaped once, not twice");
    }

    private static List<JsonObject> controls() {
        JsonObject handled = Blocks.context(List.of(Mrkdwn.trusted(":raising_hand: Acknowledged by ").then(Mrkdwn.user("U0ALICE001"))));
        JsonObject buttons = Blocks.buttons("alert-relay-actions",
                List.of(new Blocks.ActionButton("Silence 1 h", "alert-relay:silence-1h", "alarm|x", null, null)));
        return List.of(handled, buttons);
    }

    /** The message's top-level blocks and its attachment's blocks, in the order Slack shows them. */
    private static List<JsonArray> blockLists(JsonObject payload) {
        List<JsonArray> lists = new ArrayList<>();
        if (payload.get("blocks") instanceof JsonArray top) {
            lists.add(top);
        }
        if (payload.get("attachments") instanceof JsonArray attachments) {
            lists.add(attachments.get(0).getAsJsonObject().getAsJsonArray("blocks"));
        }
        return lists;
    }

    @Test
    void theControlsStayAtTheEndOfAMessageThatAlreadyHasFiftyBlocks() {
        SlackMessage.Builder attached = SlackMessage.builder().text("t").color(SlackMessage.COLOR_DANGER).block(Blocks.header("h"));
        SlackMessage.Builder topOnly = SlackMessage.builder().text("t");
        for (int i = 0; i < 60; i++) {
            attached.attachmentBlock(Blocks.section(Mrkdwn.text("detail " + i)));
            topOnly.block(Blocks.section(Mrkdwn.text("detail " + i)));
        }
        for (SlackMessage full : List.of(attached.build(), topOnly.build())) {
            JsonObject payload = full.withTrailingBlocks(controls()).toPayload();

            BlockKitLimits.assertValid(payload);
            List<JsonArray> lists = blockLists(payload);
            assertEquals(SlackMessage.MAX_BLOCKS, lists.stream().mapToInt(JsonArray::size).sum(), payload.toString());
            JsonArray last = lists.get(lists.size() - 1);
            assertEquals(controls().get(1), last.get(last.size() - 1));
            assertEquals(controls().get(0), last.get(last.size() - 2));
            assertTrue(last.get(last.size() - 3).toString().contains("more blocks left out"), last.get(last.size() - 3).toString());
        }
    }

    @Test
    void controlsWhoseButtonsWereAllLeftOutAddNoEmptyRowSlackWouldReject() {
        JsonObject noButtons = Blocks.buttons("alert-relay-actions",
                List.of(new Blocks.ActionButton("Acknowledge", "alert-relay:acknowledge", "alarm|" + "x".repeat(Blocks.BUTTON_VALUE_MAX), null, null)));

        JsonObject payload = SlackMessage.builder().text("t").attachmentBlock(Blocks.header("h")).build()
                .withTrailingBlocks(List.of(noButtons)).toPayload();

        BlockKitLimits.assertValid(payload);
        assertFalse(payload.toString().contains("alert-relay-actions"), payload.toString());
    }
}
