package dev.alertrelay.logs.pagerduty;

import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.json.Json;

import java.util.Map;
import java.util.function.Supplier;

/**
 * POSTs events to the Events API v2. PagerDuty answers 202 when it has the event; 400 (an invalid event) fails at once
 * with PagerDuty's message, 429 and 5xx are retried with back-off by {@link HttpDelivery} within the invocation's time.
 */
final class PagerDutyEventsApi implements PagerDutySender {

    private static final String ROUTING_KEY_PLACEHOLDER = "[routing key]";

    private final Supplier<String> routingKey;
    private final Endpoint endpoint;
    private final HttpDelivery delivery;

    PagerDutyEventsApi(Supplier<String> routingKey, Endpoint endpoint, HttpDelivery delivery) {
        this.routingKey = routingKey;
        this.endpoint = endpoint;
        this.delivery = delivery;
    }

    @Override
    public void send(PagerDutyEvent event, Deadline deadline) {
        String key = routingKey.get();
        JsonObject body = new JsonObject();
        body.addProperty("routing_key", key);
        for (Map.Entry<String, com.google.gson.JsonElement> field : event.toJson().entrySet()) {
            body.add(field.getKey(), field.getValue());
        }
        try {
            delivery.postJson(endpoint, Json.toJson(body), deadline, "PagerDuty");
        } catch (DeliveryException e) {
            // PagerDuty's errors do not echo the routing key today; this keeps it out of logs should one ever do.
            String message = e.getMessage();
            if (message != null && message.contains(key)) {
                throw new DeliveryException(message.replace(key, ROUTING_KEY_PLACEHOLDER), e.attempts());
            }
            throw e;
        }
    }
}
