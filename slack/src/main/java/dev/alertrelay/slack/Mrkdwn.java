package dev.alertrelay.slack;

import dev.alertrelay.common.text.Truncate;

import java.util.ArrayList;
import java.util.List;

/**
 * Slack mrkdwn built from pieces, so that untrusted text is always escaped and a truncated text never leaves a broken
 * link, date token, entity or code fence behind. Formatters never concatenate mrkdwn strings themselves.
 *
 * <p>Escaping follows https://api.slack.com/reference/surfaces/formatting#escaping: exactly {@code &}, {@code <} and
 * {@code >}. That is enough to neutralise {@code <!channel>}, {@code <@U123>} and {@code <https://x|y>} injection.
 */
public final class Mrkdwn {

    private static final Mrkdwn EMPTY = new Mrkdwn(List.of());

    private final List<Piece> pieces;

    private Mrkdwn(List<Piece> pieces) {
        this.pieces = pieces;
    }

    /** Untrusted text, escaped. */
    public static Mrkdwn text(String untrusted) {
        return untrusted == null || untrusted.isEmpty() ? EMPTY : of(new Piece("", escape(untrusted), "", true));
    }

    /** Untrusted text in bold. */
    public static Mrkdwn bold(String untrusted) {
        return untrusted == null || untrusted.isEmpty() ? EMPTY : of(new Piece("*", escape(untrusted), "*", true));
    }

    /** Untrusted text in italics. */
    public static Mrkdwn italic(String untrusted) {
        return untrusted == null || untrusted.isEmpty() ? EMPTY : of(new Piece("_", escape(untrusted), "_", true));
    }

    /** Untrusted text as inline code. Backticks inside would end the code span, so they become primes. */
    public static Mrkdwn code(String untrusted) {
        return untrusted == null || untrusted.isEmpty()
                ? EMPTY : of(new Piece("`", escape(untrusted.replace('`', '\u02CB')), "`", true));
    }

    /** Untrusted text as a code block; a cut keeps the closing fence. */
    public static Mrkdwn codeBlock(String untrusted) {
        String body = untrusted == null || untrusted.isEmpty() ? " " : untrusted.replace("```", "\u02CB\u02CB\u02CB");
        return of(new Piece("```\n", escape(body), "\n```", true));
    }

    /** A link whose label is untrusted text. The URL is percent-encoded by its builder; '|' and '>' are encoded here. */
    public static Mrkdwn link(String url, String label) {
        String safeUrl = url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C").replace(" ", "%20");
        String safeLabel = escape(label == null || label.isEmpty() ? url : label).replace("|", "\u2223");
        return of(new Piece("", "<" + safeUrl + "|" + safeLabel + ">", "", false));
    }

    /**
     * A date each reader sees in their own time zone, with a fallback for clients that cannot render it.
     * https://api.slack.com/reference/surfaces/formatting#date-formatting
     *
     * <p>The token takes a Unix time, so a moment before 1970 (only a forged or broken event has one) is shown as its
     * fallback text rather than as a {@code <!date^-...>} token Slack does not define.
     */
    public static Mrkdwn date(long epochSeconds, String tokenFormat, String fallback) {
        if (epochSeconds < 0) {
            return text(fallback);
        }
        return of(new Piece("", "<!date^" + epochSeconds + "^" + tokenFormat + "|" + escape(fallback).replace("|", "/") + ">", "", false));
    }

    /**
     * A Slack user, by id, as a mention that shows their name ({@code <@U0123ABC>}); anything that is not a user id is
     * shown as escaped text, never as a mention.
     */
    public static Mrkdwn user(String userId) {
        return userId != null && USER_ID.matcher(userId).matches() ? of(new Piece("", "<@" + userId + ">", "", false)) : text(userId);
    }

    private static final java.util.regex.Pattern USER_ID = java.util.regex.Pattern.compile("[UW][A-Z0-9]{1,20}");

    /** Markup written by the formatter itself (emoji shortcodes, separators); never pass untrusted text here. */
    public static Mrkdwn trusted(String markup) {
        return markup == null || markup.isEmpty() ? EMPTY : of(new Piece("", markup, "", false));
    }

    public static Mrkdwn empty() {
        return EMPTY;
    }

    public static Mrkdwn join(Mrkdwn separator, List<Mrkdwn> parts) {
        List<Piece> all = new ArrayList<>();
        for (Mrkdwn part : parts) {
            if (part.isEmpty()) {
                continue;
            }
            if (!all.isEmpty()) {
                all.addAll(separator.pieces);
            }
            all.addAll(part.pieces);
        }
        return new Mrkdwn(List.copyOf(all));
    }

    public Mrkdwn then(Mrkdwn next) {
        if (next.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return next;
        }
        List<Piece> all = new ArrayList<>(pieces);
        all.addAll(next.pieces);
        return new Mrkdwn(List.copyOf(all));
    }

    public Mrkdwn then(String untrusted) {
        return then(text(untrusted));
    }

    public Mrkdwn thenTrusted(String markup) {
        return then(trusted(markup));
    }

    public boolean isEmpty() {
        return pieces.isEmpty();
    }

    public int length() {
        int length = 0;
        for (Piece piece : pieces) {
            length += piece.length();
        }
        return length;
    }

    /** The mrkdwn string, at most {@code max} chars: whole pieces first, then a cut piece ending in an ellipsis. */
    public String render(int max) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            int room = max - out.length();
            if (piece.length() <= room) {
                out.append(piece.open).append(piece.body).append(piece.close);
                continue;
            }
            int bodyRoom = room - piece.open.length() - piece.close.length() - Truncate.ELLIPSIS.length();
            if (piece.cuttable && bodyRoom > 0) {
                out.append(piece.open).append(cutEscaped(piece.body, bodyRoom)).append(Truncate.ELLIPSIS).append(piece.close);
            } else if (room >= Truncate.ELLIPSIS.length()) {
                out.append(Truncate.ELLIPSIS);
            }
            break;
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return render(Integer.MAX_VALUE);
    }

    /** Escapes the three characters Slack reserves in mrkdwn. */
    public static String escape(String untrusted) {
        if (untrusted == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < untrusted.length(); i++) {
            char c = untrusted.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(untrusted.length() + 16).append(untrusted, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? untrusted : out.toString();
    }

    /** A prefix of escaped text that does not end inside an entity such as {@code &amp;} or a surrogate pair. */
    private static String cutEscaped(String escaped, int length) {
        String prefix = Truncate.safePrefix(escaped, length);
        int amp = prefix.lastIndexOf('&');
        if (amp >= 0 && prefix.indexOf(';', amp) < 0) {
            prefix = prefix.substring(0, amp);
        }
        return prefix;
    }

    private record Piece(String open, String body, String close, boolean cuttable) {
        int length() {
            return open.length() + body.length() + close.length();
        }
    }

    private static Mrkdwn of(Piece piece) {
        return new Mrkdwn(List.of(piece));
    }
}
