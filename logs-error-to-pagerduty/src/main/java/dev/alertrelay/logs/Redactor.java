package dev.alertrelay.logs;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.alertrelay.common.text.Truncate;

import java.util.ArrayList;
import java.util.List;

/**
 * Replaces credentials in log text with {@value #REDACTED} before any of it leaves AWS: AWS access key ids and secret
 * keys, bearer and basic tokens, JWTs, passwords in URLs, Slack webhook URLs, {@code password=...}-style pairs and JSON
 * fields (PagerDuty routing and integration keys among them), PEM private keys, plus the operator's own regexes.
 *
 * <p>It errs towards hiding too much: a word after "Basic " or after "token:" is hidden even when it was harmless.
 * Exception names are not keys: {@code AuthorizationErrorException: An error occurred} and
 * {@code TokenExpiredException: ...} keep their words (a key word followed by a class name that ends in Exception,
 * Error, Fault or Throwable is not a {@code key: value} pair).
 *
 * <p>Log text is untrusted and unbounded (a 256 KB line, a 5 KB JWT in a header), so every rule runs in time linear in
 * the text with a stack that does not grow with it: the patterns are RE2/J's (linear-time automata, no backtracking,
 * no recursion per character; {@code java.util.regex} recursed once per character of a repeated group and overflowed
 * the stack on a 2 KB quoted token), each is searched once from left to right, never retried from every anchor, and the
 * value of a {@code key=value} pair is read by a hand-written scanner, once.
 * What RE2 cannot say (look-behind, look-ahead) is checked in code on the match. A rule is only run when one of its
 * anchor words occurs (found with {@link String#indexOf}), so an ordinary batch stays fast.
 */
final class Redactor {

    public static final String REDACTED = "[REDACTED]";

    /** Separates the regexes in REDACT_PATTERNS; chosen because regexes often contain , | and ; but almost never ;; . */
    public static final String PATTERN_SEPARATOR = ";;";

    /** Longer than any credential the rules know, short of a PEM key (whose rule hides everything after its BEGIN line). */
    private static final int CUT_MARGIN = 1024;

    /** A rule that may change text; {@code lower} is the text in lower case, for finding anchors. */
    interface Rule {
        String apply(String text, String lower);
    }

    /** Whether a match of a rule's pattern is really what the rule hides (RE2 has no look-around; this is where it goes). */
    private interface Check {
        boolean accepts(String text, Matcher match);
    }

    private static final Check ANY = (text, match) -> true;

    /**
     * The key of a {@code key: value} pair. The value is read by {@link #valueEnd}; the key's own suffix must not make it
     * an exception name ({@code TokenExpiredException:}).
     */
    private static final Rule KEY_VALUE = keyValueRule(Pattern.compile(
            "(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|authorization"
                    + "|(?:routing|integration|service)[_-]?key)"
                    + "[\\w-]{0,24}(\\\\?[\"']?\\s{0,3}[:=]\\s{0,3})"),
            "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key", "access_key", "access-key",
            "accesskey", "private_key", "private-key", "privatekey", "credential", "authorization",
            "routing", "integration", "service_key", "service-key", "servicekey");

    /** The user name may be empty, as in {@code redis://:password@host}. */
    private static final Rule URL_PASSWORD = anchoredRule(Pattern.compile("://[^\\s/?#@:]{0,256}:([^\\s/?#@]{1,256})@"),
            1, ANY, "://");

    /** A Slack incoming webhook or workflow URL is its own credential: anyone holding the path can post to the channel. */
    private static final Rule SLACK_WEBHOOK = anchoredRule(Pattern.compile(
            "(?i)hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/-]+)"),
            1, ANY, "hooks.slack.com/");

    private static final Rule PRIVATE_KEY = anchoredRule(Pattern.compile(
            "(?s)-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----.*?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)"),
            0, ANY, "-----begin ");

    private static final Rule AUTHORIZATION_SCHEME = anchoredRule(Pattern.compile(
            "(?i)(?:bearer|basic)\\s+([A-Za-z0-9\\-._~+/]{8,}=*)"),
            1, (text, match) -> notAfter(text, match.start(), Redactor::isAsciiLetterOrDigit), "bearer", "basic");

