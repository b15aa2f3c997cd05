package dev.alertrelay.logs;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.logs.LogsSubscriptionBatch.LogEvent;
import dev.alertrelay.pagerduty.DedupKey;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a batch of log lines into PagerDuty triggers: one per {@link ErrorFingerprint}, the biggest groups first, at
 * most {@code MAX_INCIDENTS_PER_BATCH} of them plus one storm-control trigger counting the rest. Pure: no network, no AWS.
 *
 * <p>Everything taken from a log line passes through the {@link Redactor} before it is used, the headline before it is
 * fingerprinted, so the summary, the fingerprint, the query in the links and the samples are all redacted.
 */
final class ErrorIncidentFormatter {

    /** What a batch became. */
    public record Incidents(List<PagerDutyEvent> events, int errorLines, int fingerprints, int folded, int platformLines,
                            int telemetryLines, int withheld) {
    }

    /** The headline of a line whose text could not be read or redacted safely. */
    static final String WITHHELD = "redaction failed: line withheld";

    static final String CLIENT = "alert-relay";
    /** Lines of the first sample's stack trace kept: enough for the cause, far below PagerDuty's 512 KB per event. */
    static final int FIRST_SAMPLE_BYTES = 16 * 1024;
    static final int LOG_STREAMS_LISTED = 10;
    static final int FOLDED_ERRORS_LISTED = 20;
    /** Headlines are redacted once more than they are kept (see {@link Redactor#redactPrefix}); this is what is kept. */
    static final int HEADLINE_CHARS = ErrorFingerprint.HEADLINE_CHARS;

    private final LogsErrorSettings settings;
    private final ConsoleLinks links;

    public ErrorIncidentFormatter(LogsErrorSettings settings) {
        this.settings = settings;
        this.links = settings.region() == null ? null : new ConsoleLinks(settings.region());
    }

