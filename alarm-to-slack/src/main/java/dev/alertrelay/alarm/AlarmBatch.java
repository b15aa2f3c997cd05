package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmConfigurationChange;
import dev.alertrelay.common.alarm.AlarmEvents;
import dev.alertrelay.common.alarm.AlarmState;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.alarm.OtherSnsMessage;
import dev.alertrelay.common.delivery.RecentDeliveries;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackRoute;
import dev.alertrelay.slack.SlackNotifier.Destination;
import dev.alertrelay.slack.SlackNotifier.Notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue path: an SQS batch of alarm changes (the alarm topic and the EventBridge alarm rule deliver to a queue with
 * a short batching window). Alarms that changed to the same state together become one storm message once there are
 * {@code STORM_THRESHOLD} of them; fewer are posted one by one, as on the direct path. ALARM goes first. Posts are
 * paced under Slack's rate limit by the notifier; whatever cannot be delivered before the invocation's deadline is
 * reported as exactly its SQS messages in {@code batchItemFailures}, so it is redelivered, never lost, and what was
 * delivered is not shown again (it is not redelivered, and a duplicate reaching this warm container is dropped).
 */
final class AlarmBatch {

    static final String THRESHOLD_VARIABLE = "STORM_THRESHOLD";
    static final int DEFAULT_THRESHOLD = 3;
    /** Enough to recognise the duplicates that arrive while a container is warm. */
    private static final int REMEMBERED_DELIVERIES = 1024;
    private static final int LOGGED_NAME_MAX = 120;

    /** How the handler routes and words alarm notifications; the batch decides only what goes together. */
    interface Notifications {
        SlackRoute route(CloudWatchAlarm alarm, Deadline deadline);

        Notification single(CloudWatchAlarm alarm, Destination where, SlackRoute routed, Deadline deadline);

        Notification storm(List<CloudWatchAlarm> alarms, AlarmStormFormatter.Part part, Destination where, List<SlackRoute> routed,
                           Deadline deadline);
    }

    private final NotifyStates notifyStates;
    private final SlackNotifier slack;
    private final int threshold;
    private final Notifications notifications;
    private final RecentDeliveries delivered = new RecentDeliveries(REMEMBERED_DELIVERIES);

    AlarmBatch(NotifyStates notifyStates, SlackNotifier slack, int threshold, Notifications notifications) {
        this.notifyStates = notifyStates;
        this.slack = slack;
        this.threshold = threshold;
        this.notifications = notifications;
    }