    private static final Rule JWT = anchoredRule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*"),
            0, ANY, "eyj");

    private static final Rule AWS_ACCESS_KEY_ID = anchoredRule(Pattern.compile("(?:AKIA|ASIA)[A-Z0-9]{16}"),
            0, (text, match) -> notAfter(text, match.start(), Redactor::isAsciiLetterOrDigit)
                    && notBefore(text, match.end(), Redactor::isAsciiLetterOrDigit),
            "akia", "asia");

    /**
     * "password hunter2" without a colon. Only a value with a digit or a symbol counts, so that "password expired" and
     * "password mismatch" stay readable and remain two different errors. A scanner rather than a pattern: a line of
     * "password password ..." has a candidate at every word, and one regex search per candidate cost 4x a benign line.
     */
    private static final Rule PASSWORD_WORD = Redactor::passwordWords;
    /** Tokens whose prefix says what they are: GitHub, Slack, Stripe secret and restricted keys, GitLab, Google, npm. */
    private static final Rule PREFIXED_TOKEN = anchoredRule(Pattern.compile(
            "(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}"
                    + "|[sr]k_(?:live|test)_[A-Za-z0-9]{10,}|glpat-[A-Za-z0-9_-]{20,}|AIza[A-Za-z0-9_-]{30,}"
                    + "|npm_[A-Za-z0-9]{30,})"),
            0, (text, match) -> notAfter(text, match.start(), Redactor::isAsciiLetterOrDigit),
            "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "xox", "sk_live_", "sk_test_", "rk_live_", "rk_test_",
            "glpat-", "aiza", "npm_");

    private static final List<Rule> BUILT_IN = List.of(KEY_VALUE, URL_PASSWORD, SLACK_WEBHOOK, PRIVATE_KEY, AUTHORIZATION_SCHEME, JWT,
            AWS_ACCESS_KEY_ID, PASSWORD_WORD, PREFIXED_TOKEN, Redactor::awsSecretKeys);

    /** Only the built-in rules. */
    public static final Redactor BUILT_IN_ONLY = new Redactor(BUILT_IN);

    private final List<Rule> rules;

    private Redactor(List<Rule> rules) {
        this.rules = rules;
    }

    /**
     * The built-in rules plus the regexes in {@code patterns} (REDACT_PATTERNS: separated by {@value #PATTERN_SEPARATOR},
     * blanks ignored); each whole match becomes {@value #REDACTED}.
     *
     * @throws IllegalArgumentException naming the pattern that does not compile
     */
    public static Redactor withExtraPatterns(String patterns) {
        if (patterns == null || patterns.isBlank()) {
            return BUILT_IN_ONLY;
        }
        List<Rule> rules = new ArrayList<>(BUILT_IN);
        int from = 0;
        while (from <= patterns.length()) {
            int separator = patterns.indexOf(PATTERN_SEPARATOR, from);
            String source = (separator < 0 ? patterns.substring(from) : patterns.substring(from, separator)).strip();
            from = separator < 0 ? patterns.length() + 1 : separator + PATTERN_SEPARATOR.length();
            if (source.isEmpty()) {
                continue;
            }
            try {
                Pattern pattern = Pattern.compile(source);
                rules.add((text, lower) -> replaceMatches(text, pattern.matcher(text), 0, 0, ANY));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("REDACT_PATTERNS: '" + source + "' is not a valid RE2 regex"
                        + " (no look-around or back-references): " + e.getDescription());
            }
        }
        return new Redactor(List.copyOf(rules));
    }

    /** These rules, then {@code extra} (a test's way to make redaction fail). */
    Redactor followedBy(Rule extra) {
        List<Rule> more = new ArrayList<>(rules);
        more.add(extra);
        return new Redactor(List.copyOf(more));
    }

    /**
     * The first {@code maxChars} of {@code text}, redacted. The redaction runs on a little more than is kept, so that
     * a secret the cut goes through is still recognised whole and hidden rather than shown in part.
     */
    public String redactPrefix(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        return Truncate.toLength(redact(Truncate.safePrefix(text, maxChars + CUT_MARGIN)), maxChars);
    }

    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        String lower = lowerCaseSameLength(text);
        for (Rule rule : rules) {
            String changed = rule.apply(result, lower);
            if (changed != result) {
                result = changed;
                lower = lowerCaseSameLength(changed);
            }
        }
        return result;
    }

    /**
     * The text with each char lower-cased on its own, so that every index in it is an index in {@code text}:
     * {@link String#toLowerCase} may change the length ("\u0130" becomes two chars), and an anchor found in such a
     * copy would point into the wrong place of the original.
     */
    static String lowerCaseSameLength(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    /**
     * A rule that runs only when one of its anchors (lower-case words) occurs, searching from the first of them once to
     * the end: every match {@code check} accepts has its group {@code group} replaced with {@value #REDACTED}.
     */
    private static Rule anchoredRule(Pattern pattern, int group, Check check, String... anchors) {
        return (text, lower) -> {
            int first = new AnchorScan(lower, anchors).next(0);
            return first < 0 ? text : replaceMatches(text, pattern.matcher(text), first, group, check);
        };
    }

    /**
     * The matches of {@code matcher} from {@code from} on, left to right, each searched for once: after a match the
     * search goes on from its end (from one past its start if it was empty or rejected), so no text is scanned twice
     * for the same match.
     */
    private static String replaceMatches(String text, Matcher matcher, int from, int group, Check check) {
        StringBuilder out = null;
        int copied = 0;
        int at = from;
        while (at <= text.length() && matcher.find(at)) {
            if (!check.accepts(text, matcher) || matcher.start(group) < copied) {
                at = matcher.start() + 1;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start(group)).append(REDACTED);
            copied = matcher.end(group);
            at = matcher.end() > matcher.start() ? matcher.end() : matcher.start() + 1;
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * {@code key=value} pairs: RE2 finds the key and its separator (a few dozen characters at most), {@link #valueEnd}
     * reads the value. A key that turns out to be an exception name is skipped from its end, so a line of
     * {@code TokenExpiredException:} repeated is read once.
     */
    private static Rule keyValueRule(Pattern key, String... anchors) {
        return (text, lower) -> {
            int at = new AnchorScan(lower, anchors).next(0);
            if (at < 0) {
                return text;
            }
            Matcher matcher = key.matcher(text);
            StringBuilder out = null;
            int copied = 0;
            while (at < text.length() && matcher.find(at)) {
                int separator = matcher.start(1);
                int value = matcher.end();
                at = Math.max(separator, matcher.start() + 1);
                if (endsWithExceptionName(text, separator) || startsRedacted(text, value)) {
                    continue;
                }
                int end = valueEnd(text, value);
                if (end <= value) {
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, value).append(quotedRedaction(text, value));
                copied = end;
                at = end;
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        };
    }

    private static boolean endsWithExceptionName(String text, int end) {
        return text.startsWith("Exception", end - 9) || text.startsWith("Error", end - 5) || text.startsWith("Fault", end - 5)
                || text.startsWith("Throwable", end - 9);
    }

    private static boolean startsRedacted(String text, int at) {
        return text.startsWith(REDACTED, at) || text.startsWith("\"" + REDACTED, at) || text.startsWith("\\\"" + REDACTED, at);
    }

    /**
     * Where the value that starts at {@code start} ends: a JSON string ({@code "..."} with its escapes), an escaped JSON
     * string inside a JSON string ({@code \\"...\\"}), a single-quoted string, or a bare word (after an optional
     * {@code Bearer }/{@code Basic }) up to whitespace or punctuation. A quoted value that is not closed is hidden to the
     * end of its line (of the text, for an escaped string), rather than shown. {@code start} if there is no value.
     */
    static int valueEnd(String text, int start) {
        int n = text.length();
        if (text.startsWith("\\\"", start)) {
            for (int i = start + 2; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < n && text.charAt(i + 1) == '"') {
                    return i + 2;
                }
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    return i;
                }
            }
            return n;
        }
        if (start < n && (text.charAt(start) == '"' || text.charAt(start) == '\'')) {
            char quote = text.charAt(start);
            for (int i = start + 1; i < n; i++) {
                char c = text.charAt(i);
                if (c == quote) {
                    return i + 1;
                }
                if (c == '\r' || c == '\n') {
                    return i;
                }
                if (c == '\\' && quote == '"') {
                    i++;
                }
            }
            return n;
        }
        int word = start;
        int afterScheme = afterAuthorizationScheme(text, start);
        if (afterScheme > start && bareWordEnd(text, afterScheme) > afterScheme) {
            word = afterScheme;
        }
        return bareWordEnd(text, word);
    }

    /** Past {@code Bearer } or {@code Basic } (any case, any run of whitespace) at {@code at}, or {@code at}. */
    private static int afterAuthorizationScheme(String text, int at) {
        int end;
        if (text.regionMatches(true, at, "bearer", 0, 6)) {
            end = at + 6;
        } else if (text.regionMatches(true, at, "basic", 0, 5)) {
            end = at + 5;
        } else {
            return at;
        }
        int spaces = end;
        while (spaces < text.length() && Character.isWhitespace(text.charAt(spaces))) {
            spaces++;
        }
        return spaces > end ? spaces : at;
    }

    private static int bareWordEnd(String text, int start) {
        int i = start;
        while (i < text.length() && ",;&\"'}])\\".indexOf(text.charAt(i)) < 0 && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Keeps the quoting of a redacted value, so redacted JSON stays JSON. */
    private static String quotedRedaction(String text, int value) {
        if (text.startsWith("\\\"", value)) {
            return "\\\"" + REDACTED + "\\\"";
        }
        if (text.startsWith("\"", value)) {
            return "\"" + REDACTED + "\"";
        }
        if (text.startsWith("'", value)) {
            return "'" + REDACTED + "'";
        }
        return REDACTED;
    }

    /** {@code password <value>} / {@code passwd is <value>}, each candidate read once (see {@link #PASSWORD_WORD}). */
    private static String passwordWords(String text, String lower) {
        AnchorScan anchors = new AnchorScan(lower, "password", "passwd");
        StringBuilder out = null;
        int copied = 0;
        int n = text.length();
        for (int at = anchors.next(0); at >= 0; at = anchors.next(at + 1)) {
            if (at > 0 && isAsciiLetter(text.charAt(at - 1))) {
                continue;
            }
            int keyEnd = at + (lower.startsWith("password", at) ? 8 : 6);
            int value = skipSpaces(text, keyEnd);
            if (value == keyEnd) {
                continue;
            }
            if (text.regionMatches(true, value, "is", 0, 2)) {
                int afterIs = skipSpaces(text, value + 2);
                if (afterIs > value + 2 && afterIs < n && startsAValue(text.charAt(afterIs))) {
                    value = afterIs;
                }
            }
            if (value >= n || !startsAValue(text.charAt(value))) {
                continue;
            }
            int end = value + 1;
            while (end < n && end - value < 128 && !endsAValue(text.charAt(end))) {
                end++;
            }
            if (value < copied || !hasDigitOrSymbol(text.substring(value, end))) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n);
            }
            out.append(text, copied, value).append(REDACTED);
            copied = end;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    /** RE2's {@code \s}: the ASCII whitespace a log line separates words with. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean endsAValue(char c) {
        return isSpace(c) || c == ',' || c == ';' || c == '"' || c == '\'';
    }

    private static boolean startsAValue(char c) {
        return !endsAValue(c) && c != '=' && c != ':';
    }

    /**
     * The next occurrence of any of several anchors, each searched for once from left to right: an anchor that does
     * not occur is not searched for again from every later position (which made a line of one anchor quadratic).
     */
    private static final class AnchorScan {

        private final String lower;
        private final String[] anchors;
        private final int[] next;

        AnchorScan(String lower, String... anchors) {
            this.lower = lower;
            this.anchors = anchors;
            this.next = new int[anchors.length];
            for (int k = 0; k < anchors.length; k++) {
                next[k] = lower.indexOf(anchors[k]);
            }
        }

        /** The first anchor at or after {@code from}, or -1. */
        int next(int from) {
            int best = -1;
            for (int k = 0; k < anchors.length; k++) {
                if (next[k] >= 0 && next[k] < from) {
                    next[k] = lower.indexOf(anchors[k], from);
                }
                if (next[k] >= 0 && (best < 0 || next[k] < best)) {
                    best = next[k];
                }
            }
            return best;
        }
    }

    private interface CharTest {
        boolean test(char c);
    }

    /** Look-behind: the character before {@code at} is not one {@code test} accepts (or there is none). */
    private static boolean notAfter(String text, int at, CharTest test) {
        return at == 0 || !test.test(text.charAt(at - 1));
    }

    /** Look-ahead: the character at {@code at} is not one {@code test} accepts (or there is none). */
    private static boolean notBefore(String text, int at, CharTest test) {
        return at >= text.length() || !test.test(text.charAt(at));
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }

    private static boolean hasDigitOrSymbol(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c >= '0' && c <= '9') || "!@#$%^&*+?~".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * AWS secret access keys have no prefix to look for: they are 40 characters of base64. A run of exactly 40 such
     * characters mixing upper case, lower case and digits is hidden; hex digests (lower case only) and dotted or
     * hyphenated names are not. Hand-written because a regex would try 40 characters at every position of the batch.
     */
    private static String awsSecretKeys(String text, String lower) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!isBase64(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean upper = false;
            boolean lowerCase = false;
            boolean digit = false;
            while (i < n && isBase64(text.charAt(i))) {
                char c = text.charAt(i);
                upper |= c >= 'A' && c <= 'Z';
                lowerCase |= c >= 'a' && c <= 'z';
                digit |= c >= '0' && c <= '9';
                i++;
            }
            boolean paddedLonger = i < n && text.charAt(i) == '=';
            if (i - start == 40 && upper && lowerCase && digit && !paddedLonger && text.charAt(start) != '/') {
                if (out == null) {
                    out = new StringBuilder(n);
                }
                out.append(text, copied, start).append(REDACTED);
                copied = i;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, n).toString();
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '/' || c == '+';
    }
}
