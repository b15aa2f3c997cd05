package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.routing.RouteFacts;
import dev.alertrelay.common.routing.Routes;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackNotifier.Destination;
import dev.alertrelay.slack.thread.ThreadPost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Where each alarm goes (README, "Routing many teams"): the Slack destinations of the routes it matches, with their
 * mentions on ALARM, or the function's own destination when no route matches or no routes are configured. An alarm a
 * drop route matches is not posted. An invalid routes document sends the alarm to the function's own destination with
 * a line saying why.
 */
final class AlarmRouting {

    /**
     * @param destinations where to post (never empty unless dropped)
     * @param routes       the routes that chose them, for the log line
     */
    record Routed(List<Destination> destinations, List<String> mentions, String note, String droppedBy, List<String> routes) {

        boolean dropped() {
            return droppedBy != null;
        }

        /** The message as this route sends it: its mentions on an ALARM (phones ring), never on OK; the note if any. */
        SlackMessage decorate(SlackMessage message, AlarmState state) {
            SlackMessage decorated = state == AlarmState.ALARM ? message.withMentions(mentions) : message;
            return note == null ? decorated : decorated.withNote(note);
        }

        ThreadPost decorate(ThreadPost post, AlarmState state) {
            return new ThreadPost(post.kind(), decorate(post.message(), state), post.topUpdate(), post.closes(), post.since(),
                    post.state(), post.stateTime(), post.facts(), post.afterStart());
        }

        String describe() {
            return routes.isEmpty() ? "" : " -> route " + String.join(", ", routes) + " ("
                    + String.join(", ", destinations.stream().map(Destination::describe).toList()) + ")";
        }
    }

    private final RoutesSource routes;
    private final SlackNotifier slack;
    private final BiFunction<String, Deadline, Map<String, String>> tags;

    /** @param tags an alarm ARN's tags (CloudWatch), asked only when a route uses tags */
    AlarmRouting(RoutesSource routes, SlackNotifier slack, BiFunction<String, Deadline, Map<String, String>> tags) {
        this.routes = routes;
        this.slack = slack;
        this.tags = tags;
    }

    Routed route(CloudWatchAlarm alarm, Deadline deadline) {
        Routes.Decision decision = routes.decide(facts(alarm, arn -> tags.apply(arn, deadline)), deadline);
        if (decision.dropped()) {
            return new Routed(List.of(), List.of(), null, decision.droppedBy(), decision.routes());
        }
        List<Destination> destinations = decision.slack().isEmpty() ? List.of(slack.defaultDestination())
                : decision.slack().stream().map(slack::destinationOf).distinct().toList();
        return new Routed(destinations, decision.mentions(), decision.problem(), null,
                decision.slack().isEmpty() ? List.of() : decision.routes());
    }

    static RouteFacts facts(CloudWatchAlarm alarm, Function<String, Map<String, String>> tags) {
        Map<String, String> values = new HashMap<>();
        values.put("account", alarm.accountId());
        values.put("region", alarm.region());
        values.put("alarmName", alarm.name());
        values.put("namespace", namespace(alarm));
        values.put("state", alarm.state().name());
        return new RouteFacts(RouteFacts.Kind.ALARM, values, () -> tags.apply(alarm.arn()));
    }

    /** The metric's namespace; for metric math, that of its first metric. */
    private static String namespace(CloudWatchAlarm alarm) {
        if (alarm.trigger() == null) {
            return null;
        }
        if (alarm.trigger().namespace() != null) {
            return alarm.trigger().namespace();
        }
        return alarm.trigger().metrics().stream().map(query -> query.namespace()).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }
}
