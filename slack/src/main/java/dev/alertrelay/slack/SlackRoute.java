package dev.alertrelay.slack;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.routing.RouteFacts;
import dev.alertrelay.common.routing.Routes;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.slack.SlackNotifier.Destination;
import dev.alertrelay.slack.thread.ThreadPost;

import java.util.List;

/**
 * Where one notification goes in Slack, as the routes decide it (README, "Routing many teams"): the Slack
 * destinations of the routes it matches, or the function's own destination when no route matches or no routes are
 * configured; nowhere when a drop route matches. The routes' mentions ring on what someone must act on (an ALARM, a
 * failure), never on a recovery; an invalid routes document adds a line saying why on the message.
 *
 * @param destinations where to post (empty only when dropped)
 * @param routes       the routes that chose the destinations, for the log line (empty: the function's own)
 */
public record SlackRoute(List<Destination> destinations, List<String> mentions, String note, String droppedBy, List<String> routes) {

    public static SlackRoute decide(RoutesSource routes, SlackNotifier slack, RouteFacts facts, Deadline deadline) {
        Routes.Decision decision = routes.decide(facts, deadline);
        if (decision.dropped()) {
            return new SlackRoute(List.of(), List.of(), null, decision.droppedBy(), decision.routes());
        }
        List<Destination> destinations = decision.slack().isEmpty() ? List.of(slack.defaultDestination())
                : decision.slack().stream().map(slack::destinationOf).distinct().toList();
        return new SlackRoute(destinations, decision.mentions(), decision.problem(), null,
                decision.slack().isEmpty() ? List.of() : decision.routes());
    }

    /** Several notifications posted together (a storm) to one destination: their mentions and notes together. */
    public static SlackRoute together(Destination where, List<SlackRoute> routes) {
        return new SlackRoute(List.of(where), routes.stream().flatMap(route -> route.mentions().stream()).distinct().toList(),
                routes.stream().map(SlackRoute::note).filter(java.util.Objects::nonNull).findFirst().orElse(null), null, List.of());
    }

    public boolean dropped() {
        return droppedBy != null;
    }

    /** The message as this route sends it: mentions when it {@code rings}, and the note if there is one. */
    public SlackMessage decorate(SlackMessage message, boolean rings) {
        SlackMessage decorated = rings ? message.withMentions(mentions) : message;
        return note == null ? decorated : decorated.withNote(note);
    }

    /** A thread post's message decorated the same way. */
    public ThreadPost decorate(ThreadPost post, boolean rings) {
        return new ThreadPost(post.kind(), decorate(post.message(), rings), post.topUpdate(), post.closes(), post.since(),
                post.state(), post.stateTime(), post.facts(), post.afterStart());
    }

    /** For the log line: {@code  -> route payments (SLACK_WEBHOOK_URL_PAYMENTS)}, or nothing for the own destination. */
    public String describe() {
        return routes.isEmpty() ? "" : " -> route " + String.join(", ", routes) + " ("
                + String.join(", ", destinations.stream().map(Destination::describe).toList()) + ")";
    }
}
