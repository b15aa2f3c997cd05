package dev.alertrelay.logs.pagerduty;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.secrets.Secret;

import java.util.Map;
import java.util.Locale;

/**
 * POSTs events to the Events API v2. PagerDuty answers 202 when it has the event; 400 (an invalid event) fails at once
 * with PagerDuty's message, 429 and 5xx are retried with back-off by {@link HttpDelivery} within the invocation's time.
 * When PagerDuty refuses the routing key itself (a replaced integration), the key is read once more from its secret
 * and, if it changed, the event is sent again with the new one. Events are paced under PagerDuty's rate limit.
 */
final class PagerDutyEventsApi implements PagerDutySender {

    /**
     * The Events API takes about 120 events a minute per routing key and answers 429 beyond it: this container (one
     * routing key) starts one event at most every 550 ms, about 109 a minute, leaving a tenth for the edges of
     * PagerDuty's window. With the function's reserved concurrency of one (template.yaml), that holds for the key.
     */
    static final long MIN_INTERVAL_MILLIS = 550;
    /** A paced event that would start later than this before the deadline is left to Lambda's retry instead. */
    private static final long PACING_RESERVE_MILLIS = 1_000;
    private static final String ROUTING_KEY_PLACEHOLDER = "[routing key]";

    private long lastSentMillis = Long.MIN_VALUE;

    private final Secret routingKey;
    private final Endpoint endpoint;
    private final HttpDelivery delivery;

    PagerDutyEventsApi(Secret routingKey, Endpoint endpoint, HttpDelivery delivery) {
        this.routingKey = routingKey;
        this.endpoint = endpoint;
        this.delivery = delivery;
    }

    @Override
    public void send(PagerDutyEvent event, Deadline deadline) {
        pace(deadline);
        routingKey.useRereadingOnRefusal(deadline, PagerDutyEventsApi::refusesTheRoutingKey, key -> post(event, key, deadline));
    }

    /**
     * Waits until this event starts {@link #MIN_INTERVAL_MILLIS} after the previous one this container sent, on the
     * invocation's clock; a wait that would run into the deadline fails the event instead, so that the invocation
     * fails and Lambda retries the batch (the events already accepted are not sent again, see RecentTriggers).
     */
    private synchronized void pace(Deadline deadline) {
        long now = deadline.now().toEpochMilli();
        long wait = lastSentMillis == Long.MIN_VALUE ? 0 : lastSentMillis + MIN_INTERVAL_MILLIS - now;
        if (wait > 0) {
            if (wait + PACING_RESERVE_MILLIS >= deadline.remainingMillis()) {
                throw new DeliveryException("PagerDuty: the next event would have to wait " + wait + " ms for the Events API's"
                        + " rate limit, past the invocation's deadline; left to Lambda's retry", 0);
            }
            try {
                deadline.pause(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("PagerDuty: interrupted while pacing events", 0);
            }
        }
        lastSentMillis = deadline.now().toEpochMilli();
    }

    /** https://developer.pagerduty.com/docs/events-api-v2-overview: 400 "Invalid routing key" and its length check. */
    static boolean refusesTheRoutingKey(DeliveryException e) {
        return (e.status() == 400 || e.status() == 401 || e.status() == 403 || e.status() == 404)
                && e.answer().toLowerCase(Locale.ROOT).replace('_', ' ').contains("routing key");
    }

    private void post(PagerDutyEvent event, String key, Deadline deadline) {
        delivery.post(endpoint.hiding(key, ROUTING_KEY_PLACEHOLDER), "application/json; charset=utf-8", event.requestBody(key),
                Map.of(), deadline, "PagerDuty", HttpDelivery.AnswerCheck.ACCEPT_2XX);
    }
}
