package dev.alertrelay.ecs;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.routing.AccessPortal;
import dev.alertrelay.common.routing.RouteFacts;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackNotifier.Destination;
import dev.alertrelay.slack.SlackRoute;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a service's task stops go: the routes' Slack destinations matched by account, region, cluster, service (the
 * service name, or the task family of a standalone task) and stop category, with their mentions on failures.
 */
final class StopRouting {

    private final RoutesSource routes;
    private final AccessPortal portal;
    private final SlackNotifier slack;

    StopRouting(RoutesSource routes, AccessPortal portal, SlackNotifier slack) {
        this.routes = routes;
        this.portal = portal;
        this.slack = slack;
    }

    SlackRoute route(TaskStopDigest.Stop stop, Deadline deadline) {
        return SlackRoute.decide(routes, portal, slack, facts(stop), deadline);
    }

    /** The notification of {@code stops} at {@code where}: a failure rings the route's people, a routine stop does not. */
    SlackNotifier.Notification notification(TaskStopDigest stops, SlackMessage message, Instant now, Destination where, SlackRoute route) {
        boolean rings = stops.stops().stream().anyMatch(stop -> stop.classification().category().notifiedByDefault());
        String suffix = where.equals(slack.defaultDestination()) ? "" : "|" + where.describe();
        return ServiceThreadPlanner.notification(stops, message, now, suffix, route, rings);
    }

    static RouteFacts facts(TaskStopDigest.Stop stop) {
        TaskStop task = stop.task();
        Map<String, String> values = new HashMap<>();
        values.put("account", task.account());
        values.put("region", task.region());
        values.put("cluster", task.clusterName());
        values.put("service", task.serviceName() != null ? task.serviceName() : task.family());
        values.put("category", stop.classification().category().configName());
        return new RouteFacts(RouteFacts.Kind.ECS_STOP, values, Map::of);
    }
}
