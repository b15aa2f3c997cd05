package dev.alertrelay.actions;

import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.pagerduty.DedupKey;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.PagerDutyIncidents;
import dev.alertrelay.pagerduty.PagerDutySender;
import dev.alertrelay.pagerduty.Severity;
import dev.alertrelay.slack.thread.IncidentSpec;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * "Page on-call": the thread's incident as a PagerDuty Events API v2 trigger on its route's routing key, with a link
 * back to the Slack thread. An alarm's dedup key is the one logs-error-to-pagerduty gives the same alarm, so a second
 * click, or the alarm's own trigger through that function, joins the same incident, and its OK resolves it.
 */
final class OnCallPager {

    private static final String ROUTING_KEY_PREFIX = "PAGERDUTY_ROUTING_KEY";

    private final Function<String, PagerDutySender> senderForRoute;
    private final PagerDutySender ownSender;
    private final Map<String, PagerDutySender> routeSenders = new ConcurrentHashMap<>();
    private final Optional<PagerDutyIncidents> incidents;

    /**
     * @param ownSender      the function's own routing key ({@code PAGERDUTY_ROUTING_KEY})
     * @param senderForRoute the sender of a route's routing key variable
     * @param incidents      the incident's page, when a PagerDuty REST API key is configured
     */
    OnCallPager(PagerDutySender ownSender, Function<String, PagerDutySender> senderForRoute, Optional<PagerDutyIncidents> incidents) {
        this.ownSender = ownSender;
        this.senderForRoute = senderForRoute;
        this.incidents = incidents;
    }

    /**
     * Sends the trigger, or throws a DeliveryException.
     *
     * @param answerBy when Slack should hear back: the incident's link is looked for only within it
     * @return where the incident is, when a REST API key finds it in time (the Events API answers a dedup key only)
     */
    String page(IncidentSpec incident, Interaction click, Deadline deadline, Deadline answerBy) {
        if (incident.routingKey() != null && !incident.routingKey().startsWith(ROUTING_KEY_PREFIX)) {
            // A routing key is a PAGERDUTY_ROUTING_KEY_* variable: never another secret of this function sent to PagerDuty.
            throw new IllegalStateException("the thread names " + incident.routingKey() + " as its routing key; routing keys are"
                    + " named " + ROUTING_KEY_PREFIX + "*");
        }
        PagerDutySender sender = incident.routingKey() == null ? ownSender
                : routeSenders.computeIfAbsent(incident.routingKey(), senderForRoute);
        PagerDutyEvent event = event(incident, click);
        sender.send(event, deadline);
        return incidents.flatMap(lookup -> lookup.webPage(event.dedupKey(), answerBy)).orElse(null);
    }

    static PagerDutyEvent event(IncidentSpec incident, Interaction click) {
        PagerDutyEvent.Builder event = PagerDutyEvent.trigger(dedupKey(incident), incident.summary(), incident.source(),
                        severity(incident.severity()))
                .component(incident.component())
                .group(incident.group())
                .eventClass("paged from Slack");
        JsonObject details = new JsonObject();
        details.addProperty("paged_by", "Slack user " + click.userId() + (click.userName() == null ? "" : " (" + click.userName() + ")"));
        String thread = click.threadPermalink();
        if (thread != null) {
            details.addProperty("slack_thread", thread);
            event.link(thread, "Slack thread");
        }
        if (incident.link() != null) {
            event.link(incident.link(), incident.linkText() == null ? "Console" : incident.linkText());
        }
        return event.customDetails(details).build();
    }

    static String dedupKey(IncidentSpec incident) {
        return incident.kind().equals("alarm") ? DedupKey.forAlarm(incident.subject())
                : DedupKey.hashed("alert-relay-" + incident.kind() + ":", incident.subject());
    }

    private static Severity severity(String value) {
        try {
            return Severity.parse(value, "severity");
        } catch (IllegalArgumentException e) {
            return Severity.CRITICAL;
        }
    }
}
