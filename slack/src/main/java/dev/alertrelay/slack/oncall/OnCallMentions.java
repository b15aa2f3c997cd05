package dev.alertrelay.slack.oncall;

import java.util.List;
import java.util.Objects;

/**
 * What a ringing message adds for the people on call: their mentions ({@code <@U123>}), and a line of plain text for
 * anyone who could not be mentioned, by schedule ("On call: Payments primary (PagerDuty lookup failed)"). The line
 * holds names from PagerDuty, untrusted text: it is shown escaped, never as markup.
 *
 * @param note the line, or null when everyone on call is mentioned
 */
public record OnCallMentions(List<String> mentions, String note) {

    public static final OnCallMentions NONE = new OnCallMentions(List.of(), null);

    /** Someone on call who is named instead of mentioned, and why (null: webhook mode, where nobody is mentioned). */
    record Unmentioned(String name, String why) {
        @Override
        public String toString() {
            return why == null ? name : name + " (" + why + ")";
        }
    }

    /**
     * What was found for one schedule.
     *
     * @param name    its name in PagerDuty, or null when PagerDuty never answered for it
     * @param problem why nobody could be named (PagerDuty failed, nobody on call), or null
     */
    record Schedule(String id, String name, List<String> mentions, List<Unmentioned> unmentioned, String problem) {

        static Schedule failed(String id, String name, String problem) {
            return new Schedule(id, name, List.of(), List.of(), problem);
        }

        /** The schedule as people know it: its name, or its id when PagerDuty did not say. */
        String label() {
            return name != null ? name : "PagerDuty schedule " + id;
        }

        /** How the note names what could not be mentioned, or null. */
        String line() {
            if (problem != null) {
                return label() + " (" + problem + ")";
            }
            return unmentioned.isEmpty() ? null
                    : label() + ": " + String.join(", ", unmentioned.stream().map(Unmentioned::toString).toList());
        }
    }

    static OnCallMentions of(List<Schedule> schedules) {
        List<String> mentions = schedules.stream().flatMap(schedule -> schedule.mentions().stream()).distinct().toList();
        List<String> lines = schedules.stream().map(Schedule::line).filter(Objects::nonNull).toList();
        return new OnCallMentions(mentions, lines.isEmpty() ? null : "On call: " + String.join("; ", lines));
    }
}
