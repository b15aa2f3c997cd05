package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.OtherSnsMessage;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Blocks.Field;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.common.text.Truncate;

import java.util.ArrayList;
import java.util.List;

/**
 * An SNS message that is not an alarm, posted as it is: its subject, its topic and its body in a code block. Someone
 * published it to the alarm topic for a reason, so it is never dropped.
 */
final class SnsMessageFormatter {

    /** Enough of the body to recognise it; the section's 3000 chars also hold the code fences. */
    static final int BODY_MAX = 2800;
    private static final int NOTIFICATION_PREVIEW_MAX = 120;

    private SnsMessageFormatter() {
    }

    static SlackMessage format(OtherSnsMessage message) {
        String topic = message.topicName() == null ? "an SNS topic" : message.topicName();
        String title = message.subject() == null || message.subject().isBlank()
                ? "Message on " + topic : message.subject().strip();
        SlackMessage.Builder slack = SlackMessage.builder()
                .text(notificationLine(message, topic))
                .color(SlackMessage.COLOR_NEUTRAL)
                .attachmentBlock(Blocks.header(":envelope: " + title))
                .attachmentBlock(Blocks.section(Mrkdwn.codeBlock(Truncate.toLength(message.body(), BODY_MAX))));
        List<Field> fields = new ArrayList<>();
        fields.add(Field.of("Topic", topic));
        if (message.timestamp() != null) {
            fields.add(new Field("Published", SlackTimes.of(message.timestamp())));
        }
        if (message.accountId() != null) {
            fields.add(Field.of("Account", message.accountId()));
        }
        if (message.region() != null) {
            fields.add(Field.of("Region", message.region()));
        }
        slack.attachmentBlock(Blocks.fields(fields));
        return slack.build();
    }

    /** {@code SNS message on ops-alarms: <subject or the body's first line>}. */
    private static String notificationLine(OtherSnsMessage message, String topic) {
        String preview = message.subject();
        if (preview == null || preview.isBlank()) {
            String body = message.body().strip();
            int newline = body.indexOf('\n');
            preview = newline < 0 ? body : body.substring(0, newline);
        }
        String line = "SNS message on " + topic;
        return preview.isBlank() ? line : line + ": " + Truncate.toLength(preview.strip(), NOTIFICATION_PREVIEW_MAX);
    }
}
