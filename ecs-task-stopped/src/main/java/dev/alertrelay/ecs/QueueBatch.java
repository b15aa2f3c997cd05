package dev.alertrelay.ecs;

import dev.alertrelay.common.event.Envelopes;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackNotifier.Destination;
import dev.alertrelay.slack.SlackRoute;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The digest path: a batch of task events from the SQS queue, one message per service, failures reported per item. */
final class QueueBatch {

    private final StopSelection selection;
    private final SlackNotifier slack;
    private final TaskStopMessageFormatter formatter;

    private final StopRouting routing;

    QueueBatch(StopSelection selection, SlackNotifier slack, TaskStopMessageFormatter formatter, StopRouting routing) {
        this.routing = routing;
        this.selection = selection;
        this.slack = slack;
        this.formatter = formatter;
    }

    /**
     * An SQS batch (the digest path): every stop classified, routine ones dropped, the rest grouped by cluster and
     * service (or task family) and sent as one message per group, a digest when a group has several stops. When a
     * group's message cannot be delivered, exactly that group's SQS messages are reported failed; a body that is not a
     * task event is reported failed too, so that after the queue's maxReceiveCount it rests in the dead-letter queue.
     *
     * @return the SQS message ids Lambda should redeliver
     */
    List<String> deliver(List<Envelopes.Message> messages, Deadline deadline) {
        Set<String> failed = new LinkedHashSet<>();
        Set<String> seenInBatch = new HashSet<>();
        Map<String, List<TaskStopDigest.Stop>> groups = new LinkedHashMap<>();
        Map<String, Destination> destinationOf = new HashMap<>();
        Map<String, SlackRoute> routeOf = new HashMap<>();
        for (Envelopes.Message message : messages) {
            if (message.json() == null || Json.object(message.json(), "detail") == null) {
                Log.warn("ecs-task-stopped: SQS message " + message.messageId() + " is not an EventBridge task event ("
                        + Truncate.toLength(message.body(), 200) + "); reported as failed, so it ends in the dead-letter queue");
                failed.add(message.messageId());
                continue;
            }
            TaskStopDigest.Stop stop = selection.select(message.json(), message.messageId());
            if (stop != null && seenInBatch.add(StopSelection.duplicateKey(stop.task()))) {
                SlackRoute route = routing.route(stop, deadline);
                if (route.dropped()) {
                    Log.info("ecs-task-stopped: " + TaskStopMessageFormatter.subject(stop.task()) + " dropped by route " + route.droppedBy());
                    selection.recordDelivered(stop.task());
                    continue;
                }
                for (Destination where : route.destinations()) {
                    String key = where.describe() + "|" + TaskStopDigest.groupKeyOf(stop.task());
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(stop);
                    destinationOf.put(key, where);
                    routeOf.merge(key, route, (a, b) -> SlackRoute.together(where, List.of(a, b)));
                }
            }
        }
        int digests = 0;
        for (Map.Entry<String, List<TaskStopDigest.Stop>> entry : groups.entrySet()) {
            List<TaskStopDigest.Stop> group = entry.getValue();
            TaskStopDigest digest = new TaskStopDigest(group);
            TaskStopDigest.Stop first = group.get(0);
            Destination where = destinationOf.get(entry.getKey());
            try {
                slack.send(routing.notification(digest, group.size() == 1
                        ? formatter.format(first.task(), first.classification()) : TaskStopDigestFormatter.format(digest),
                        deadline.now(), where, routeOf.get(entry.getKey())), where, deadline);
                digests += group.size() > 1 ? 1 : 0;
            } catch (RuntimeException e) {
                // A delivery failure, or anything unexpected about this one group: exactly its messages are redelivered.
                Log.error("ecs-task-stopped could not deliver " + group.size() + " stop(s) of " + TaskStopMessageFormatter.subject(first.task())
                        + ": " + e.getMessage() + "; their " + digest.messageIds().size() + " SQS message(s) are reported failed");
                failed.addAll(digest.messageIds());
            }
        }
        // A stop counts as delivered once every destination it went to took it: one that failed anywhere is redelivered
        // whole (and may then show twice where it did arrive: better than lost).
        groups.values().stream().flatMap(List::stream).distinct()
                .filter(stop -> stop.messageId() == null || !failed.contains(stop.messageId()))
                .forEach(stop -> selection.recordDelivered(stop.task()));
        Log.info("ecs-task-stopped batch: messages=" + messages.size() + " groups=" + groups.size() + " digests=" + digests
                + " failedItems=" + failed.size() + (slack.dryRun() ? " (dry run: nothing sent)" : ""));
        return List.copyOf(failed);
    }
}
