package dev.alertrelay.logs;

import dev.alertrelay.common.aws.AwsPartitions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Links into the CloudWatch console of one region. The console keeps its state in the URL fragment with its own
 * escaping: URL-encoding with {@code %} written as {@code $25} (so a {@code /} becomes {@code $252F}), and for Logs
 * Insights a JSURL-like structure whose punctuation is encoded twice and whose values use {@code *} instead of {@code %}.
 */
final class ConsoleLinks {

    /** The time around a batch that the links show, so the lines before and after the error are in view. */
    private static final long CONTEXT_MINUTES = 15;

    private final String region;

    ConsoleLinks(String region) {
        this.region = region;
    }

    private String home() {
        return AwsPartitions.console(region) + "/cloudwatch/home?region=" + region;
    }

    String logGroup(String logGroup) {
        return home() + "#logsV2:log-groups/log-group/" + fragmentPart(logGroup);
    }

    /** The log stream, starting a little before {@code fromMillis}. */
    String logStream(String logGroup, String logStream, long fromMillis) {
        long start = fromMillis - CONTEXT_MINUTES * 60_000;
        return logGroup(logGroup) + "/log-events/" + fragmentPart(logStream) + "$3Fstart$3D" + Math.max(0, start);
    }

    /** A Logs Insights query over {@code logGroup} for the time between the first and last occurrence, with some context. */
    String insights(String logGroup, String query, long firstMillis, long lastMillis) {
        Instant start = Instant.ofEpochMilli(firstMillis).minus(CONTEXT_MINUTES, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Instant end = Instant.ofEpochMilli(lastMillis).plus(CONTEXT_MINUTES, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return home() + "#logsV2:logs-insights" + encode("?queryDetail=").replace('%', '$')
                + structure("~(") + "end" + structure("~'") + value(end.toString())
                + structure("~") + "start" + structure("~'") + value(start.toString())
                + structure("~") + "timeType" + structure("~'") + "ABSOLUTE"
                + structure("~") + "tz" + structure("~'") + "UTC"
                + structure("~") + "editorString" + structure("~'") + value(query)
                + structure("~") + "source" + structure("~(~'") + value(logGroup) + structure("))");
    }

    private static String fragmentPart(String text) {
        return encode(text).replace("%", "$25");
    }

    private static String structure(String text) {
        return encode(encode(text)).replace('%', '$');
    }

    private static String value(String text) {
        return encode(text).replace("*", "%2A").replace('%', '*');
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
