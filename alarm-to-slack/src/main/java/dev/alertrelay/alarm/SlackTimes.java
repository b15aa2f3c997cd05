package dev.alertrelay.alarm;

import dev.alertrelay.slack.Mrkdwn;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** A moment as a Slack date token: each reader sees their own time zone; clients that cannot render it show UTC. */
final class SlackTimes {

    private static final DateTimeFormatter UTC_FALLBACK = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private SlackTimes() {
    }

    static Mrkdwn of(Instant instant) {
        return Mrkdwn.date(instant.getEpochSecond(), "{date_short_pretty} {time}", UTC_FALLBACK.format(instant));
    }
}