    /** {@code STORM_THRESHOLD}: how many changes to one state in a batch make a storm (default 3; 0 or 1: never fold). */
    static int threshold(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_THRESHOLD;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < 0) {
                throw new NumberFormatException();
            }
            return parsed <= 1 ? Integer.MAX_VALUE : parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(THRESHOLD_VARIABLE + " must be a whole number of alarms (2 or more; 0 never folds),"
                    + " not '" + Truncate.toLength(value, 40) + "'");
        }
    }

    /**
     * One message to post, where, and the SQS messages it answers for; its notification is built when it is sent, so
     * that what building reads (a storm thread's record) fails this unit only.
     */
    private record Unit(String description, Destination where, java.util.function.Supplier<Notification> notification,
                        Set<String> messageIds, List<String> keys) {
    }

    /** @return the SQS message ids Lambda should redeliver */
    List<String> deliver(List<AlarmEvents.Item> items, Deadline deadline) {
        Map<String, CloudWatchAlarm> alarms = new LinkedHashMap<>();
        Map<String, Set<String>> messagesOf = new LinkedHashMap<>();
        List<Unit> others = new ArrayList<>();
        int skipped = 0;
        for (AlarmEvents.Item item : items) {
            switch (item.notification()) {
                case CloudWatchAlarm alarm when !notifyStates.includes(alarm.state()) -> skipped++;
                case CloudWatchAlarm alarm -> {
                    String key = AlarmThreadPlanner.threadId(alarm) + "#" + AlarmThreadPlanner.notificationKey(alarm);
                    if (delivered.wasDelivered(key)) {
                        skipped++;
                        Log.info("alarm-to-slack: " + describe(alarm) + " was already delivered by this container: not shown again");
                    } else {
                        alarms.putIfAbsent(key, alarm);
                        messagesOf.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(item.messageId());
                    }
                }
                case AlarmConfigurationChange change -> skipped++;
                case OtherSnsMessage message -> others.add(new Unit("non-alarm SNS message from " + message.topicName(),
                        slack.defaultDestination(), () -> Notification.standalone(SnsMessageFormatter.format(message)),
                        Set.of(item.messageId()), List.of()));
            }
        }
        Map<String, SlackRoute> routes = new LinkedHashMap<>();
        Map<Destination, List<String>> byDestination = new LinkedHashMap<>();
        for (Map.Entry<String, CloudWatchAlarm> alarm : alarms.entrySet()) {
            SlackRoute routed = notifications.route(alarm.getValue(), deadline);
            if (routed.dropped()) {
                skipped++;
                delivered.recordDelivered(alarm.getKey());
                Log.info("alarm-to-slack: " + describe(alarm.getValue()) + " dropped by route " + routed.droppedBy());
                continue;
            }
            routes.put(alarm.getKey(), routed);
            routed.destinations().forEach(where -> byDestination.computeIfAbsent(where, d -> new ArrayList<>()).add(alarm.getKey()));
        }
        List<Unit> units = new ArrayList<>();
        for (AlarmState state : List.of(AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA, AlarmState.OK)) {
            for (Map.Entry<Destination, List<String>> destination : byDestination.entrySet()) {
                Destination where = destination.getKey();
                List<String> keys = destination.getValue().stream().filter(key -> alarms.get(key).state() == state).toList();
                String to = routes.values().stream().anyMatch(routed -> !routed.routes().isEmpty()) ? " to " + where.describe() : "";
                if (keys.size() >= threshold) {
                    // Every alarm named: a storm larger than one message can list is posted in parts, earliest first.
                    List<String> ordered = keys.stream().sorted(java.util.Comparator.comparing((String key) -> alarms.get(key).stateChangeTime(),
                            java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()))).toList();
                    int parts = (ordered.size() + AlarmStormFormatter.LISTED_MAX - 1) / AlarmStormFormatter.LISTED_MAX;
                    for (int part = 0; part < parts; part++) {
                        List<String> chunk = ordered.subList(part * AlarmStormFormatter.LISTED_MAX,
                                Math.min(ordered.size(), (part + 1) * AlarmStormFormatter.LISTED_MAX));
                        List<CloudWatchAlarm> changed = chunk.stream().map(alarms::get).toList();
                        AlarmStormFormatter.Part which = new AlarmStormFormatter.Part(part + 1, parts, ordered.size());
                        Set<String> messageIds = new LinkedHashSet<>();
                        chunk.forEach(key -> messageIds.addAll(messagesOf.get(key)));
                        units.add(new Unit("storm of " + AlarmStormFormatter.headline(changed.get(0).state(), which) + to, where,
                                () -> notifications.storm(changed, which, where, chunk.stream().map(routes::get).toList(), deadline),
                                messageIds, chunk));
                    }
                } else {
                    for (String key : keys) {
                        units.add(new Unit(describe(alarms.get(key)) + to, where,
                                () -> notifications.single(alarms.get(key), where, routes.get(key), deadline), messagesOf.get(key), List.of(key)));
                    }
                }
            }
        }
        units.addAll(others);
        Set<String> failed = new LinkedHashSet<>();
        List<String> outcomes = new ArrayList<>();
        for (Unit unit : units) {
            try {
                outcomes.add(slack.send(unit.notification().get(), unit.where(), deadline) + ": " + unit.description());
            } catch (RuntimeException e) {
                // A delivery failure, a thread store that failed, or anything unexpected: exactly this unit's messages.
                Log.error("alarm-to-slack could not deliver " + unit.description() + ": " + e.getMessage() + "; its "
                        + unit.messageIds().size() + " SQS message(s) are reported failed and will be redelivered");
                failed.addAll(unit.messageIds());
            }
        }
        // A change counts as shown once every message it belongs to was posted: one that failed anywhere is redelivered
        // whole (and may then show twice where it did arrive: better than lost).
        for (Unit unit : units) {
            if (!failed.containsAll(unit.messageIds())) {
                unit.keys().stream().filter(key -> messagesOf.get(key).stream().noneMatch(failed::contains))
                        .forEach(delivered::recordDelivered);
            }
        }
        Log.info("alarm-to-slack batch: messages=" + items.size() + " alarms=" + alarms.size() + " posts=" + units.size()
                + " skipped=" + skipped + " failedItems=" + failed.size() + (outcomes.isEmpty() ? "" : "; " + String.join("; ", outcomes)));
        return List.copyOf(failed);
    }

    private static String describe(CloudWatchAlarm alarm) {
        return alarm.state() + " " + Truncate.toLength(alarm.name(), LOGGED_NAME_MAX) + " via " + alarm.source();
    }
}
