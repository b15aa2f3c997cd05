package dev.alertrelay.logs;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The log errors this container had PagerDuty accept lately, by dedup key, so that an error storm pages once per
 * distinct error instead of once per batch. A trigger whose key PagerDuty accepted less than the window ago would only
 * add an alert log entry to the incident already open (https://developer.pagerduty.com/docs/events-api-v2-overview,
 * "dedup_key"), yet it costs one of the about 120 events a minute the routing key takes: in a storm of 20 log groups
 * such repeats are nine events in ten, and they queue the first page of a new error behind them.
 *
 * <p>Log errors only: an alarm's trigger and resolve always go out, because an alarm that flaps (ALARM, OK, ALARM)
 * must page again. Per container, as {@code RecentDeliveries} is: with the function's reserved concurrency of one there
 * is one container in a storm; a second or a new one sends a repeat once more, which PagerDuty adds to the same
 * incident. A key is recorded only when PagerDuty accepted it, so a retried batch sends what failed again.
 */
final class RecentTriggers {

    /** More distinct errors than a storm has; the oldest are forgotten first. */
    private static final int CAPACITY = 4096;

    private final long windowMillis;
    private final Map<String, Long> acceptedAt = new LinkedHashMap<>(CAPACITY * 2, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @param windowSeconds 0 holds nothing back */
    RecentTriggers(int windowSeconds) {
        this.windowMillis = windowSeconds * 1000L;
    }

    synchronized boolean isRepeat(String dedupKey, Instant now) {
        Long accepted = acceptedAt.get(dedupKey);
        return accepted != null && now.toEpochMilli() - accepted < windowMillis;
    }

    synchronized void recordAccepted(String dedupKey, Instant now) {
        if (windowMillis > 0) {
            acceptedAt.remove(dedupKey);
            acceptedAt.put(dedupKey, now.toEpochMilli());
        }
    }
}
