package dev.alertrelay.slack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MrkdwnTest {

    @Test
    void untrustedTextHasExactlyAmpersandAndAngleBracketsEscaped() {
        assertEquals("a &amp; b &lt;!channel&gt; *c*", Mrkdwn.text("a & b <!channel> *c*").toString());
    }

    @Test
    void linkInjectionInALabelCannotCloseTheLink() {
        String rendered = Mrkdwn.link("https://example.com/a b", "x> <https://evil|click").toString();
        assertEquals("<https://example.com/a%20b|x&gt; &lt;https://evil\u2223click>", rendered);
    }

    @Test
    void aDateBefore1970IsItsFallbackTextNotAToken() {
        assertEquals("-999999999-01-01 00:00 UTC &amp; later",
                Mrkdwn.date(-31_557_014_135_596_800L, "{date_short_pretty} {time}", "-999999999-01-01 00:00 UTC & later").toString());
    }

    @Test
    void dateTokenCarriesAnEscapedFallback() {
        assertEquals("<!date^1700000000^{date_short_pretty} {time}|2023-11-14 22:13 UTC>",
                Mrkdwn.date(1_700_000_000L, "{date_short_pretty} {time}", "2023-11-14 22:13 UTC").toString());
    }

    @Test
    void truncationNeverSplitsAnEntityAndEndsWithAnEllipsis() {
        String rendered = Mrkdwn.text("&&&&&&&&&&").render(12);
        assertTrue(rendered.length() <= 12, rendered);
        assertTrue(rendered.endsWith("\u2026"), rendered);
        assertFalse(rendered.matches(".*&[a-z]*\u2026"), rendered);
    }

    @Test
    void truncatedCodeBlockKeepsItsClosingFence() {
        String rendered = Mrkdwn.codeBlock("x".repeat(5000)).render(3000);
        assertEquals(3000, rendered.length());
        assertTrue(rendered.startsWith("```\n"));
        assertTrue(rendered.endsWith("\u2026\n```"));
    }

    @Test
    void aLinkThatDoesNotFitIsDroppedWholeNotCut() {
        Mrkdwn text = Mrkdwn.text("see ").then(Mrkdwn.link("https://example.com/" + "p".repeat(100), "console"));
        assertEquals("see \u2026", text.render(20));
    }

    @Test
    void truncationDoesNotSplitASurrogatePair() {
        String rendered = Mrkdwn.text("\uD83D\uDD25".repeat(10)).render(6);
        assertFalse(Character.isHighSurrogate(rendered.charAt(rendered.length() - 2)), rendered);
    }

    @Test
    void backticksInInlineCodeCannotEndTheCodeSpan() {
        assertEquals("`a\u02CBb`", Mrkdwn.code("a`b").toString());
    }

    @Test
    void onlyARealUserIdBecomesAMention() {
        assertEquals("<@U0ALICE001>", Mrkdwn.user("U0ALICE001").toString());
        assertEquals("<@W0ENTERPRISE1>", Mrkdwn.user("W0ENTERPRISE1").toString());

        assertEquals("&lt;!channel&gt;", Mrkdwn.user("<!channel>").toString());
        assertEquals("U0ALICE001&gt; &lt;!here", Mrkdwn.user("U0ALICE001> <!here").toString());
        assertEquals("&lt;@U0ALICE001&gt;", Mrkdwn.user("<@U0ALICE001>").toString());
        assertEquals("u0alice001", Mrkdwn.user("u0alice001").toString());
        assertEquals("C0ALERTS01", Mrkdwn.user("C0ALERTS01").toString(), "a channel is not a person");
        assertEquals("S0PAYMENTS", Mrkdwn.user("S0PAYMENTS").toString(), "nor is a user group");
        assertEquals("U", Mrkdwn.user("U").toString());
        assertEquals("U" + "A".repeat(21), Mrkdwn.user("U" + "A".repeat(21)).toString());
        assertEquals("", Mrkdwn.user(null).toString());
    }
}
