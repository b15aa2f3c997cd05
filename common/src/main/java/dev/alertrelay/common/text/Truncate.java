package dev.alertrelay.common.text;

/**
 * Shortening text to a hard limit without splitting a character, ending in an ellipsis so readers see the cut. A cut
 * never falls inside a surrogate pair, nor between a character and what extends it (combining marks, variation
 * selectors, emoji modifiers, zero-width joiner sequences): "e\u0301" loses its accent only together with its e.
 */
public final class Truncate {

    public static final String ELLIPSIS = "\u2026";

    private Truncate() {
    }

    /** {@code text} if it fits in {@code max} chars, else its longest prefix that fits with an ellipsis appended. */
    public static String toLength(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        if (max <= 0) {
            return "";
        }
        return safePrefix(text, max - ELLIPSIS.length()) + ELLIPSIS;
    }

    /** The longest prefix of at most {@code length} chars that ends on a character boundary (see the class comment). */
    public static String safePrefix(String text, int length) {
        if (length >= text.length()) {
            return text;
        }
        if (length <= 0) {
            return "";
        }
        return text.substring(0, boundaryAtOrBefore(text, length));
    }

    /** The greatest index at most {@code end} where a cut splits neither a surrogate pair nor a cluster. */
    static int boundaryAtOrBefore(String text, int end) {
        int at = end;
        while (at > 0 && at < text.length()) {
            if (Character.isLowSurrogate(text.charAt(at)) && Character.isHighSurrogate(text.charAt(at - 1))) {
                at--;
            } else if (extendsPrevious(text, at)) {
                at -= Character.charCount(text.codePointBefore(at));
            } else {
                break;
            }
        }
        return at;
    }

    private static boolean extendsPrevious(String text, int at) {
        int codePoint = text.codePointAt(at);
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK
                || codePoint == 0x200D || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)
                || (codePoint >= 0xE0100 && codePoint <= 0xE01EF) || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF)
                || (codePoint >= 0xE0020 && codePoint <= 0xE007F)
                || text.codePointBefore(at) == 0x200D;
    }

    /** Like {@link #toLength} but measured in UTF-8 bytes, for limits stated in bytes. */
    public static String toUtf8Bytes(String text, int maxBytes) {
        if (text == null) {
            return "";
        }
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            bytes += utf8Length(text.charAt(i));
        }
        if (bytes <= maxBytes) {
            return text;
        }
        int budget = maxBytes - 3;
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            char c = text.charAt(end);
            int width = Character.isHighSurrogate(c) && end + 1 < text.length() ? 4 : utf8Length(c);
            if (used + width > budget) {
                break;
            }
            used += width;
            end += width == 4 ? 2 : 1;
        }
        return text.substring(0, boundaryAtOrBefore(text, end)) + ELLIPSIS;
    }

    private static int utf8Length(char c) {
        if (c < 0x80) {
            return 1;
        }
        if (c < 0x800) {
            return 2;
        }
        return Character.isSurrogate(c) ? 2 : 3;
    }
}
