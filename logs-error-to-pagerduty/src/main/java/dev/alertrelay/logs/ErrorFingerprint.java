package dev.alertrelay.logs;

import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.pagerduty.DedupKey;

/**
 * What makes two error lines "the same error": the log group and the error's headline (first line, exception class
 * and message) with the parts that change from one occurrence to the next replaced by placeholders, so that
 * {@code Payment 4711 failed for 10.0.3.7:5432 after 3000ms (request 8f14e45f-...)} and the same failure for another
 * payment read alike: {@code Payment <n> failed for <ip>:<n> after <n>ms (request <id>)}.
 *
 * <p>Placeholders: {@code <v>} quoted values, {@code <ip>} IPv4 addresses, {@code <time>} ISO dates and timestamps,
 * {@code <id>} UUIDs, hex ids, request ids and other long digit-bearing tokens, {@code <email>}, and {@code <n>} for
 * every other run of digits. Words without digits stay, so class names and messages remain readable.
 *
 * @param logGroup the log group the error was written to
 * @param text     the normalised headline
 */
record ErrorFingerprint(String logGroup, String text) {

    /** Longer headlines are cut before normalising: what follows rarely tells errors apart and would only cost time. */
    static final int HEADLINE_CHARS = 600;

    private static final String DEDUP_KEY_PREFIX = "alert-relay-logs-";
    /** Hex-letter-only words this long are ids ("deadbeefcafebabe"); English has none (the longest, "defaced", is 7). */
    private static final int HEX_WORD_AS_ID = 12;

    public static ErrorFingerprint of(String logGroup, String headline) {
        return new ErrorFingerprint(logGroup, normalise(headline));
    }

    /**
     * The PagerDuty dedup_key: a hash of the fingerprint alone, so every batch and every container computes the same
     * key for the same error and later occurrences add to the open incident instead of paging again.
     */
    public String dedupKey() {
        return DedupKey.hashed(DEDUP_KEY_PREFIX, logGroup + "\n" + text);
    }

    /** One pass over the headline, no regex: it runs for every line of a batch. */
    static String normalise(String headline) {
        String s = Truncate.safePrefix(headline, HEADLINE_CHARS);
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (!out.isEmpty() && i < n) {
                    out.append(' ');
                }
                continue;
            }
            if (opensQuote(s, i)) {
                int close = closingQuote(s, i);
                if (close > 0) {
                    out.append(c).append("<v>").append(c);
                    i = close + 1;
                    continue;
                }
            }
            if (isTokenChar(c)) {
                int end = i;
                while (end < n && isTokenChar(s.charAt(end))) {
                    end++;
                }
                int tokenEnd = end;
                while (tokenEnd - 1 > i && s.charAt(tokenEnd - 1) == '.') {
                    tokenEnd--;
                }
                appendToken(out, s, i, tokenEnd);
                out.append(s, tokenEnd, end);
                i = end;
                continue;
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static boolean isTokenChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '$' || c == '+' || c == '@' || c == '#';
    }

    /** Double quotes and backticks always open a quoted value; an apostrophe only after a non-letter (not in "can't"). */
    private static boolean opensQuote(String s, int i) {
        char c = s.charAt(i);
        return c == '"' || c == '`' || (c == '\'' && (i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1))));
    }

    private static int closingQuote(String s, int open) {
        char quote = s.charAt(open);
        int close = s.indexOf(quote, open + 1);
        if (quote == '\'') {
            while (close > 0 && close + 1 < s.length() && Character.isLetterOrDigit(s.charAt(close + 1))) {
                close = s.indexOf(quote, close + 1);
            }
        }
        return close;
    }

    private static void appendToken(StringBuilder out, String s, int start, int end) {
        int digits = 0;
        int hex = 0;
        int dots = 0;
        boolean onlyHexAndDashes = true;
        boolean onlyNumeric = true;
        boolean at = false;
        for (int k = start; k < end; k++) {
            char c = s.charAt(k);
            boolean digit = c >= '0' && c <= '9';
            boolean hexDigit = digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            digits += digit ? 1 : 0;
            hex += hexDigit ? 1 : 0;
            dots += c == '.' ? 1 : 0;
            at |= c == '@';
            onlyHexAndDashes &= hexDigit || c == '-';
            onlyNumeric &= digit || c == '.' || c == ',' || c == '-' || c == '+';
        }
        int length = end - start;
        if (at && s.lastIndexOf('.', end - 1) > s.indexOf('@', start)) {
            out.append("<email>");
        } else if (digits == 0) {
            out.append(onlyHexAndDashes && hex >= HEX_WORD_AS_ID ? "<id>" : s.substring(start, end));
        } else if (onlyNumeric && dots == 3 && digits >= 4 && digits <= 12 && s.charAt(start) != '-') {
            out.append("<ip>");
        } else if (looksLikeIsoDate(s, start, end)) {
            out.append("<time>");
        } else if (onlyNumeric) {
            out.append("<n>");
        } else if ((onlyHexAndDashes && hex >= 8) || (length > 2 && s.charAt(start) == '0' && (s.charAt(start + 1) | 0x20) == 'x')) {
            out.append("<id>");
        } else if (dots > 0) {
            appendSegments(out, s, start, end);
        } else if (digits >= 2 && length >= 8) {
            out.append("<id>");
        } else {
            appendWithDigitRunsReplaced(out, s, start, end);
        }
    }

    /**
     * A dotted token (a class name, a version, a JWT, {@code host.1a2b3c4d.example}) is judged segment by segment, so
     * {@code com.shop.Client} stays readable while an id inside it still folds.
     */
    private static void appendSegments(StringBuilder out, String s, int start, int end) {
        int segment = start;
        for (int k = start; k <= end; k++) {
            if (k == end || s.charAt(k) == '.') {
                if (k > segment) {
                    appendToken(out, s, segment, k);
                }
                if (k < end) {
                    out.append('.');
                }
                segment = k + 1;
            }
        }
    }

    /** 2026-11-21, 2026-11-21T03:04:05.123Z (the colons split it, the date part is what gets here). */
    private static boolean looksLikeIsoDate(String s, int start, int end) {
        if (end - start < 10) {
            return false;
        }
        for (int k = 0; k < 10; k++) {
            char c = s.charAt(start + k);
            boolean ok = (k == 4 || k == 7) ? c == '-' : c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static void appendWithDigitRunsReplaced(StringBuilder out, String s, int start, int end) {
        int k = start;
        while (k < end) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') {
                while (k < end && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
                    k++;
                }
                out.append("<n>");
            } else {
                out.append(c);
                k++;
            }
        }
    }
}
