package dev.alertrelay.common.text;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TruncateTest {

    @Test
    void aCutNeverSeparatesALetterFromItsCombiningAccent() {
        assertEquals("abc\u2026", Truncate.toLength("abce\u0301fgh", 5));
    }

    @Test
    void aCutNeverSplitsAnEmojiWithItsSkinToneOrAZeroWidthJoinerSequence() {
        assertEquals("ab\u2026", Truncate.toLength("ab\uD83D\uDC4D\uD83C\uDFFDcd", 5));
        assertEquals("ab\u2026", Truncate.toLength("ab\uD83D\uDC69\u200D\uD83D\uDCBBcd", 6));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        assertEquals("a\u2026", Truncate.toLength("a\uD83D\uDD25\uD83D\uDD25", 3));
    }

    @Test
    void aByteLimitCountsUtf8AndKeepsClustersWhole() {
        String cut = Truncate.toUtf8Bytes("\u65e5\u672c\u8a9ee\u0301\u0301tail", 14);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= 14, cut);
        assertEquals("\u65e5\u672c\u8a9e\u2026", cut);
    }

    /** Strings made of the characters that break naive text code. */
    @Provide
    Arbitrary<String> trickyText() {
        return Arbitraries.of("a", "Z", " ", "\u0301", "\u0308", "\u200D", "\uFE0F", "\uD83D\uDD25", "\uD83C\uDFFD", "\u0130",
                        "\u05e9", "\u200f", "\u0007", "\n", "&", "<", "\uD800", "\uDC00", "\u65e5", "\uD83D\uDC69")
                .list().ofMaxSize(60).map(parts -> String.join("", parts));
    }

    @Property(tries = 500)
    void everyCutIsAPrefixWithinTheLimitThatEndsOnACharacterBoundary(@ForAll("trickyText") String text,
                                                                     @ForAll @IntRange(min = 0, max = 70) int max) {
        String cut = Truncate.toLength(text, max);
        assertTrue(cut.length() <= max, cut);
        String kept = cut.endsWith(Truncate.ELLIPSIS) && !text.equals(cut) ? cut.substring(0, cut.length() - 1) : cut;
        assertTrue(text.startsWith(kept));
        if (!kept.equals(text) && !kept.isEmpty()) {
            assertFalse(Character.isHighSurrogate(kept.charAt(kept.length() - 1)) && Character.isLowSurrogate(text.charAt(kept.length())));
            int next = text.codePointAt(kept.length());
            assertFalse(Character.getType(next) == Character.NON_SPACING_MARK, "cut before a combining mark");
        }
    }

    @Property(tries = 500)
    void everyByteCutFitsItsLimit(@ForAll("trickyText") String text, @ForAll @IntRange(min = 3, max = 200) int maxBytes) {
        String cut = Truncate.toUtf8Bytes(text, maxBytes);
        assertTrue(cut.getBytes(StandardCharsets.UTF_8).length <= maxBytes, cut);
    }
}
