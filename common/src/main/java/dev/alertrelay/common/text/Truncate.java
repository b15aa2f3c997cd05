package dev.alertrelay.common.text;

/** Shortening text to a hard limit without splitting a character, ending in an ellipsis so readers see the cut. */
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

    /** The longest prefix of at most {@code length} chars that does not end between the halves of a surrogate pair. */
    public static String safePrefix(String text, int length) {
        if (length >= text.length()) {
            return text;
        }
        if (length <= 0) {
            return "";
        }
        int end = length;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
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
        return text.substring(0, end) + ELLIPSIS;
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
