package dev.alertrelay.logs;

import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.routing.AccessPortal;
import dev.alertrelay.common.routing.RouteFacts;
import dev.alertrelay.common.routing.Routes;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.PagerDutySender;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Which PagerDuty routing keys each event goes to (README, "Routing many teams"): the keys of the routes its log group
 * (or, for an alarm through SNS, its alarm) matches, else the default's, else the function's own
 * {@code PAGERDUTY_ROUTING_KEY}. A drop route silences it with one log line. Then every event is sent to each of its
 * keys, all of them even if one fails, and the invocation fails afterwards if any was not accepted.
 */
final class PagerDutyRouting {

    /** The function's own routing key, in the map of senders. */
    private static final String OWN = "";

    private final RoutesSource routes;
    private final AccessPortal portal;
    private final PagerDutySender own;
    private final Function<String, PagerDutySender> byVariable;
    private final Map<String, PagerDutySender> senders = new ConcurrentHashMap<>();

    PagerDutyRouting(RoutesSource routes, AccessPortal portal, PagerDutySender own, Function<String, PagerDutySender> byVariable) {
        this.routes = routes;
        this.portal = portal;
        this.own = own;
        this.byVariable = byVariable;
    }

    /** The routing key variables {@code facts} go to ({@code ""}: the function's own); empty when a route drops them. */
    List<String> keys(RouteFacts facts, String what, Deadline deadline) {
        Routes.Decision decision = routes.decide(facts, deadline);
        if (decision.dropped()) {
            Log.info("logs-error-to-pagerduty: " + what + " dropped by route " + decision.droppedBy());
            return List.of();
        }
        return decision.routingKeys().isEmpty() ? List.of(OWN) : decision.routingKeys();
    }

    /**
     * The event as the person paged should see it: labelled with the account's name from the routes document, and its
     * console links opened through the organization's access portal when one is configured.
     */
    PagerDutyEvent decorate(PagerDutyEvent event, RouteFacts facts, Deadline deadline) {
        String accountId = facts.values().get("account");
        Routes.Account account = routes.account(accountId, deadline);
        PagerDutyEvent decorated = event;
        if (portal.configured()) {
            decorated = decorated.withLinks(url -> portal.link(url, accountId, account));
        }
        if (account != null && account.name() != null) {
            decorated = decorated.withAccount(account.label(), account.environment());
        }
        return decorated;
    }

    /**
     * Sends each event to its keys; {@code onAccepted} hears of each (key, event) PagerDuty accepted.
     *
     * @throws DeliveryException after all were tried, when any was not accepted
     */
    void send(Map<PagerDutyEvent, List<String>> routed, Deadline deadline, java.util.function.BiConsumer<String, PagerDutyEvent> onAccepted) {
        Map<String, List<PagerDutyEvent>> byKey = new LinkedHashMap<>();
        routed.forEach((event, keys) -> keys.forEach(key -> byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(event)));
        DeliveryException first = null;
        for (Map.Entry<String, List<PagerDutyEvent>> target : byKey.entrySet()) {
            PagerDutySender sender = target.getKey().equals(OWN) ? own : senders.computeIfAbsent(target.getKey(), byVariable);
            try {
                sender.sendAll(target.getValue(), deadline, accepted -> onAccepted.accept(target.getKey(), accepted));
            } catch (DeliveryException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    static RouteFacts logFacts(LogsSubscriptionBatch batch, String region, PagerDutyEvent event) {
        Map<String, String> values = new HashMap<>();
        values.put("account", batch.owner().isEmpty() ? null : batch.owner());
        values.put("region", region);
        values.put("logGroup", batch.logGroup());
        values.put("severity", event.severity());
        return new RouteFacts(RouteFacts.Kind.LOG_ERROR, values, null);
    }

    static RouteFacts alarmFacts(CloudWatchAlarm alarm) {
        return RouteFacts.alarm(alarm, Map::of);
    }
}
