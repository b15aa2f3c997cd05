package dev.alertrelay.slack.thread;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What people did to one thread from Slack in this lifecycle, as its record keeps it: who acknowledged it, who silenced
 * it and until when, who paged the on-call and where the incident is. Users are Slack user ids, taken from Slack's
 * signed request, never from a message.
 *
 * @param silencedUntil when the silence ends; null with {@code untilOk}: it ends when the lifecycle does (the OK)
 * @param pageLink      where the incident is (PagerDuty's incident page), or null when not known
 */
public record ThreadHandling(String acknowledgedBy, Instant acknowledgedAt, String silencedBy, Instant silencedAt,
                             Instant silencedUntil, boolean untilOk, String pagedBy, Instant pagedAt, String pageLink) {

    private static final String ACK_BY = "ack.by";
    private static final String ACK_AT = "ack.at";
    private static final String SILENCE_BY = "silence.by";
    private static final String SILENCE_AT = "silence.at";
    private static final String SILENCE_UNTIL = "silence.until";
    private static final String UNTIL_OK = "ok";
    private static final String PAGE_BY = "page.by";
    private static final String PAGE_AT = "page.at";
    private static final String PAGE_LINK = "page.link";

    public static final ThreadHandling NONE = new ThreadHandling(null, null, null, null, null, false, null, null, null);

    static ThreadHandling of(Map<String, String> stored) {
        String until = stored.get(SILENCE_UNTIL);
        return new ThreadHandling(stored.get(ACK_BY), instant(stored.get(ACK_AT)), stored.get(SILENCE_BY),
                instant(stored.get(SILENCE_AT)), UNTIL_OK.equals(until) ? null : instant(until), UNTIL_OK.equals(until),
                stored.get(PAGE_BY), instant(stored.get(PAGE_AT)), stored.get(PAGE_LINK));
    }

    Map<String, String> toMap() {
        Map<String, String> map = new LinkedHashMap<>();
        put(map, ACK_BY, acknowledgedBy);
        put(map, ACK_AT, acknowledgedAt);
        if (silencedBy != null) {
            put(map, SILENCE_BY, silencedBy);
            put(map, SILENCE_AT, silencedAt);
            map.put(SILENCE_UNTIL, untilOk ? UNTIL_OK : String.valueOf(silencedUntil));
        }
        put(map, PAGE_BY, pagedBy);
        put(map, PAGE_AT, pagedAt);
        put(map, PAGE_LINK, pageLink);
        return map;
    }

    public boolean acknowledged() {
        return acknowledgedBy != null;
    }

    /** Whether a change at {@code now} is silenced: until the OK, or until a time still ahead. */
    public boolean silencedAt(Instant now) {
        return silencedBy != null && (untilOk || silencedUntil != null && now.isBefore(silencedUntil));
    }

    public boolean paged() {
        return pagedBy != null;
    }

    ThreadHandling acknowledge(String user, Instant at) {
        return new ThreadHandling(user, at, silencedBy, silencedAt, silencedUntil, untilOk, pagedBy, pagedAt, pageLink);
    }

    /** @param until null: until the OK */
    ThreadHandling silence(String user, Instant at, Instant until) {
        return new ThreadHandling(acknowledgedBy, acknowledgedAt, user, at, until, until == null, pagedBy, pagedAt, pageLink);
    }

    ThreadHandling unsilence() {
        return new ThreadHandling(acknowledgedBy, acknowledgedAt, null, null, null, false, pagedBy, pagedAt, pageLink);
    }

    ThreadHandling page(String user, Instant at, String link) {
        return new ThreadHandling(acknowledgedBy, acknowledgedAt, silencedBy, silencedAt, silencedUntil, untilOk, user, at, link);
    }

    private static void put(Map<String, String> map, String key, Object value) {
        if (value != null) {
            map.put(key, value.toString());
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
