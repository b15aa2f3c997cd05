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
     * routing key) may start {@value #BURST} events at once, then one every 550 ms, at most 5 + 109 in any minute. With
     * the function's reserved concurrency of one (template.yaml), that holds for the key. The burst keeps an ordinary
     * batch of a few distinct errors from waiting at all.
     */
    static final long MIN_INTERVAL_MILLIS = 550;
    static final int BURST = 5;
    /** A paced event that would start later than this before the deadline is left to Lambda's retry instead. */
    private static final long PACING_RESERVE_MILLIS = 1_000;
    private static final String ROUTING_KEY_PLACEHOLDER = "[routing key]";

    /** A token bucket: {@link #BURST} tokens, one more every {@link #MIN_INTERVAL_MILLIS}; an event takes one. */
    private double tokens = BURST;
    private long refilledAtMillis = Long.MIN_VALUE;

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
     * Waits until a token is free (see {@link #MIN_INTERVAL_MILLIS}), on the invocation's clock; a wait that would run
     * into the deadline fails the event instead, so that the invocation fails and Lambda retries the batch (the events
     * already accepted are not sent again, see RecentTriggers).
     */
    private synchronized void pace(Deadline deadline) {
        long now = deadline.now().toEpochMilli();
        if (refilledAtMillis != Long.MIN_VALUE) {
            tokens = Math.min(BURST, tokens + (double) Math.max(0, now - refilledAtMillis) / MIN_INTERVAL_MILLIS);
        }
        refilledAtMillis = now;
        if (tokens < 1) {
            long wait = (long) Math.ceil((1 - tokens) * MIN_INTERVAL_MILLIS);
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
            tokens = 1;
            refilledAtMillis = deadline.now().toEpochMilli();
        }
        tokens -= 1;
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
