package dev.alertrelay.ecs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Decides why a STOPPED task stopped, from its {@code stopCode}, {@code stoppedReason}, {@code group} and its
 * containers' exit codes and reasons. Pure: no I/O, no clock.
 *
 * <p>Rules, first match wins; the order is the point:
 * <ol>
 *   <li><b>Spot interruption</b>: stop code SpotInterruption, a reason saying a Spot task was interrupted, or
 *       TerminationNotice on a Spot capacity provider. The stop code names the cause outright, and the SIGTERM/SIGKILL
 *       exit codes it leaves behind must not read as a crash.</li>
 *   <li><b>Failed to start</b>: stop code TaskFailedToStart, or a start error (CannotPullContainerError,
 *       ResourceInitializationError, ...) in the task's or a container's reason. Nothing ran, so nothing else applies.</li>
 *   <li><b>Out of memory</b>: an OutOfMemoryError reason on any container. It beats "crashed" (the OOM kill is what made
 *       the essential container exit 137) and "failed health checks" (a starving container stops answering them).</li>
 *   <li><b>Failed health checks</b>: ELB target group or container health check reasons. The scheduler stops such a task
 *       with ServiceSchedulerInitiated, like a deployment, but this one is a failure.</li>
 *   <li><b>Crashed</b> / <b>completed</b>: an essential container exited (EssentialContainerExited). The event does not
 *       say which container is essential, so the most likely culprit is the container whose exit looks least like
 *       ECS stopping it (see {@link #mostLikelyCulpritFirst}). Exit 0 is "completed" for a standalone task
 *       ({@code group} "family:..."), but a crash for a service task, which is meant to run until told to stop.</li>
 *   <li><b>Infrastructure</b>: InfrastructureHealth, TerminationNotice (not Spot), host terminated, ECS maintenance.</li>
 *   <li><b>Routine</b>: UserInitiated, a deployment or scale-in ("Scaling activity initiated by ...").</li>
 *   <li><b>Unknown</b>: anything else, including stop codes AWS adds later; reported, never dropped.</li>
 * </ol>
 * Stop codes: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Task.html (stopCode) and
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/stopped-task-error-codes.html
 */
final class TaskStopClassifier {

    static final String TASK_FAILED_TO_START = "TaskFailedToStart";
    static final String ESSENTIAL_CONTAINER_EXITED = "EssentialContainerExited";
    static final String USER_INITIATED = "UserInitiated";
    static final String SPOT_INTERRUPTION = "SpotInterruption";
    static final String TERMINATION_NOTICE = "TerminationNotice";
    static final String INFRASTRUCTURE_HEALTH = "InfrastructureHealth";

    /** Exit status of a process killed by SIGKILL: the kernel OOM killer, or ECS after the stop timeout. */
    static final int EXIT_SIGKILL = 137;
    /** Exit status of a process ended by SIGTERM: how ECS stops the other containers of a task. */
    static final int EXIT_SIGTERM = 143;

    /** Culprit rank of a container with neither an exit code nor a reason: it cannot explain anything. */
    private static final int NOTHING_TO_SAY = 6;

    private static final Pattern START_FAILURE = Pattern.compile(
            "CannotPullContainerError|ResourceInitializationError|CannotStartContainerError|CannotCreateVolumeError"
                    + "|ContainerRuntimeTimeoutError|DockerTimeoutError|CannotInspectContainerError|(?i:task failed to start)");
    private static final Pattern OUT_OF_MEMORY = Pattern.compile("(?i)out\\s*of\\s*memory|\\boom[-_ ]?kill");
    private static final Pattern HEALTH_CHECKS = Pattern.compile("(?i)\\bfail\\w*\\b.{0,40}\\bhealth[- ]?checks?\\b");
    private static final Pattern SPOT_REASON = Pattern.compile("(?i)\\bspot\\b.{0,40}\\binterrupt|\\binterrupt.{0,40}\\bspot\\b");
    private static final Pattern MENTIONS_SPOT = Pattern.compile("(?i)\\bspot\\b");
    private static final Pattern ESSENTIAL_EXITED = Pattern.compile("(?i)^\\s*essential container in task exited");
    private static final Pattern INFRASTRUCTURE_REASON = Pattern.compile(
            "(?i)^\\s*host ec2 \\(instance [^)]*\\) (terminated|stopped)|underlying infrastructure|performing maintenance"
                    + "|task retirement|scheduled for retirement");
    private static final Pattern ROUTINE_REASON = Pattern.compile(
            "(?i)^\\s*(service )?scaling activity initiated by|^\\s*task stopped by user");

    /** The category and, when one stands out, the container that explains it. */
    public record Classification(StopCategory category, TaskStop.Container culprit) {
    }

    public Classification classify(TaskStop task) {
        TaskStop.Container culprit = mostLikelyCulprit(task.containers());
        return new Classification(category(task, culprit), culprit);
    }

    private static StopCategory category(TaskStop task, TaskStop.Container culprit) {
        String stopCode = task.stopCode();
        String reason = task.stoppedReason();
        if (isSpotInterruption(task)) {
            return StopCategory.SPOT_INTERRUPTION;
        }
        if (TASK_FAILED_TO_START.equals(stopCode) || isStartFailure(reason) || anyContainerReason(task, TaskStopClassifier::isStartFailure)) {
            return StopCategory.FAILED_TO_START;
        }
        if (isOutOfMemory(reason) || anyContainerReason(task, TaskStopClassifier::isOutOfMemory)) {
            return StopCategory.OUT_OF_MEMORY;
        }
        if (isHealthCheckFailure(reason)) {
            return StopCategory.FAILED_HEALTH_CHECKS;
        }
        if (ESSENTIAL_CONTAINER_EXITED.equals(stopCode) || (reason != null && ESSENTIAL_EXITED.matcher(reason).find())) {
            boolean exitedCleanly = culprit != null && culprit.exitCode() != null && culprit.exitCode() == 0;
            return exitedCleanly && !task.isServiceTask() ? StopCategory.COMPLETED : StopCategory.CRASHED;
        }
        if (INFRASTRUCTURE_HEALTH.equals(stopCode) || TERMINATION_NOTICE.equals(stopCode)
                || (reason != null && INFRASTRUCTURE_REASON.matcher(reason).find())) {
            return StopCategory.INFRASTRUCTURE;
        }
        if (USER_INITIATED.equals(stopCode) || (reason != null && ROUTINE_REASON.matcher(reason).find())) {
            return StopCategory.ROUTINE;
        }
        return StopCategory.UNKNOWN;
    }

    private static boolean isSpotInterruption(TaskStop task) {
        String reason = task.stoppedReason();
        if (SPOT_INTERRUPTION.equals(task.stopCode()) || (reason != null && SPOT_REASON.matcher(reason).find())) {
            return true;
        }
        String provider = task.capacityProviderName();
        return TERMINATION_NOTICE.equals(task.stopCode())
                && ((provider != null && provider.toUpperCase(Locale.ROOT).contains("SPOT"))
                || (reason != null && MENTIONS_SPOT.matcher(reason).find()));
    }

    static boolean isStartFailure(String reason) {
        return reason != null && START_FAILURE.matcher(reason).find();
    }

    static boolean isOutOfMemory(String reason) {
        return reason != null && OUT_OF_MEMORY.matcher(reason).find();
    }

    private static boolean isHealthCheckFailure(String reason) {
        return reason != null && HEALTH_CHECKS.matcher(reason).find();
    }

    private static boolean anyContainerReason(TaskStop task, Predicate<String> test) {
        for (TaskStop.Container container : task.containers()) {
            if (test.test(container.reason())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Containers ordered by how likely each is to be why the task stopped: an OOM or start error first, then an
     * application exit code, then SIGKILL (137), then SIGTERM (143, what ECS sends the others), then any other reason,
     * then exit 0, then containers that say nothing. Ties keep the event's order. Each rank is computed once, since
     * it runs patterns over reasons that can be long.
     */
    public static List<TaskStop.Container> mostLikelyCulpritFirst(List<TaskStop.Container> containers) {
        List<Ranked> ranked = new ArrayList<>(containers.size());
        for (TaskStop.Container container : containers) {
            ranked.add(new Ranked(container, culpritRank(container)));
        }
        ranked.sort(Comparator.comparingInt(Ranked::rank));
        List<TaskStop.Container> ordered = new ArrayList<>(ranked.size());
        ranked.forEach(r -> ordered.add(r.container()));
        return ordered;
    }

    private record Ranked(TaskStop.Container container, int rank) {
    }

    private static TaskStop.Container mostLikelyCulprit(List<TaskStop.Container> containers) {
        TaskStop.Container best = null;
        int bestRank = NOTHING_TO_SAY;
        for (TaskStop.Container container : containers) {
            int rank = culpritRank(container);
            if (rank < bestRank) {
                best = container;
                bestRank = rank;
            }
        }
        return best;
    }

    private static int culpritRank(TaskStop.Container container) {
        Integer exit = container.exitCode();
        if (isOutOfMemory(container.reason()) || isStartFailure(container.reason())) {
            return 0;
        }
        if (exit != null && exit != 0 && exit != EXIT_SIGKILL && exit != EXIT_SIGTERM) {
            return 1;
        }
        if (exit != null && exit == EXIT_SIGKILL) {
            return 2;
        }
        if (exit != null && exit == EXIT_SIGTERM) {
            return 3;
        }
        if (container.reason() != null && !container.reason().isBlank()) {
            return 4;
        }
        return exit != null ? 5 : NOTHING_TO_SAY;
    }
}
