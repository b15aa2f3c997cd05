package dev.alertrelay.logs;

import com.google.re2j.Pattern;

/** Logs Insights queries that find the lines behind an incident. */
final class InsightsQuery {

    /** What separates the literal stretches of a fingerprint: its placeholders, redactions, quotes and cut marks. */
    private static final Pattern PLACEHOLDERS = Pattern.compile("<(?:v|n|id|ip|time|email)>|\\[REDACTED\\]|[\"'`]|\u2014|\u2026");

    static final String ERRORS = """
            fields @timestamp, @logStream, @message
            | filter @message like /ERROR|FATAL|CRITICAL|Exception/
            | sort @timestamp desc
            | limit 200""";

    private InsightsQuery() {
    }

    /**
     * A query for the lines of one fingerprint. The fingerprint's placeholders cannot be searched for, so it filters on
     * the longest stretch of text between them, which is specific enough in practice and never a secret (it is redacted).
     */
    static String forFingerprint(String fingerprint) {
        String term = longestLiteral(fingerprint);
        if (term.length() < 4) {
            return ERRORS;
        }
        return "fields @timestamp, @logStream, @message\n| filter @message like \""
                + term.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n| sort @timestamp desc\n| limit 200";
    }

    private static String longestLiteral(String fingerprint) {
        String longest = "";
        for (String part : PLACEHOLDERS.split(fingerprint)) {
            String candidate = part.strip();
            if (candidate.length() > longest.length()) {
                longest = candidate;
            }
        }
        return longest.length() > 120 ? longest.substring(0, 120) : longest;
    }
}
