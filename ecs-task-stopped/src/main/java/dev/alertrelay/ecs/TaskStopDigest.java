package dev.alertrelay.ecs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The failed stops of one service (or, for standalone tasks, one task family) in one batch: what a crash loop looks
 * like, folded into one message instead of one per task.
 *
 * @param stops the stops, each with its classification, in delivery order
 */
record TaskStopDigest(List<Stop> stops) {

    /** One classified stop and the SQS message it came in (null outside SQS). */
    record Stop(TaskStop task, TaskStopClassifier.Classification classification, String messageId) {
    }

    /** Failures of the task itself first: they are what the on-call engineer fixes. */
    static final List<StopCategory> MOST_TELLING_FIRST = List.of(StopCategory.OUT_OF_MEMORY,
            StopCategory.FAILED_TO_START, StopCategory.CRASHED, StopCategory.FAILED_HEALTH_CHECKS, StopCategory.UNKNOWN,
            StopCategory.SPOT_INTERRUPTION, StopCategory.INFRASTRUCTURE, StopCategory.COMPLETED, StopCategory.ROUTINE);

    TaskStopDigest {
        stops = List.copyOf(stops);
    }

    /** What stops are grouped by: cluster and service, or cluster and task family for standalone tasks. */
    static String groupKeyOf(TaskStop task) {
        String owner = task.serviceName() != null ? "service:" + task.serviceName() : "family:" + task.family();
        return task.clusterArn() + "|" + owner;
    }

    /** The stop to show in full: the most telling category, and of those the latest. */
    Stop mostTelling() {
        return stops.stream().min(Comparator.<Stop>comparingInt(s -> MOST_TELLING_FIRST.indexOf(s.classification().category()))
                .thenComparing(s -> s.task().stopTime(), Comparator.nullsLast(Comparator.reverseOrder()))).orElseThrow();
    }

    Stop mostRecent() {
        return stops.stream().max(Comparator.comparing(s -> s.task().stopTime(), Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow();
    }

    /** Stops per category, most telling first. */
    Map<StopCategory, Integer> countsByCategory() {
        Map<StopCategory, Integer> counts = new EnumMap<>(StopCategory.class);
        for (Stop stop : stops) {
            counts.merge(stop.classification().category(), 1, Integer::sum);
        }
        return counts;
    }

    /** The distinct non-zero exit codes of the culprits of one category, for "crashed x2 (exit 1)". */
    List<Integer> exitCodesOf(StopCategory category) {
        TreeSet<Integer> codes = new TreeSet<>();
        for (Stop stop : stops) {
            TaskStop.Container culprit = stop.classification().culprit();
            if (stop.classification().category() == category && culprit != null && culprit.exitCode() != null && culprit.exitCode() != 0) {
                codes.add(culprit.exitCode());
            }
        }
        return new ArrayList<>(codes);
    }

    /** The task definition revisions the stopped tasks ran, newest first. */
    List<String> revisions() {
        return stops.stream().map(s -> s.task().revision()).filter(Objects::nonNull).distinct()
                .sorted(Comparator.comparing((String r) -> r.length()).thenComparing(Comparator.naturalOrder()).reversed()).toList();
    }

    /** From the first stop to the last, or null when the events carry no stop times. */
    Duration span() {
        List<Instant> times = stops.stream().map(s -> s.task().stopTime()).filter(Objects::nonNull).sorted().toList();
        return times.isEmpty() ? null : Duration.between(times.get(0), times.get(times.size() - 1));
    }

    List<String> messageIds() {
        return stops.stream().map(Stop::messageId).filter(Objects::nonNull).distinct().toList();
    }
}
