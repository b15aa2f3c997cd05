package dev.alertrelay.slack;

import com.google.gson.JsonObject;
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
}
