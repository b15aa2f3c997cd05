package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.routing.AccessPortal;
import dev.alertrelay.common.routing.RouteFacts;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackRoute;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** An alarm's route facts (account, region, name, namespace, state, tags) and where they send it ({@link SlackRoute}). */
final class AlarmRouting {

    private final RoutesSource routes;
    private final AccessPortal portal;
    private final SlackNotifier slack;
    private final BiFunction<String, Deadline, Map<String, String>> tags;

    /** @param tags an alarm ARN's tags (CloudWatch), asked only when a route uses tags */
    AlarmRouting(RoutesSource routes, AccessPortal portal, SlackNotifier slack, BiFunction<String, Deadline, Map<String, String>> tags) {
        this.routes = routes;
        this.portal = portal;
        this.slack = slack;
        this.tags = tags;
    }

    SlackRoute route(CloudWatchAlarm alarm, Deadline deadline) {
        return SlackRoute.decide(routes, portal, slack, facts(alarm, arn -> tags.apply(arn, deadline)), deadline);
    }

    static RouteFacts facts(CloudWatchAlarm alarm, Function<String, Map<String, String>> tags) {
        return RouteFacts.alarm(alarm, () -> tags.apply(alarm.arn()));
    }
}
