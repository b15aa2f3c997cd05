package dev.alertrelay.slack.thread;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a "Page on-call" click sends for a thread, as the function that posted it decided (it knows the alarm and its
 * route; the click does not): kept with the thread's record and turned into a PagerDuty trigger by slack-actions.
 *
 * @param kind       {@code alarm}, {@code storm} or {@code ecs}: with {@code subject}, what names the incident
 * @param subject    for an alarm its ARN (the dedup key is then the one the logs function gives the same alarm, so a
 *                   page and the alarm's own trigger are one incident); else a stable name of the thread's subject
 * @param summary    the incident's title
 * @param source     where it happens (an ARN, a service)
 * @param severity   {@code critical}, {@code error}, {@code warning} or {@code info}
 * @param component  optional
 * @param group      optional
 * @param link       the console page, optional
 * @param linkText   its label, optional
 * @param routingKey the variable naming the route's routing key (null: the function's own {@code PAGERDUTY_ROUTING_KEY})
 */
public record IncidentSpec(String kind, String subject, String summary, String source, String severity, String component,
                           String group, String link, String linkText, String routingKey) {

    private static final String[] KEYS = {"kind", "subject", "summary", "source", "severity", "component", "group", "link",
            "linkText", "routingKey"};

    Map<String, String> toMap() {
        String[] values = {kind, subject, summary, source, severity, component, group, link, linkText, routingKey};
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < KEYS.length; i++) {
            if (values[i] != null) {
                map.put(KEYS[i], values[i]);
            }
        }
        return map;
    }

    /** The spec a record keeps, if it keeps one with at least what a trigger needs. */
    static Optional<IncidentSpec> of(Map<String, String> stored) {
        if (stored.get("kind") == null || stored.get("subject") == null || stored.get("summary") == null) {
            return Optional.empty();
        }
        return Optional.of(new IncidentSpec(stored.get("kind"), stored.get("subject"), stored.get("summary"),
                stored.getOrDefault("source", stored.get("subject")), stored.getOrDefault("severity", "critical"),
                stored.get("component"), stored.get("group"), stored.get("link"), stored.get("linkText"), stored.get("routingKey")));
    }
}
