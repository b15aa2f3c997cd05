package dev.alertrelay.logs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which platform failure each error explains, so an init failure or a timeout and the error lines that explain it
 * become one incident whose summary is the real error ({@code ModuleNotFoundError: No module named 'requests'}),
 * not the runtime's wrapper ({@code INIT_REPORT ... Status: error}, {@code Task timed out}, {@code Runtime exited}).
 *
 * <p>A failure is explained by the nearest error the function logged before it, else the first after it, within the
 * same invocation: not past a {@code START}/{@code INIT_START} line, not across a different request id (when both
 * name one), at most {@link #WINDOW_MILLIS} apart and {@link #LINES_SEARCHED} lines away. A failure nothing explains
 * stays its own incident under its fixed headline.
 */
final class FailureEpisodes {

    /** Lambda's longest invocation. */
    static final long WINDOW_MILLIS = 15 * 60 * 1000L;
    /** Bounds the search, so a batch of failures alone stays linear. */
    static final int LINES_SEARCHED = 50;

    private final Map<Integer, List<Reading>> byExplainer;
    private final Set<Integer> explained;

    private FailureEpisodes(Map<Integer, List<Reading>> byExplainer, Set<Integer> explained) {
        this.byExplainer = byExplainer;
        this.explained = explained;
    }

    static FailureEpisodes of(List<Reading> readings) {
        Map<Integer, List<Reading>> byExplainer = new HashMap<>();
        Set<Integer> explained = new HashSet<>();
        for (int i = 0; i < readings.size(); i++) {
            Reading failure = readings.get(i);
            if (failure.kind() != Reading.Kind.PLATFORM_FAILURE) {
                continue;
            }
            int explainer = search(readings, i, -1);
            if (explainer < 0) {
                explainer = search(readings, i, +1);
            }
            if (explainer >= 0) {
                byExplainer.computeIfAbsent(explainer, k -> new ArrayList<>()).add(failure);
                explained.add(i);
            }
        }
        return new FailureEpisodes(byExplainer, explained);
    }

    private static int search(List<Reading> readings, int failureIndex, int step) {
        Reading failure = readings.get(failureIndex);
        for (int k = 1; k <= LINES_SEARCHED; k++) {
            int j = failureIndex + step * k;
            if (j < 0 || j >= readings.size()) {
                return -1;
            }
            Reading candidate = readings.get(j);
            if (candidate.kind() == Reading.Kind.INVOCATION_START) {
                return -1;
            }
            if (Math.abs(candidate.event().timestamp() - failure.event().timestamp()) > WINDOW_MILLIS) {
                return -1;
            }
            if (candidate.canExplainAFailure() && sameInvocation(candidate.line().requestId(), failure.line().requestId())) {
                return j;
            }
        }
        return -1;
    }

    private static boolean sameInvocation(String one, String other) {
        return one == null || other == null || Objects.equals(one, other);
    }

    /** The failures the error at {@code index} explains, in the order they were logged. */
    List<Reading> explainedBy(int index) {
        return byExplainer.getOrDefault(index, List.of());
    }

    boolean isExplained(int index) {
        return explained.contains(index);
    }
}
