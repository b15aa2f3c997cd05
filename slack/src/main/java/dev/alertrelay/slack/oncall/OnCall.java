package dev.alertrelay.slack.oncall;

import dev.alertrelay.common.http.Deadline;

import java.util.List;

/**
 * The PagerDuty schedules of one notification, whose people on call it mentions when it rings: looked up when first
 * asked ({@link #mentions}), within the notification's invocation, and then the same for every message of the
 * notification (the message and its thread's plan read alike, and a dry run prints its call once).
 */
public final class OnCall {

    public static final OnCall NONE = new OnCall(null, List.of(), null);

    private final OnCallLookup lookup;
    private final List<String> schedules;
    private final Deadline deadline;
    private OnCallMentions found;

    /**
     * @param lookup    the container's lookup, or null when {@code PAGERDUTY_API_KEY} is not configured
     * @param schedules the routes' schedule ids (may be empty)
     * @param deadline  the invocation's
     */
    public OnCall(OnCallLookup lookup, List<String> schedules, Deadline deadline) {
        this.lookup = lookup;
        this.schedules = List.copyOf(schedules);
        this.deadline = deadline;
    }

    public List<String> schedules() {
        return schedules;
    }

    /** Who is on call now, or {@link OnCallMentions#NONE} without schedules or without a configured lookup. */
    public synchronized OnCallMentions mentions() {
        if (found == null) {
            found = lookup == null || schedules.isEmpty() ? OnCallMentions.NONE : lookup.mentions(schedules, deadline);
        }
        return found;
    }

    /** Several notifications posted together (a storm): every schedule of any of them, once. */
    public static OnCall together(List<OnCall> all) {
        List<String> schedules = all.stream().flatMap(onCall -> onCall.schedules.stream()).distinct().toList();
        OnCall first = all.stream().filter(onCall -> onCall.lookup != null).findFirst().orElse(NONE);
        return schedules.isEmpty() ? NONE : new OnCall(first.lookup, schedules, first.deadline);
    }
}
