package dev.alertrelay.common.routing;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What routes can match on, for one notification: its kind and the values of the keys that apply to that kind.
 *
 * @param kind   what the notification is about
 * @param values the key's value for each key that applies (a missing value never matches)
 * @param tags   the resource's tags, looked up only if a route asks for them (alarms: CloudWatch tags)
 */
public record RouteFacts(Kind kind, Map<String, String> values, Supplier<Map<String, String>> tags) {

    /** The kinds of notification, and the match keys that apply to each. */
    public enum Kind {
        ALARM(Set.of("account", "region", "alarmName", "namespace", "tags", "state")),
        /** An ECS service's tags are not looked up (yet): a route's tags do not apply to task stops. */
        ECS_STOP(Set.of("account", "region", "cluster", "service", "category")),
        LOG_ERROR(Set.of("account", "region", "logGroup", "severity"));

        private final Set<String> keys;

        Kind(Set<String> keys) {
            this.keys = keys;
        }

        public boolean has(String key) {
            return keys.contains(key);
        }
    }

    /** Every match key of any kind; anything else in a route's {@code match} is a mistake. */
    static final Set<String> ALL_KEYS = Set.of("account", "region", "alarmName", "namespace", "tags", "state", "cluster", "service",
            "category", "logGroup", "severity");

    /** An alarm's facts: account, region, name, its metric's namespace, state; {@code tags} asked only if a route needs them. */
    public static RouteFacts alarm(dev.alertrelay.common.alarm.CloudWatchAlarm alarm, Supplier<Map<String, String>> tags) {
        Map<String, String> values = new java.util.HashMap<>();
        values.put("account", alarm.accountId());
        values.put("region", alarm.region());
        values.put("alarmName", alarm.name());
        values.put("namespace", alarm.metricNamespace());
        values.put("state", alarm.state().name());
        return new RouteFacts(Kind.ALARM, values, tags);
    }

    public RouteFacts {
        values = Map.copyOf(values.entrySet().stream().filter(entry -> entry.getValue() != null)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
        tags = tags == null ? Map::of : tags;
    }
}
