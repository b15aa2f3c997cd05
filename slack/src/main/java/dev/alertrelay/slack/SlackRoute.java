package dev.alertrelay.slack;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.routing.AccessPortal;
import dev.alertrelay.common.routing.RouteFacts;
import dev.alertrelay.common.routing.Routes;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.slack.SlackNotifier.Destination;
import dev.alertrelay.slack.oncall.OnCall;
import dev.alertrelay.slack.oncall.OnCallMentions;
import dev.alertrelay.slack.thread.ThreadPost;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Where one notification goes in Slack, as the routes decide it (README, "Routing many teams"): the Slack
 * destinations of the routes it matches, or the function's own destination when no route matches or no routes are
 * configured; nowhere when a drop route matches. The routes' mentions, and the people on call in their PagerDuty
 * schedules, ring on what someone must act on (an ALARM, a failure), never on a recovery; an invalid routes document
 * adds a line saying why on the message.
 *
 * @param destinations where to post (empty only when dropped)
 * @param routes       the routes that chose the destinations, for the log line (empty: the function's own)
 * @param routingKeys  the variables naming the routes' PagerDuty routing keys (empty: the function's own)
 * @param onCall       the routes' PagerDuty schedules, looked up only when a message rings
 */
public record SlackRoute(List<Destination> destinations, List<String> mentions, String note, String droppedBy, List<String> routes,
                         String accountId, Routes.Account account, UnaryOperator<String> links, List<String> routingKeys,
                         OnCall onCall) {

    /**
     * @param portal console links through the organization's access portal, in the notification's account
     */
    public static SlackRoute decide(RoutesSource routes, AccessPortal portal, SlackNotifier slack, RouteFacts facts, Deadline deadline) {
        Routes.Decision decision = routes.decide(facts, deadline);
        String accountId = facts.values().get("account");
        Routes.Account account = routes.account(accountId, deadline);
        UnaryOperator<String> links = portal.configured() ? url -> portal.link(url, accountId, account) : null;
        if (decision.dropped()) {
            return new SlackRoute(List.of(), List.of(), null, decision.droppedBy(), decision.routes(), accountId, account, links,
                    List.of(), OnCall.NONE);
        }
        String note = decision.problem();
        List<Destination> destinations = new java.util.ArrayList<>();
        for (Routes.SlackTarget target : decision.slack()) {
            if (target.channel() != null && slack.webApi().isEmpty()) {
                // A channel needs the Slack app; without it the notification still reaches the function's own webhook.
                note = "a route names the Slack channel " + target.channel() + ", which needs Slack app mode (SLACK_BOT_TOKEN);"
                        + " posted to the default webhook instead";
                dev.alertrelay.common.log.Log.error(note);
                destinations.add(slack.defaultDestination());
            } else {
                destinations.add(Destination.of(target));
            }
        }
        if (destinations.isEmpty()) {
            destinations.add(slack.defaultDestination());
        }
        return new SlackRoute(destinations.stream().distinct().toList(), decision.mentions(), note, null,
                decision.slack().isEmpty() ? List.of() : decision.routes(), accountId, account, links, decision.routingKeys(),
                new OnCall(slack.onCall().orElse(null), decision.oncallSchedules(), deadline));
    }

    /**
     * Several notifications posted together (a storm) to one destination: their mentions, on-call schedules, routing
     * keys and notes together; the account and portal links when they all share one account.
     */
    public static SlackRoute together(Destination where, List<SlackRoute> routes) {
        // Links open through the portal in one account: a storm across accounts keeps the console's own links.
        boolean oneAccount = routes.stream().map(SlackRoute::accountId).distinct().count() == 1;
        SlackRoute first = routes.get(0);
        return new SlackRoute(List.of(where), routes.stream().flatMap(route -> route.mentions().stream()).distinct().toList(),
                routes.stream().map(SlackRoute::note).filter(java.util.Objects::nonNull).findFirst().orElse(null), null, List.of(),
                oneAccount ? first.accountId() : null, oneAccount ? first.account() : null, oneAccount ? first.links() : null,
                routes.stream().flatMap(route -> route.routingKeys().stream()).distinct().toList(),
                OnCall.together(routes.stream().map(SlackRoute::onCall).toList()));
    }

    /** A console link as this route opens it (through the access portal when configured). */
    public String linkTo(String url) {
        return links == null ? url : links.apply(url);
    }

    public boolean dropped() {
        return droppedBy != null;
    }

    /**
     * The message as this route sends it: when it {@code rings}, the mentions and the people on call (or a line naming
     * the schedule they could not be found for); the note if there is one.
     */
    public SlackMessage decorate(SlackMessage message, boolean rings) {
        SlackMessage decorated = message;
        if (links != null) {
            decorated = decorated.withLinks(links);
        }
        if (account != null && account.name() != null) {
            decorated = decorated.withAccount(account.label(), account.environment());
        }
        if (rings) {
            OnCallMentions onCallNow = onCall.mentions();
            decorated = decorated.withMentions(Stream.concat(mentions.stream(), onCallNow.mentions().stream()).distinct().toList());
            if (onCallNow.note() != null) {
                decorated = decorated.withNote(onCallNow.note());
            }
        }
        return note == null ? decorated : decorated.withNote(note);
    }

    /** A thread post's message decorated the same way. */
    public ThreadPost decorate(ThreadPost post, boolean rings) {
        SlackMessage top = post.topUpdate() == null ? null : decorate(post.topUpdate(), false);
        return post.withMessages(decorate(post.message(), rings), top);
    }

    /** For the log line: {@code  -> route payments (SLACK_WEBHOOK_URL_PAYMENTS)}, or nothing for the own destination. */
    public String describe() {
        return routes.isEmpty() ? "" : " -> route " + String.join(", ", routes) + " ("
                + String.join(", ", destinations.stream().map(Destination::describe).toList()) + ")";
    }
}
