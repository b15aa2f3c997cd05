package dev.alertrelay.ecs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.delivery.RecentDeliveries;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;

/**
 * Which task events become notifications: STOPPED tasks, classified, in a category {@code NOTIFY_CATEGORIES} asks for,
 * and not a duplicate this container already delivered. Every event left out gets one log line saying why.
 */
final class StopSelection {

    /** Enough to recognise the duplicates that arrive while a container is warm; a few kB at most. */
    private static final int REMEMBERED_DELIVERIES = 512;

    private final NotifyCategories notify;
    private final TaskStopClassifier classifier = new TaskStopClassifier();
    private final RecentDeliveries delivered = new RecentDeliveries(REMEMBERED_DELIVERIES);

    StopSelection(NotifyCategories notify) {
        this.notify = notify;
    }

    /** The stop to report, or null with a log line saying why not (another event, not stopped, filtered, a duplicate). */
    TaskStopDigest.Stop select(JsonObject event, String messageId) {
        String detailType = Json.string(event, "detail-type");
        if (detailType != null && !TaskStopParser.DETAIL_TYPE.equals(detailType)) {
            Log.info("ecs-task-stopped ignored: detail-type '" + detailType + "' is not '" + TaskStopParser.DETAIL_TYPE + "'");
            return null;
        }
        TaskStop task = TaskStopParser.parse(event);
        if (!task.isStopped()) {
            Log.info("ecs-task-stopped ignored: lastStatus " + task.lastStatus() + " is not STOPPED task=" + task.taskArn());
            return null;
        }
        TaskStopClassifier.Classification classification = classifier.classify(task);
        if (!notify.contains(classification.category())) {
            Log.info("ecs-task-stopped skipped: category " + classification.category().configName() + " is not in "
                    + NotifyCategories.VARIABLE + " task=" + task.taskArn());
            return null;
        }
        if (delivered.wasDelivered(duplicateKey(task))) {
            Log.info("ecs-task-stopped skipped: duplicate delivery of version " + task.version() + " task=" + task.taskArn());
            return null;
        }
        return new TaskStopDigest.Stop(task, classification, messageId);
    }


    void recordDelivered(TaskStop task) {
        delivered.recordDelivered(duplicateKey(task));
    }

    /** The duplicate key of a task stop (duplicates share taskArn + version), or null when the event has no task ARN. */
    static String duplicateKey(TaskStop task) {
        return task.taskArn() == null ? null : task.taskArn() + "#" + task.version();
    }
}
