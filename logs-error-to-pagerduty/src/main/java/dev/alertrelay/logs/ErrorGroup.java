package dev.alertrelay.logs;

import dev.alertrelay.logs.LogsSubscriptionBatch.LogEvent;
import dev.alertrelay.pagerduty.Severity;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The occurrences of one {@link ErrorFingerprint} in a batch: what becomes one PagerDuty incident. */
final class ErrorGroup {

    /** One kept occurrence; {@code headline} is already redacted. */
    record Sample(LogEvent event, String logStream, ErrorLine line, String headline) {
    }

    private final ErrorFingerprint fingerprint;
    private final int sampleLimit;
    private final List<Sample> samples = new ArrayList<>();
    private final Set<String> logStreams = new LinkedHashSet<>();
    private Severity severity;
    private int occurrences;
    private long firstMillis = Long.MAX_VALUE;
    private long lastMillis = Long.MIN_VALUE;

    ErrorGroup(ErrorFingerprint fingerprint, int sampleLimit) {
        this.fingerprint = fingerprint;
        this.sampleLimit = sampleLimit;
    }

    void add(LogEvent event, String logStream, ErrorLine line, String headline, Severity lineSeverity) {
        occurrences++;
        severity = lineSeverity.max(severity);
        firstMillis = Math.min(firstMillis, event.timestamp());
        lastMillis = Math.max(lastMillis, event.timestamp());
        logStreams.add(logStream);
        if (samples.size() < sampleLimit) {
            samples.add(new Sample(event, logStream, line, headline));
        }
    }

    /**
     * A platform line (an init error report, a timeout) that this group's error explains: shown among the samples and
     * counted in the time range and severity, not as another occurrence of the error.
     */
    void addExplained(LogEvent event, String logStream, ErrorLine line, String headline, Severity lineSeverity) {
        int before = occurrences;
        add(event, logStream, line, headline, lineSeverity);
        occurrences = before;
    }

    ErrorFingerprint fingerprint() {
        return fingerprint;
    }

    Severity severity() {
        return severity;
    }

    int occurrences() {
        return occurrences;
    }

    long firstMillis() {
        return firstMillis;
    }

    long lastMillis() {
        return lastMillis;
    }

    Set<String> logStreams() {
        return logStreams;
    }

    /** The first occurrences, in the order they were logged; never empty. */
    List<Sample> samples() {
        return samples;
    }

    Sample first() {
        return samples.get(0);
    }
}
