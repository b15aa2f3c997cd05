package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi.PostedMessage;
import dev.alertrelay.slack.thread.ThreadPost;
import dev.alertrelay.slack.thread.ThreadRecord;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One thread per alarm lifecycle, decided from the alarm change and the thread's record. Pure: no I/O.
 * <ul>
 *   <li>an ALARM with no open thread starts one (and its chart follows in the thread);</li>
 *   <li>while the thread is open, a repeated ALARM, an INSUFFICIENT_DATA or a flap is a reply, and the top message is
 *       updated to the current state;</li>
 *   <li>an OK replies "resolved after ...", turns the top message green and closes the thread;</li>
 *   <li>an OK or INSUFFICIENT_DATA with no open thread is a message of its own;</li>
 *   <li>a change older than the one the thread shows (late delivery) is a reply and changes nothing else.</li>
 * </ul>
 */
final class AlarmThreadPlanner {

    static final int REPLY_REASON_MAX = 1500;

    private AlarmThreadPlanner() {
    }

    /** The thread's key: the alarm ARN, or for old SNS messages without one, its account, region and name. */
    static String threadId(CloudWatchAlarm alarm) {
        if (alarm.arn() != null) {
            return "alarm|" + alarm.arn();
        }
        return "alarm|" + alarm.accountId() + "|" + alarm.region() + "|" + alarm.name();
    }

    /**
     * The key of this state change, the same however it arrives (SNS and EventBridge both carry the state and its
     * timestamp), so a duplicate or a retry is recognised.
     */
    static String notificationKey(CloudWatchAlarm alarm) {
        String when = alarm.stateChangeTime() != null ? alarm.stateChangeTime().toString()
                : "reason:" + Integer.toHexString(String.valueOf(alarm.reason()).hashCode());
        return alarm.state() + "@" + when;
    }

    static ThreadPost plan(CloudWatchAlarm alarm, ThreadRecord current, Consumer<PostedMessage> afterStart) {
        boolean open = current != null && current.isOpen();
        Instant when = alarm.stateChangeTime();
        Map<String, String> facts = Map.of("alarm", alarm.name());
        if (!open) {
            if (alarm.state() == AlarmState.ALARM) {
                return ThreadPost.start(AlarmMessageFormatter.format(alarm), when, alarm.state().name(), facts, afterStart);
            }
            return ThreadPost.standalone(AlarmMessageFormatter.format(alarm), alarm.state().name(), when, facts);
        }
        Instant began = current.since();
        boolean late = when != null && current.stateTime() != null && when.isBefore(current.stateTime());
        if (late) {
            return ThreadPost.reply(reply(alarm, began, true), null, false, null, when, current.facts());
        }
        return ThreadPost.reply(reply(alarm, began, false), AlarmMessageFormatter.format(alarm, began),
                alarm.state() == AlarmState.OK, alarm.state().name(), when, facts);
    }

    /** The short reply in the thread: the state, when, and CloudWatch's reason. */
    static SlackMessage reply(CloudWatchAlarm alarm, Instant began, boolean late) {
        String resolvedAfter = AlarmMessageFormatter.resolvedAfter(alarm, began);
        Mrkdwn headline = Mrkdwn.trusted(AlarmMessageFormatter.emoji(alarm.state()) + " ")
                .then(Mrkdwn.bold(resolvedAfter != null ? "Resolved after " + resolvedAfter : alarm.state().toString()));
        if (alarm.stateChangeTime() != null) {
            headline = headline.thenTrusted(" at ").then(SlackTimes.of(alarm.stateChangeTime()));
        }
        if (late) {
            headline = headline.thenTrusted(" ").then(Mrkdwn.italic("(arrived late: the thread already shows a newer state)"));
        }
        SlackMessage.Builder message = SlackMessage.builder()
                .text(resolvedAfter != null ? "Resolved after " + resolvedAfter + ": " + alarm.name()
                        : AlarmMessageFormatter.notificationLine(alarm))
                .block(Blocks.section(headline));
        if (alarm.reason() != null) {
            message.block(Blocks.context(List.of(Mrkdwn.text(dev.alertrelay.common.text.Truncate.toLength(alarm.reason(),
                    REPLY_REASON_MAX)))));
        }
        return message.build();
    }
}
