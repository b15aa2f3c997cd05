package dev.alertrelay.ecs;

import dev.alertrelay.common.aws.AwsPartitions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Links into the ECS console (v2) for a stopped task and its service. The console keeps a stopped task's page for
 * about an hour after it stops; the service page stays.
 */
final class EcsConsoleLinks {

    /** A region code; anything else would put untrusted text into the link's host name. */

    private EcsConsoleLinks() {
    }

    /** {@code https://<r>.console.aws.amazon.com/ecs/v2/clusters/<cluster>/tasks/<taskId>/configuration?region=<r>}, or null. */
    static String task(TaskStop task) {
        if (!hasRegion(task) || task.clusterName() == null || task.taskId() == null) {
            return null;
        }
        return base(task) + "/tasks/" + segment(task.taskId()) + "/configuration?region=" + segment(task.region());
    }

    /** {@code .../ecs/v2/clusters/<cluster>/services/<service>/health?region=<r>}, or null for a standalone task. */
    static String service(TaskStop task) {
        if (!hasRegion(task) || task.clusterName() == null || task.serviceName() == null) {
            return null;
        }
        return base(task) + "/services/" + segment(task.serviceName()) + "/health?region=" + segment(task.region());
    }

    /** The service's event log, where ECS says why it keeps replacing tasks. */
    static String serviceEvents(TaskStop task) {
        if (!hasRegion(task) || task.clusterName() == null || task.serviceName() == null) {
            return null;
        }
        return base(task) + "/services/" + segment(task.serviceName()) + "/events?region=" + segment(task.region());
    }

    private static boolean hasRegion(TaskStop task) {
        return AwsPartitions.isRegion(task.region());
    }

    private static String base(TaskStop task) {
        return AwsPartitions.console(task.region()) + "/ecs/v2/clusters/" + segment(task.clusterName());
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
