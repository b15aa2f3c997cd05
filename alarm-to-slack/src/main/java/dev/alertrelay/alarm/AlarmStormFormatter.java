package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmConditions;
import dev.alertrelay.common.alarm.AlarmConsoleLinks;
import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An alarm storm, several alarms that changed to the same state together, as one message a person reads at a glance:
 * how many, where (accounts, regions), one line per alarm (its name linking to the alarm, its condition in words,
 * since when), and the most telling one, the first to change, in full. Pure: no I/O, no configuration.
 *
 * <p>Slack's limits hold by construction: the list is split into sections of at most
 * {@value Blocks#SECTION_TEXT_MAX} characters, and a message names at most {@value #LISTED_MAX} alarms (a larger
 * storm is several parts; a list longer than that is cut with "and N more"); the message stays far below 50 blocks.
 */
final class AlarmStormFormatter {

    static final int LISTED_MAX = 60;
    private static final int NAME_MAX = 100;
    private static final int CONDITION_MAX = 140;
    private static final int SECTION_BUDGET = Blocks.SECTION_TEXT_MAX - 200;
    private static final int NOTIFICATION_NAMES = 3;

    private AlarmStormFormatter() {
    }

    /**
     * Which part of a storm a message is: a storm of more than {@value #LISTED_MAX} alarms is several messages, so that
     * every alarm is named (the first part also shows the first to change in full).
     *
     * @param total the alarms of the whole storm
     */
    record Part(int number, int of, int total) {

        static Part whole(int total) {
            return new Part(1, 1, total);
        }
    }

    /** @param alarms two or more alarm changes, all to the same state */
    static SlackMessage format(List<CloudWatchAlarm> alarms) {
        return format(alarms, Part.whole(alarms.size()));
    }

    /** @param alarms the alarm changes of this part (at most {@value #LISTED_MAX}), all to the same state */
    static SlackMessage format(List<CloudWatchAlarm> alarms, Part part) {
        AlarmState state = alarms.get(0).state();
        SlackMessage.Builder message = SlackMessage.builder()
                .text(notificationLine(alarms, part))
                .color(AlarmMessageFormatter.color(state))
                .attachmentBlock(Blocks.header(AlarmMessageFormatter.emoji(state) + " " + headline(state, part)))
                .attachmentBlock(Blocks.context(where(alarms)));
        for (Mrkdwn section : listSections(alarms)) {
            message.attachmentBlock(Blocks.section(section));
        }
        if (part.number() == 1) {
            CloudWatchAlarm telling = mostTelling(alarms);
            message.attachmentBlock(Blocks.divider())
                    .attachmentBlock(Blocks.section(Mrkdwn.bold((state == AlarmState.OK ? "First to recover: " : "First to change: ")
                            + Truncate.toLength(telling.name(), NAME_MAX))));
            AlarmMessageFormatter.details(telling, null).forEach(message::attachmentBlock);
        }
        return message.build();
    }

    /** {@code 7 alarms in ALARM}, {@code 7 alarms recovered (OK)}. */
    static String headline(List<CloudWatchAlarm> alarms) {
        return headline(alarms.get(0).state(), Part.whole(alarms.size()));
    }

    /** {@code 7 alarms in ALARM}; {@code 130 alarms in ALARM (part 2 of 3)}. */
    static String headline(AlarmState state, Part part) {
        return part.total() + " alarms " + (state == AlarmState.OK ? "recovered (OK)" : "in " + state)
                + (part.of() > 1 ? " (part " + part.number() + " of " + part.of() + ")" : "");
    }

    /** The push notification: {@code ALARM storm: 7 alarms in ALARM: api-5xx, db-cpu, shop-alb and 4 more}. */
    static String notificationLine(List<CloudWatchAlarm> alarms) {
        return notificationLine(alarms, Part.whole(alarms.size()));
    }

