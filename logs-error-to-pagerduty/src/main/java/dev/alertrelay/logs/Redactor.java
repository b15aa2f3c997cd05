package dev.alertrelay.logs;

import dev.alertrelay.common.text.Truncate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Replaces credentials in log text with {@value #REDACTED} before any of it leaves AWS: AWS access key ids and secret
 * keys, bearer and basic tokens, JWTs, passwords in URLs, Slack webhook URLs, {@code password=...}-style pairs and JSON
 * fields (PagerDuty routing and integration keys among them), PEM private keys, plus the operator's own regexes.
 *
 * <p>It errs towards hiding too much: a word after "Basic " or after "token:" is hidden even when it was harmless.
 * Exception names are not keys: {@code AuthorizationErrorException: An error occurred} and
 * {@code TokenExpiredException: ...} keep their words (a key word followed by a class name that ends in Exception,
 * Error, Fault or Throwable is not a {@code key: value} pair).
 * Every pattern is compiled once; the built-in ones are only tried where one of their anchor words occurs (found with
 * {@link String#indexOf}), so a 10,000-line batch stays fast.
 */
public final class Redactor {

    public static final String REDACTED = "[REDACTED]";

    /** Separates the regexes in REDACT_PATTERNS; chosen because regexes often contain , | and ; but almost never ;; . */
    public static final String PATTERN_SEPARATOR = ";;";

    /** Longer than any credential the rules know, short of a PEM key (whose rule hides everything after its BEGIN line). */
    private static final int CUT_MARGIN = 1024;

    /** A rule that may change text; {@code lower} is the text in lower case, for finding anchors. */
    private interface Rule {
        String apply(String text, String lower);
    }

    private static final Rule KEY_VALUE = anchoredRule(Pattern.compile(
            "(?i)(?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|credentials?|authorization"
                    + "|(?:routing|integration|service)[_-]?key)"
                    + "[\\w-]{0,24}+(?<!(?-i:Exception|Error|Fault|Throwable))\\\\?[\"']?\\s{0,3}[:=]\\s{0,3}"
                    + "(?!\\[REDACTED\\]|\\\\?\"\\[REDACTED\\])"
                    + "(\\\\\"(?:[^\"\\\\]|\\\\[^\"]){0,4000}\\\\\"|\"(?:[^\"\\\\\\r\\n]|\\\\.){0,4000}\"|'[^'\\r\\n]{0,4000}'"
                    + "|(?:(?:bearer|basic)\\s++)?[^\\s,;&\"'}\\])\\\\]++)"),
            1, true,
            "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key", "access_key", "access-key",
            "accesskey", "private_key", "private-key", "privatekey", "credential", "authorization",
            "routing", "integration", "service_key", "service-key", "servicekey");

    /** The user name may be empty, as in {@code redis://:password@host}. */
    private static final Rule URL_PASSWORD = anchoredRule(Pattern.compile("://[^\\s/?#@:]{0,256}+:([^\\s/?#@]{1,256}+)@"),
            1, false,
            "://");

    /** A Slack incoming webhook or workflow URL is its own credential: anyone holding the path can post to the channel. */
    private static final Rule SLACK_WEBHOOK = anchoredRule(Pattern.compile(
            "(?i)hooks\\.slack\\.com/(?:services|workflows|triggers)/([A-Za-z0-9_/-]++)"),
            1, false,
            "hooks.slack.com/");

    private static final Rule PRIVATE_KEY = anchoredRule(Pattern.compile(
            "-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----.*?(?:-----END [A-Z ]{0,40}PRIVATE KEY-----|$)", Pattern.DOTALL),
            0, false,
            "-----begin ");

    private static final Rule AUTHORIZATION_SCHEME = anchoredRule(Pattern.compile(
            "(?i)(?<![a-z0-9])(?:bearer|basic)\\s++([A-Za-z0-9\\-._~+/]{8,}+=*+)"),
            1, false,
            "bearer", "basic");

    private static final Rule JWT = anchoredRule(Pattern.compile("eyJ[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]{4,}+\\.[A-Za-z0-9_-]*+"),
            0, false,
            "eyj");

    private static final Rule AWS_ACCESS_KEY_ID = anchoredRule(Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])"),
            0, false,
            "akia", "asia");

    /**
     * "password hunter2" without a colon. Only a value with a digit or a symbol counts, so that "password expired" and
     * "password mismatch" stay readable and remain two different errors.
     */
    private static final Rule PASSWORD_WORD = anchoredRule(Pattern.compile(
            "(?i)(?<![a-z])(?:password|passwd)\\s++(?:is\\s++)?(?=[^\\s,;\"']{0,128}[0-9!@#$%^&*+?~])([^\\s,;\"'=:][^\\s,;\"']{0,127}+)"),
            1, false,
            "password", "passwd");

    /** Tokens whose prefix says what they are: GitHub, Slack, Stripe secret and restricted keys, GitLab, Google, npm. */
    private static final Rule PREFIXED_TOKEN = anchoredRule(Pattern.compile(
            "(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{20,}+|github_pat_[A-Za-z0-9_]{20,}+|xox[abposr]-[A-Za-z0-9-]{10,}+"
                    + "|[sr]k_(?:live|test)_[A-Za-z0-9]{10,}+|glpat-[A-Za-z0-9_-]{20,}+|AIza[A-Za-z0-9_-]{30,}+"
                    + "|npm_[A-Za-z0-9]{30,}+)"),
            0, false,
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
        for (String source : patterns.split(Pattern.quote(PATTERN_SEPARATOR))) {
            if (source.isBlank()) {
                continue;
            }
            try {
                Pattern pattern = Pattern.compile(source.strip());
                rules.add((text, lower) -> pattern.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("REDACT_PATTERNS: '" + source.strip() + "' is not a valid regex: "
                        + e.getDescription());
            }
        }
        return new Redactor(List.copyOf(rules));
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
     * A rule that looks for its anchors (lower-case words) with {@link String#indexOf} and tries {@code pattern} only
     * where one occurs ({@code lookingAt} from the anchor), replacing group {@code group} with {@value #REDACTED}:
     * a regex scan from every position of a 10,000-line batch was by far the slowest part of handling it.
     *
     * @param keepQuotes whether a quoted value keeps its quotes, so redacted JSON stays JSON
     */
    private static Rule anchoredRule(Pattern pattern, int group, boolean keepQuotes, String... anchors) {
        return (text, lower) -> {
            Matcher matcher = null;
            StringBuilder out = null;
            int copied = 0;
            int from = 0;
            for (int at = nextAnchor(lower, anchors, from); at >= 0; at = nextAnchor(lower, anchors, from)) {
                if (matcher == null) {
                    matcher = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                }
                matcher.region(at, text.length());
                if (!matcher.lookingAt() || matcher.start(group) < copied) {
                    from = at + 1;
                    continue;
                }
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, matcher.start(group)).append(keepQuotes ? quoted(matcher.group(group)) : REDACTED);
                copied = matcher.end(group);
                from = Math.max(matcher.end(), at + 1);
            }
            return out == null ? text : out.append(text, copied, text.length()).toString();
        };
    }

    private static int nextAnchor(String lower, String[] anchors, int from) {
        int next = -1;
        for (String anchor : anchors) {
            int at = lower.indexOf(anchor, from);
            if (at >= 0 && (next < 0 || at < next)) {
                next = at;
            }
        }
        return next;
    }

    /** Keeps the quoting of a redacted value, so redacted JSON stays JSON. */
    private static String quoted(String value) {
        if (value.startsWith("\\\"")) {
            return "\\\"" + REDACTED + "\\\"";
        }
        if (value.startsWith("\"")) {
            return "\"" + REDACTED + "\"";
        }
        if (value.startsWith("'")) {
            return "'" + REDACTED + "'";
        }
        return REDACTED;
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
