package dev.alertrelay.pagerduty;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.Pacer;
import dev.alertrelay.common.http.RetryPolicy;
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

    /** The function's own routing key, resolved as a secret. */
    static final String ROUTING_KEY_SECRET = "PAGERDUTY_ROUTING_KEY";
    static final String EVENTS_URL_VARIABLE = "PAGERDUTY_EVENTS_URL";
    static final String DEFAULT_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";

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

    private final Pacer pacer = new Pacer(BURST, MIN_INTERVAL_MILLIS, PACING_RESERVE_MILLIS, "PagerDuty");

    private final Secret routingKey;
    private final Endpoint endpoint;
    private final HttpDelivery delivery;

    PagerDutyEventsApi(Secret routingKey, Endpoint endpoint, HttpDelivery delivery) {
        this.routingKey = routingKey;
        this.endpoint = endpoint;
        this.delivery = delivery;
    }

    /** @param routingKey read on first send */
    static PagerDutyEventsApi create(Secret routingKey, String eventsUrl) {
        return new PagerDutyEventsApi(routingKey, Endpoint.parse(eventsUrl, "the PagerDuty Events API URL (" + EVENTS_URL_VARIABLE + ")"),
                new HttpDelivery(RetryPolicy.DEFAULT, "alert-relay"));
    }

    @Override
    public void send(PagerDutyEvent event, Deadline deadline) {
        // A pace that would pass the deadline fails the event, so the invocation fails and Lambda retries the batch
        // (the events already accepted are not sent again, see RecentTriggers).
        pacer.acquire(deadline);
        routingKey.useRereadingOnRefusal(deadline, PagerDutyEventsApi::refusesTheRoutingKey, key -> post(event, key, deadline));
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