    private static String notificationLine(List<CloudWatchAlarm> alarms, Part part) {
        List<String> names = alarms.stream().map(CloudWatchAlarm::name).limit(NOTIFICATION_NAMES)
                .map(name -> Truncate.toLength(name, NAME_MAX)).toList();
        int more = alarms.size() - names.size();
        return Truncate.toLength(alarms.get(0).state() + " storm: " + headline(alarms.get(0).state(), part) + ": "
                + String.join(", ", names) + (more > 0 ? " and " + more + " more" : ""), SlackMessage.TEXT_MAX);
    }

    /** The first alarm to change (the likeliest cause); in delivery order when times are equal or unknown. */
    static CloudWatchAlarm mostTelling(List<CloudWatchAlarm> alarms) {
        return alarms.stream().min(Comparator.comparing(CloudWatchAlarm::stateChangeTime,
                Comparator.nullsLast(Comparator.naturalOrder()))).orElseThrow();
    }

    private static List<Mrkdwn> where(List<CloudWatchAlarm> alarms) {
        TreeSet<String> accounts = new TreeSet<>();
        TreeSet<String> regions = new TreeSet<>();
        for (CloudWatchAlarm alarm : alarms) {
            if (alarm.accountId() != null) {
                accounts.add(alarm.accountId());
            }
            if (alarm.region() != null) {
                regions.add(alarm.region());
            }
        }
        List<Mrkdwn> context = new ArrayList<>();
        if (!accounts.isEmpty()) {
            context.add(Mrkdwn.text((accounts.size() == 1 ? "account " : accounts.size() + " accounts: ") + joined(accounts)));
        }
        if (!regions.isEmpty()) {
            context.add(Mrkdwn.text((regions.size() == 1 ? "region " : regions.size() + " regions: ") + joined(regions)));
        }
        Instant first = alarms.stream().map(CloudWatchAlarm::stateChangeTime).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        if (first != null) {
            context.add(Mrkdwn.text("since ").then(SlackTimes.of(first)));
        }
        return context;
    }

    private static String joined(TreeSet<String> values) {
        List<String> shown = values.stream().limit(5).map(value -> Truncate.toLength(value, 40)).toList();
        return String.join(", ", shown) + (values.size() > shown.size() ? " and " + (values.size() - shown.size()) + " more" : "");
    }

    /** One line per alarm, in sections that each fit Slack's limit; past {@link #LISTED_MAX}, "and N more". */
    private static List<Mrkdwn> listSections(List<CloudWatchAlarm> alarms) {
        List<Mrkdwn> sections = new ArrayList<>();
        Mrkdwn current = Mrkdwn.empty();
        int listed = Math.min(alarms.size(), LISTED_MAX);
        for (CloudWatchAlarm alarm : alarms.subList(0, listed)) {
            Mrkdwn line = line(alarm);
            if (!current.isEmpty() && current.length() + line.length() + 1 > SECTION_BUDGET) {
                sections.add(current);
                current = Mrkdwn.empty();
            }
            current = current.isEmpty() ? line : current.thenTrusted("\n").then(line);
        }
        if (alarms.size() > listed) {
            Mrkdwn more = Mrkdwn.text("and " + (alarms.size() - listed) + " more");
            current = current.isEmpty() ? more : current.thenTrusted("\n").then(more);
        }
        if (!current.isEmpty()) {
            sections.add(current);
        }
        return sections;
    }

    /** {@code • <link|shop-alb-no-healthy-hosts>: HealthyHostCount < 1 for 1 minute, since 03:04}. */
    static Mrkdwn line(CloudWatchAlarm alarm) {
        String name = Truncate.toLength(alarm.name(), NAME_MAX);
        String link = AlarmConsoleLinks.alarm(alarm);
        Mrkdwn line = Mrkdwn.trusted("\u2022 ").then(link == null ? Mrkdwn.bold(name) : Mrkdwn.link(link, name));
        String condition = alarm.isComposite() ? "composite alarm" : AlarmConditions.summary(alarm);
        if (condition != null) {
            line = line.then(": " + Truncate.toLength(condition, CONDITION_MAX));
        }
        if (alarm.stateChangeTime() != null) {
            line = line.thenTrusted(", since ").then(SlackTimes.of(alarm.stateChangeTime()));
        }
        return line;
    }
}