    public Incidents format(LogsSubscriptionBatch batch) {
        List<Reading> readings = new ArrayList<>(batch.logEvents().size());
        int platformLines = 0;
        int telemetryLines = 0;
        int withheld = 0;
        for (LogEvent event : batch.logEvents()) {
            Reading reading;
            try {
                reading = read(event);
            } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
                // One line that breaks the parser must not fail the batch (Lambda would retry it, fail again, and
                // every other error in it would never page): it pages with its text withheld.
                reading = Reading.logged(event, withheldLine(e));
                withheld++;
            }
            switch (reading.kind()) {
                case PLATFORM_ROUTINE, INVOCATION_START -> platformLines++;
                case TELEMETRY -> telemetryLines++;
                default -> { }
            }
            readings.add(reading);
        }
        FailureEpisodes episodes = FailureEpisodes.of(readings);
        Map<String, ErrorGroup> byFingerprint = new HashMap<>();
        List<ErrorGroup> inOrder = new ArrayList<>();
        int errorLines = 0;
        for (int i = 0; i < readings.size(); i++) {
            Reading reading = readings.get(i);
            if (reading.kind() != Reading.Kind.ERROR && !(reading.kind() == Reading.Kind.PLATFORM_FAILURE && !episodes.isExplained(i))) {
                continue;
            }
            errorLines++;
            ErrorLine line = reading.line();
            String headline;
            try {
                headline = EncodedData.elide(settings.redactor().redactPrefix(line.headline(), HEADLINE_CHARS));
            } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
                line = withheldLine(e);
                headline = line.headline();
                withheld++;
            }
            ErrorFingerprint fingerprint = ErrorFingerprint.of(batch.logGroup(), headline);
            ErrorGroup group = byFingerprint.get(fingerprint.text());
            if (group == null) {
                group = new ErrorGroup(fingerprint, settings.sampleLines());
                byFingerprint.put(fingerprint.text(), group);
                inOrder.add(group);
            }
            group.add(reading.event(), batch.logStream(), line, headline, severity(line));
            for (Reading failure : episodes.explainedBy(i)) {
                String failureHeadline = failure.line().headline();
                try {
                    failureHeadline = settings.redactor().redactPrefix(failureHeadline, HEADLINE_CHARS);
                } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
                    failureHeadline = withheldLine(e).headline();
                    withheld++;
                }
                group.addExplained(failure.event(), batch.logStream(), failure.line(), failureHeadline, severity(failure.line()));
            }
        }
        // A stable sort: equally big groups keep the order they first appeared in.
        inOrder.sort(Comparator.comparingInt(ErrorGroup::occurrences).reversed());
        int paged = Math.min(inOrder.size(), settings.maxIncidentsPerBatch());
        List<PagerDutyEvent> events = new ArrayList<>(paged + 1);
        for (ErrorGroup group : inOrder.subList(0, paged)) {
            events.add(trigger(batch, group));
        }
        List<ErrorGroup> folded = inOrder.subList(paged, inOrder.size());
        if (!folded.isEmpty()) {
            events.add(stormSummary(batch, folded));
        }
        return new Incidents(List.copyOf(events), errorLines, inOrder.size(), folded.size(), platformLines, telemetryLines,
                withheld);
    }

    /** A line that could not be read or redacted: paged, so nobody misses it, but none of its text leaves AWS. */
    private static ErrorLine withheldLine(Throwable cause) {
        String title = WITHHELD + " (" + cause.getClass().getSimpleName() + ")";
        return new ErrorLine(LogLevel.ERROR, title, null, title + "; read it in the log stream linked here", null, null);
    }

    /** One log event, read once: what the platform, a telemetry tool or the function's logger made of it. */
    private static Reading read(LogEvent event) {
        return switch (LambdaPlatformLines.classify(event.message())) {
            case LambdaPlatformLines.Routine routine -> Reading.routine(event, routine.type());
            case LambdaPlatformLines.Failure failure -> Reading.failure(event,
                    new ErrorLine(LogLevel.ERROR, failure.headline(), null, event.message().strip(), failure.requestId(), null));
            case LambdaPlatformLines.NotPlatform notPlatform -> TelemetryLines.toolOf(event.message()) != null
                    ? Reading.telemetry(event) : Reading.logged(event, ErrorLineParser.parse(event.message()));
        };
    }

    private Severity severity(ErrorLine line) {
        return line.level() == null ? settings.defaultSeverity() : line.level().severity();
    }

    private PagerDutyEvent trigger(LogsSubscriptionBatch batch, ErrorGroup group) {
        ErrorGroup.Sample first = group.first();
        ErrorFingerprint fingerprint = group.fingerprint();
        String exceptionClass = first.line().exceptionClass();
        PagerDutyEvent.Builder event = PagerDutyEvent.trigger(fingerprint.dedupKey(),
                        shortName(batch.logGroup()) + ": " + first.headline(), batch.logGroup(), group.severity())
                .timestamp(Instant.ofEpochMilli(group.firstMillis()))
                .component(component(batch, first))
                .group(shortName(batch.logGroup()))
                .eventClass(exceptionClass != null ? exceptionClass : first.line().level() != null ? first.line().level().name() : null)
                .customDetails(details(batch, group));
        if (links != null) {
            event.link(links.logStream(batch.logGroup(), first.logStream(), first.event().timestamp()), "Log stream " + first.logStream())
                    .link(links.insights(batch.logGroup(), InsightsQuery.forFingerprint(fingerprint.text()), group.firstMillis(),
                            group.lastMillis()), "Logs Insights: this error in " + batch.logGroup())
                    .client(CLIENT, links.logGroup(batch.logGroup()));
        } else {
            event.client(CLIENT, null);
        }
        return event.build();
    }

    private JsonObject details(LogsSubscriptionBatch batch, ErrorGroup group) {
        JsonObject details = new JsonObject();
        details.addProperty("occurrences", group.occurrences());
        details.addProperty("first_seen", Instant.ofEpochMilli(group.firstMillis()).toString());
        details.addProperty("last_seen", Instant.ofEpochMilli(group.lastMillis()).toString());
        details.addProperty("log_group", batch.logGroup());
        JsonArray streams = new JsonArray();
        group.logStreams().stream().limit(LOG_STREAMS_LISTED).forEach(streams::add);
        details.add("log_streams", streams);
        if (!batch.owner().isEmpty()) {
            details.addProperty("account", batch.owner());
        }
        details.addProperty("fingerprint", group.fingerprint().text());
        JsonArray samples = new JsonArray();
        for (ErrorGroup.Sample sample : group.samples()) {
            JsonObject entry = new JsonObject();
            entry.addProperty("timestamp", Instant.ofEpochMilli(sample.event().timestamp()).toString());
            entry.addProperty("log_stream", sample.logStream());
            if (sample.line().requestId() != null) {
                entry.addProperty("request_id", Truncate.toLength(sample.line().requestId(), 100));
            }
            if (samples.isEmpty()) {
                entry.addProperty("message", fullText(sample.line()));
            } else if (!sample.headline().equals(group.first().headline())) {
                entry.addProperty("message", sample.headline()); // the same words again would only repeat the title
            }
            samples.add(entry);
        }
        details.add("samples", samples);
        return details;
    }

    /** The first occurrence in full, stack trace included, redacted, cut to {@link #FIRST_SAMPLE_BYTES}. */
    private String fullText(ErrorLine line) {
        try {
            return Truncate.toUtf8Bytes(settings.redactor().redactPrefix(line.text(), FIRST_SAMPLE_BYTES), FIRST_SAMPLE_BYTES);
        } catch (RuntimeException | StackOverflowError | LinkageError | AssertionError e) {
            return withheldLine(e).text();
        }
    }

    /**
     * One trigger for all the groups past the cap, so a storm of distinct errors pages once more, not hundreds of times
     * (PagerDuty accepts about 120 events a minute per routing key). Its key is stable per log group, so storms in
     * later batches add to the same incident.
     */
    private PagerDutyEvent stormSummary(LogsSubscriptionBatch batch, List<ErrorGroup> folded) {
        int occurrences = 0;
        Severity severity = Severity.INFO;
        JsonArray errors = new JsonArray();
        for (ErrorGroup group : folded) {
            occurrences += group.occurrences();
            severity = severity.max(group.severity());
            if (errors.size() < FOLDED_ERRORS_LISTED) {
                JsonObject error = new JsonObject();
                error.addProperty("occurrences", group.occurrences());
                error.addProperty("headline", group.first().headline());
                error.addProperty("dedup_key", group.fingerprint().dedupKey());
                errors.add(error);
            }
        }
        JsonObject details = new JsonObject();
        details.addProperty("folded_errors", folded.size());
        details.addProperty("folded_occurrences", occurrences);
        details.addProperty("max_incidents_per_batch", settings.maxIncidentsPerBatch());
        details.addProperty("log_group", batch.logGroup());
        details.add("errors", errors);
        long first = folded.stream().mapToLong(ErrorGroup::firstMillis).min().orElse(0);
        long last = folded.stream().mapToLong(ErrorGroup::lastMillis).max().orElse(0);
        PagerDutyEvent.Builder event = PagerDutyEvent.trigger(DedupKey.hashed("alert-relay-logs-storm-", batch.logGroup()),
                        shortName(batch.logGroup()) + ": " + folded.size() + " more distinct errors (" + occurrences
                                + " lines) folded by storm control", batch.logGroup(), severity)
                .timestamp(Instant.ofEpochMilli(first))
                .group(shortName(batch.logGroup()))
                .eventClass("storm control")
                .customDetails(details);
        if (links != null) {
            event.link(links.insights(batch.logGroup(), InsightsQuery.ERRORS, first, last), "Logs Insights: errors in " + batch.logGroup())
                    .client(CLIENT, links.logGroup(batch.logGroup()));
        } else {
            event.client(CLIENT, null);
        }
        return event.build();
    }

    /** The service a JSON line names, else the Lambda function of a /aws/lambda/ group, else the log stream. */
    private static String component(LogsSubscriptionBatch batch, ErrorGroup.Sample first) {
        if (first.line().service() != null) {
            return first.line().service();
        }
        if (batch.logGroup().startsWith("/aws/lambda/")) {
            return shortName(batch.logGroup());
        }
        return first.logStream();
    }

    /**
     * The last part of a log group's name: {@code /aws/lambda/orders-api} reads as {@code orders-api}; an RDS log group
     * keeps its instance, {@code /aws/rds/instance/shop-db/error} reads as {@code shop-db/error}.
     */
    static String shortName(String logGroup) {
        String trimmed = logGroup.endsWith("/") ? logGroup.substring(0, logGroup.length() - 1) : logGroup;
        int slash = trimmed.lastIndexOf('/');
        if (trimmed.startsWith("/aws/rds/") && slash > 0 && trimmed.lastIndexOf('/', slash - 1) > "/aws/rds".length()) {
            slash = trimmed.lastIndexOf('/', slash - 1);
        }
        String last = slash < 0 ? trimmed : trimmed.substring(slash + 1);
        return last.isEmpty() ? logGroup : last;
    }
}
