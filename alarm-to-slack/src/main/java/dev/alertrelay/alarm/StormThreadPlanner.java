package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmConsoleLinks;
import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.text.Durations;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.thread.ThreadPost;
import dev.alertrelay.slack.thread.ThreadRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Slack app mode: an alarm storm is one thread. Its top message lists the storm's alarms and their current states and
 * is updated as each one changes ("4 of 7 still in ALARM"); each alarm's later changes reply in that thread; when the
 * last one recovers, the top message turns green with the outage's duration and the thread closes. An alarm that goes
 * into ALARM within {@link #WINDOW} of the storm's start joins it. One storm thread per channel at a time.
 *
 * <p>The thread record's facts hold the members: {@code a:<alarm name>} is {@code <STATE>|<console link>}.
 */
final class StormThreadPlanner {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final String MEMBER = "a:";
    private static final int LISTED_MAX = AlarmStormFormatter.LISTED_MAX;
    private static final int NAME_MAX = 100;
    private static final int MEMBERS_KEPT = 200;
    private static final int LINK_KEPT = 400;
    private static final String MORE = "more";

    private StormThreadPlanner() {
    }

    static String threadId(SlackNotifier.Destination where) {
        return "storm|" + switch (where) {
            case SlackNotifier.Destination.Channel channel -> channel.id();
            case SlackNotifier.Destination.Webhook webhook -> webhook.secretName();
        };
    }

    /** The key of one storm batch: the same changes, however often the batch is delivered. */
    static String stormKey(List<CloudWatchAlarm> alarms) {
        List<String> changes = alarms.stream().map(alarm -> alarm.name() + "#" + AlarmThreadPlanner.notificationKey(alarm)).sorted().toList();
        return "storm|" + Integer.toHexString(String.join(",", changes).hashCode()) + "|" + changes.size();
    }

    /** The key of one member's change. */
    static String memberKey(CloudWatchAlarm alarm) {
        return "member|" + alarm.name() + "#" + AlarmThreadPlanner.notificationKey(alarm);
    }

    /** Whether one alarm's change goes to the open storm: it is one of its alarms, or a new ALARM within the window. */
    static boolean belongs(CloudWatchAlarm alarm, ThreadRecord storm, Instant now) {
        if (storm == null || !storm.isOpen()) {
            return false;
        }
        Instant when = alarm.stateChangeTime() == null ? now : alarm.stateChangeTime();
        return storm.fact(memberName(alarm)) != null || (alarm.state() == AlarmState.ALARM && withinWindow(storm, when));
    }

    /** A batch's storm: a new thread, or (within the window, or for its own alarms) a reply that updates the open one. */
    static ThreadPost planStorm(List<CloudWatchAlarm> alarms, AlarmStormFormatter.Part part, ThreadRecord current, Instant now) {
        AlarmState state = alarms.get(0).state();
        Instant when = alarms.stream().map(CloudWatchAlarm::stateChangeTime).filter(Objects::nonNull).max(Comparator.naturalOrder())
                .orElse(now);
        boolean joins = current != null && current.isOpen()
                && (state == AlarmState.ALARM ? withinWindow(current, when) : alarms.stream().anyMatch(a -> current.fact(memberName(a)) != null));
        if (!joins) {
            if (state != AlarmState.ALARM) {
                return ThreadPost.standalone(AlarmStormFormatter.format(alarms, part), state.name(), when, Map.of());
            }
            Instant since = AlarmStormFormatter.mostTelling(alarms).stateChangeTime();
            Map<String, String> members = with(new LinkedHashMap<>(), alarms);
            return ThreadPost.start(AlarmStormFormatter.format(alarms, part), since == null ? now : since, state.name(), members, null);
        }
        Map<String, String> members = with(new LinkedHashMap<>(current.facts()), alarms);
        boolean resolved = stillAlarming(members) == 0;
        return ThreadPost.reply(AlarmStormFormatter.format(alarms, part), top(members, current.since(), when), resolved,
                resolved ? AlarmState.OK.name() : AlarmState.ALARM.name(), when, members);
    }

    /** One alarm's change in the open storm: a reply, and the top message updated. */
    static ThreadPost planMember(CloudWatchAlarm alarm, ThreadRecord current, Instant now) {
        Instant when = alarm.stateChangeTime() == null ? now : alarm.stateChangeTime();
        if (current == null || !current.isOpen()) {
            // The storm closed between choosing this thread and posting: the change still reads on its own.
            return ThreadPost.standalone(AlarmMessageFormatter.format(alarm), alarm.state().name(), when, Map.of());
        }
        Map<String, String> members = with(new LinkedHashMap<>(current.facts()), List.of(alarm));
        boolean resolved = stillAlarming(members) == 0;
        return ThreadPost.reply(AlarmThreadPlanner.reply(alarm, current.since(), false), top(members, current.since(), when), resolved,
                resolved ? AlarmState.OK.name() : AlarmState.ALARM.name(), when, members);
    }

    /** The top message as the storm stands: how many still in ALARM, or resolved after how long; every alarm's state. */
    static SlackMessage top(Map<String, String> members, Instant since, Instant lastChange) {
        int total = (int) members.keySet().stream().filter(name -> name.startsWith(MEMBER)).count();
        int alarming = stillAlarming(members);
        String headline = alarming == 0
                ? "Storm resolved" + (since == null || lastChange == null || lastChange.isBefore(since) ? ""
                        : " after " + Durations.inWords(Duration.between(since, lastChange))) + ": " + total + " alarms"
                : "Alarm storm: " + alarming + " of " + total + " still in ALARM";
        SlackMessage.Builder message = SlackMessage.builder()
                .text(headline)
                .color(AlarmMessageFormatter.color(alarming == 0 ? AlarmState.OK : AlarmState.ALARM))
                .attachmentBlock(Blocks.header(AlarmMessageFormatter.emoji(alarming == 0 ? AlarmState.OK : AlarmState.ALARM) + " " + headline));
        if (since != null) {
            message.attachmentBlock(Blocks.context(List.of(Mrkdwn.text("since ").then(SlackTimes.of(since)))));
        }
        List<Map.Entry<String, String>> listed = members.entrySet().stream().filter(entry -> entry.getKey().startsWith(MEMBER))
                .sorted(Comparator.comparing((Map.Entry<String, String> entry) -> !stateOf(entry.getValue()).equals(AlarmState.ALARM.name()))
                        .thenComparing(Map.Entry::getKey))
                .toList();
        Mrkdwn section = Mrkdwn.empty();
        int shown = 0;
        for (Map.Entry<String, String> member : listed) {
            if (shown == LISTED_MAX) {
                break;
            }
            Mrkdwn line = line(member.getKey().substring(MEMBER.length()), member.getValue());
            if (!section.isEmpty() && section.length() + line.length() + 1 > Blocks.SECTION_TEXT_MAX - 200) {
                message.attachmentBlock(Blocks.section(section));
                section = Mrkdwn.empty();
            }
            section = section.isEmpty() ? line : section.thenTrusted("\n").then(line);
            shown++;
        }
        long more = listed.size() - shown + Long.parseLong(members.getOrDefault(MORE, "0"));
        if (more > 0) {
            section = section.thenTrusted("\n").then(Mrkdwn.text("and " + more + " more"));
        }
        if (!section.isEmpty()) {
            message.attachmentBlock(Blocks.section(section));
        }
        return message.build();
    }

    private static Mrkdwn line(String name, String value) {
        String state = stateOf(value);
        String link = value.indexOf('|') < 0 ? "" : value.substring(value.indexOf('|') + 1);
        String shortName = Truncate.toLength(name, NAME_MAX);
        AlarmState parsed = AlarmState.parse(state);
        return Mrkdwn.trusted((parsed == null ? "\u2022" : AlarmMessageFormatter.emoji(parsed)) + " ")
                .then(link.isEmpty() ? Mrkdwn.bold(shortName) : Mrkdwn.link(link, shortName)).then(" " + state);
    }

    /**
     * The members with these changes. At most {@value #MEMBERS_KEPT} alarms are kept by name (a DynamoDB item holds
     * 400 KB); later ones are counted in {@code more}, so the top message still says how big the storm is.
     */
    private static Map<String, String> with(Map<String, String> members, List<CloudWatchAlarm> alarms) {
        for (CloudWatchAlarm alarm : alarms) {
            String name = memberName(alarm);
            if (!members.containsKey(name) && memberCount(members) >= MEMBERS_KEPT) {
                members.merge(MORE, "1", (a, b) -> String.valueOf(Long.parseLong(a) + 1));
                continue;
            }
            String link = AlarmConsoleLinks.alarm(alarm);
            members.put(name, alarm.state().name() + "|" + (link == null || link.length() > LINK_KEPT ? "" : link));
        }
        return members;
    }

    private static String memberName(CloudWatchAlarm alarm) {
        return MEMBER + Truncate.toLength(alarm.name(), NAME_MAX);
    }

    private static long memberCount(Map<String, String> members) {
        return members.keySet().stream().filter(key -> key.startsWith(MEMBER)).count();
    }

    private static int stillAlarming(Map<String, String> members) {
        return (int) members.entrySet().stream().filter(entry -> entry.getKey().startsWith(MEMBER))
                .filter(entry -> stateOf(entry.getValue()).equals(AlarmState.ALARM.name())).count();
    }

    private static String stateOf(String value) {
        int bar = value.indexOf('|');
        return bar < 0 ? value : value.substring(0, bar);
    }

    /** Whether a change at {@code when} (the alarm's own time, not the clock: a batch may arrive late) is of this storm. */
    private static boolean withinWindow(ThreadRecord storm, Instant when) {
        return storm.since() == null || !when.isAfter(storm.since().plus(WINDOW));
    }
}
