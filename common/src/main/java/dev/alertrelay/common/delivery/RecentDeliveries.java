package dev.alertrelay.common.delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last few notifications this container delivered, by a key that is the same for every delivery of the same
 * event (an ECS task's ARN and event version, an alarm's state change), so that a duplicate (EventBridge and SQS
 * deliver at least once; SNS and EventBridge may both carry one alarm change) is dropped when it reaches the same warm
 * container, as duplicates usually do within seconds.
 *
 * <p>Deliberately not shared across containers: that needs a table with conditional writes (DynamoDB, which Slack app
 * mode's threads use), its IAM and a network round trip on every notification, to save the rare duplicate Slack post.
 * A key is recorded only after a successful send, so a failed invocation retried by Lambda is sent again.
 */
public final class RecentDeliveries {

    private final Map<String, Boolean> keys;

    public RecentDeliveries(int capacity) {
        this.keys = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @param key null: the event cannot be told apart from others, so it is never a duplicate */
    public synchronized boolean wasDelivered(String key) {
        return key != null && keys.containsKey(key);
    }

    public synchronized void recordDelivered(String key) {
        if (key != null) {
            keys.put(key, Boolean.TRUE);
        }
    }
}
