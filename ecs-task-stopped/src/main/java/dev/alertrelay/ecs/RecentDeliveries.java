package dev.alertrelay.ecs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few task stops this container delivered, keyed by task ARN and event version, so that a duplicate
 * delivery of the same event (EventBridge delivers at least once; duplicates share {@code taskArn} + {@code version})
 * is dropped when it reaches the same warm container, as duplicates usually do within seconds.
 *
 * <p>Deliberately not shared across containers: that needs a table with conditional writes (DynamoDB), its IAM and a
 * network round trip on every stop, to save the rare duplicate Slack post. A key is recorded only after a successful
 * send, so a failed invocation retried by EventBridge is sent again.
 */
final class RecentDeliveries {

    private final Map<String, Boolean> keys;

    RecentDeliveries(int capacity) {
        this.keys = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The duplicate key of a task stop, or null when the event has no task ARN to tell duplicates apart. */
    static String keyOf(TaskStop task) {
        return task.taskArn() == null ? null : task.taskArn() + "#" + task.version();
    }

    synchronized boolean wasDelivered(String key) {
        return key != null && keys.containsKey(key);
    }

    synchronized void recordDelivered(String key) {
        if (key != null) {
            keys.put(key, Boolean.TRUE);
        }
    }
}
