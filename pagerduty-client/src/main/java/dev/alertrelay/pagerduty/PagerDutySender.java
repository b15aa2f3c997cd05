package dev.alertrelay.pagerduty;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.secrets.SecretResolver;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Sends {@link PagerDutyEvent}s somewhere: the Events API v2, or stdout in dry-run mode. */
public interface PagerDutySender {

    /** Delivers one event or throws {@link DeliveryException}. */
    void send(PagerDutyEvent event, Deadline deadline);

    /**
     * Sends every event even when some fail, so one rejected event does not hold back the others, then fails if any
     * was not accepted: Lambda retries the batch (duplicates only add to the same incidents) and keeps it in the
     * failure destination if it keeps failing, so nothing is lost silently.
     */
    default void sendAll(List<PagerDutyEvent> events, Deadline deadline) {
        sendAll(events, deadline, accepted -> { });
    }

    /** As {@link #sendAll(List, Deadline)}, telling {@code onAccepted} of each event PagerDuty accepted. */
    default void sendAll(List<PagerDutyEvent> events, Deadline deadline, Consumer<PagerDutyEvent> onAccepted) {
        DeliveryException first = null;
        int failed = 0;
        for (PagerDutyEvent event : events) {
            try {
                send(event, deadline);
                onAccepted.accept(event);
            } catch (DeliveryException e) {
                Log.error("PagerDuty did not accept " + event + ": " + e.getMessage());
                first = first == null ? e : first;
                failed++;
            }
        }
        if (first != null) {
            throw new DeliveryException(failed + " of " + events.size() + " PagerDuty event(s) not accepted; first: "
                    + first.getMessage(), first.attempts());
        }
    }

    /** The sender of the function's own routing key ({@code PAGERDUTY_ROUTING_KEY}), or its dry run. */
    static PagerDutySender fromEnvironment(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        return forRoutingKey(secrets.secret(PagerDutyEventsApi.ROUTING_KEY_SECRET), env, dryRun);
    }

    /** The sender of a route's routing key: the variable it names, or the SSM parameter under ROUTE_SECRETS_PATH. */
    static PagerDutySender forRoute(String variable, Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        return forRoutingKey(secrets.routeSecret(variable), env, dryRun);
    }

    private static PagerDutySender forRoutingKey(Secret routingKey, Function<String, String> env, boolean dryRun) {
        if (dryRun) {
            return new DryRunPagerDutySender();
        }
        String url = env.apply(PagerDutyEventsApi.EVENTS_URL_VARIABLE);
        return PagerDutyEventsApi.create(routingKey, url == null || url.isBlank() ? PagerDutyEventsApi.DEFAULT_EVENTS_URL : url);
    }
}
