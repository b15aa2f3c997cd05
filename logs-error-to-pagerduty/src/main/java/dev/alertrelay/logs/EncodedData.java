package dev.alertrelay.logs;

/**
 * Long runs of base64 or hex in a headline (New Relic's payloads, a serialised protobuf, a dumped token) stand in for
 * what they are, {@code <encoded data, 2412 chars>}, so no incident summary is a blob. One pass, no regex.
 */
final class EncodedData {

    /** Shorter runs are ids, hashes and keys a person may want to read (a SHA-256 in hex is 64). */
    static final int RUN_CHARS = 65;

    private EncodedData() {
    }

    static String elide(String text) {
        StringBuilder out = null;
        int n = text.length();
        int copied = 0;
        int i = 0;
        while (i < n) {
            if (!isEncodingChar(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean letter = false;
            boolean digit = false;
            while (i < n && isEncodingChar(text.charAt(i))) {
                char c = text.charAt(i);
                letter |= Character.isLetter(c);
                digit |= c >= '0' && c <= '9';
                i++;
            }
            if (i - start >= RUN_CHARS && letter && digit) {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, start).append("<encoded data, ").append(i - start).append(" chars>");
                copied = i;
            }
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    private static boolean isEncodingChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' || c == '='
                || c == '_' || c == '-';
    }
}
