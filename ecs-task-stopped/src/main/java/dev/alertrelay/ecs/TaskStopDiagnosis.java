package dev.alertrelay.ecs;

import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.common.text.Truncate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each category means for the engineer reading it, and what to do next: a short plain summary for the phone
 * notification and a one-paragraph diagnosis with a next step for the message. Pure; one place for all of it.
 * Causes follow https://repost.aws/knowledge-center/ecs-task-stopped and the stopped-task error codes page.
 */
final class TaskStopDiagnosis {

    /** A reason quoted inside a summary or diagnosis is cut to this, the full reason has its own section. */
    private static final int QUOTED_REASON_MAX = 120;

    private static final Pattern ERROR_NAME = Pattern.compile("^\\s*([A-Z][A-Za-z]+Error)\\b");
    private static final Pattern TARGET_GROUP = Pattern.compile("targetgroup/([^/\\s)]+)");
    private static final Pattern ELB = Pattern.compile("(?i)\\b(ELB|load balancer|target[- ]group)\\b");
    private static final Pattern DEPLOYMENT = Pattern.compile("(?i)\\(deployment ([^)\\s]+)\\)");
    private static final Pattern SCALING = Pattern.compile("(?i)scaling activity");

    private static final Pattern IMAGE_NOT_FOUND = Pattern.compile("(?i)not found|manifest unknown|does not exist|no such image");
    private static final Pattern ACCESS_DENIED = Pattern.compile("(?i)access ?denied|unauthori[sz]ed|forbidden|\\b403\\b|denied|no basic auth");
    private static final Pattern NETWORK = Pattern.compile("(?i)i/o timeout|timed? ?out|dial tcp|deadline exceeded|connection (refused|reset)|no such host");
    private static final Pattern RATE_LIMITED = Pattern.compile("(?i)toomanyrequests|rate limit");
    private static final Pattern SECRETS = Pattern.compile("(?i)secret|ssm|parameter|registry auth|kms");
    private static final Pattern LOGGING = Pattern.compile("(?i)log(ger|ging| driver|group)");

    private TaskStopDiagnosis() {
    }

    /** The end of the notification line: {@code container app exited 1}. Plain text. */
    static String summary(TaskStop task, TaskStopClassifier.Classification classification) {
        TaskStop.Container culprit = classification.culprit();
        String reason = task.stoppedReason();
        return switch (classification.category()) {
            case FAILED_TO_START -> {
                String startError = startErrorText(task, culprit);
                String cause = likelyStartCause(startError);
                String what = errorName(startError) != null ? errorName(startError) : quoted(startError, "task failed to start");
                yield (culprit != null && culprit.name() != null && TaskStopClassifier.isStartFailure(culprit.reason())
                        ? "container " + culprit.name() + ": " : "") + what + (cause == null ? "" : " (" + cause + ")");
            }
            case OUT_OF_MEMORY -> containerName(culprit, "a container") + " ran out of memory"
                    + (culprit != null && culprit.memoryLimitMiB() != null ? " (limit " + culprit.memoryLimitMiB() + " MiB)" : "");
            case CRASHED, COMPLETED -> culprit == null || culprit.exitCode() == null
                    ? "an essential container exited (no exit code reported)"
                    : containerName(culprit, "a container") + " exited " + culprit.exitCode();
            case FAILED_HEALTH_CHECKS -> isElbHealthCheck(reason)
                    ? "failed ELB health checks" + (targetGroup(reason) == null ? "" : " (target group " + targetGroup(reason) + ")")
                    : "failed container health checks";
            case SPOT_INTERRUPTION -> "Spot capacity was reclaimed";
            case ROUTINE -> routineKind(task);
            case INFRASTRUCTURE -> quoted(reason, "stop code " + task.stopCode());
            case UNKNOWN -> quoted(reason, task.stopCode() == null ? "no stop code or reason given" : "stop code " + task.stopCode());
        };
    }

    /** What happened and what to do next, as mrkdwn with every untrusted piece escaped. */
    static Mrkdwn explanation(TaskStop task, TaskStopClassifier.Classification classification) {
        TaskStop.Container culprit = classification.culprit();
        String reason = task.stoppedReason();
        return switch (classification.category()) {
            case FAILED_TO_START -> failedToStart(task, culprit);
            case OUT_OF_MEMORY -> Mrkdwn.trusted("Container ").then(Mrkdwn.bold(containerName(culprit)))
                    .then(" was killed for using more memory than it is allowed"
                            + memoryLimits(task, culprit) + ".")
                    .then(nextStep("raise the container's `memory` (or the task's) in the task definition, or look for a leak: "
                            + "check the service's memory utilisation in the hours before the stop."));
            case CRASHED -> crashed(task, culprit);
            case COMPLETED -> Mrkdwn.trusted("The standalone task finished: ").then(Mrkdwn.bold(containerName(culprit)))
                    .then(" exited 0. Nothing to do.");
            case FAILED_HEALTH_CHECKS -> isElbHealthCheck(reason)
                    ? Mrkdwn.trusted("The load balancer's target group ").then(Mrkdwn.bold(targetGroup(reason) == null ? "(unnamed)" : targetGroup(reason)))
                            .then(" found the task unhealthy, so the service replaced it.")
                            .then(nextStep("check that the health check path and port answer 200 within the timeout, that the "
                                    + "task's security group admits the load balancer, and that the health check grace period covers start-up."))
                    : Mrkdwn.text("A container health check kept failing, so ECS replaced the task.")
                            .then(nextStep("run the health check command inside a running task (ECS Exec) and make sure its start "
                                    + "period covers start-up."));
            case SPOT_INTERRUPTION -> Mrkdwn.text("AWS reclaimed the Spot capacity (2-minute warning, then SIGTERM); the service "
                    + "starts a replacement where capacity allows.")
                    .then(nextStep("nothing, unless it keeps happening: then give the capacity provider strategy an on-demand base."));
            case INFRASTRUCTURE -> Mrkdwn.text("AWS stopped the task because of its host or the underlying infrastructure, not "
                    + "because of the application.")
                    .then(nextStep("nothing for a service, which starts a replacement; check the service reached its desired count."));
            case ROUTINE -> Mrkdwn.text("Stopped on purpose: " + routineKind(task) + ". Nothing to do.");
            case UNKNOWN -> Mrkdwn.text("alert-relay does not recognise this stop"
                    + (task.stopCode() == null ? "" : " (stop code " + task.stopCode() + ")") + ".")
                    .then(nextStep("read the stopped reason and the containers below, and open the task in the console "
                            + "(ECS keeps a stopped task for about an hour)."));
        };
    }

    /** What an exit code usually means, for the container list and the crash diagnosis; null when it says nothing. */
    static String exitMeaning(int exitCode) {
        return switch (exitCode) {
            case 0 -> "success";
            case 1 -> "application error";
            case 126 -> "command not executable";
            case 127 -> "command not found";
            case TaskStopClassifier.EXIT_SIGKILL -> "SIGKILL: out of memory or stop timeout";
            case 139 -> "segmentation fault";
            case TaskStopClassifier.EXIT_SIGTERM -> "SIGTERM: stopped by ECS";
            default -> null;
        };
    }

    private static Mrkdwn failedToStart(TaskStop task, TaskStop.Container culprit) {
        String startError = startErrorText(task, culprit);
        String errorName = errorName(startError);
        Mrkdwn intro = Mrkdwn.text("The task never ran");
        if (culprit != null && culprit.name() != null && TaskStopClassifier.isStartFailure(culprit.reason())) {
            intro = intro.then(": container ").then(Mrkdwn.bold(culprit.name())).then(" hit ").then(Mrkdwn.code(errorName == null ? "a start error" : errorName));
        } else if (errorName != null) {
            intro = intro.then(": ").then(Mrkdwn.code(errorName));
        }
        if ("CannotPullContainerError".equals(errorName) && culprit != null && culprit.image() != null) {
            intro = intro.then(" pulling ").then(Mrkdwn.code(culprit.image()));
        }
        intro = intro.then(".");
        String cause = likelyStartCause(startError);
        Mrkdwn likely = cause == null ? Mrkdwn.empty() : Mrkdwn.text(" Likely cause: " + cause + ".");
        return intro.then(likely).then(nextStep(startFailureStep(errorName, startError)));
    }

    private static String startFailureStep(String errorName, String startError) {
        String text = startError == null ? "" : startError;
        if ("CannotPullContainerError".equals(errorName)) {
            if (IMAGE_NOT_FOUND.matcher(text).find()) {
                return "check that this tag was pushed to the repository, and the task definition names it exactly.";
            }
            if (RATE_LIMITED.matcher(text).find()) {
                return "copy the image to ECR (or use an ECR pull-through cache) instead of pulling from Docker Hub.";
            }
            if (ACCESS_DENIED.matcher(text).find()) {
                return "give the task execution role ecr:GetAuthorizationToken and ecr:BatchGetImage, and check the repository policy.";
            }
            return "check the task can reach the registry: a NAT gateway or a public IP, or VPC endpoints for ecr.api, ecr.dkr and S3.";
        }
        if ("ResourceInitializationError".equals(errorName)) {
            if (LOGGING.matcher(text).find() && !SECRETS.matcher(text).find()) {
                return "check the log group exists (or awslogs-create-group is allowed) and the execution role may write to it.";
            }
            return "check the task execution role may read its secrets (Secrets Manager, SSM, KMS) and the subnets can reach those services.";
        }
        if ("CannotStartContainerError".equals(errorName)) {
            return "check the image's entrypoint and command, and the container's memory and ulimits.";
        }
        return "fix the error below; a service keeps retrying and may trip its deployment circuit breaker.";
    }

    /** A short label for the likely cause of a start error, or null when the text says nothing recognisable. */
    private static String likelyStartCause(String startError) {
        if (startError == null) {
            return null;
        }
        if (RATE_LIMITED.matcher(startError).find()) {
            return "registry rate limit";
        }
        if (IMAGE_NOT_FOUND.matcher(startError).find()) {
            return "image or tag not found";
        }
        if (ACCESS_DENIED.matcher(startError).find()) {
            return "access denied";
        }
        if (NETWORK.matcher(startError).find()) {
            return "network: cannot reach the service";
        }
        if (startError.contains("ResourceInitializationError") && SECRETS.matcher(startError).find()) {
            return "secrets or registry credentials unreadable";
        }
        return null;
    }

    private static Mrkdwn crashed(TaskStop task, TaskStop.Container culprit) {
        if (culprit == null || culprit.exitCode() == null) {
            return Mrkdwn.text("An essential container exited, but the event reports no exit code.")
                    .then(nextStep("read the containers' last log lines before the stop."));
        }
        int exit = culprit.exitCode();
        Mrkdwn what = Mrkdwn.trusted("Essential container ").then(Mrkdwn.bold(containerName(culprit)))
                .then(" exited with code ").then(Mrkdwn.code(String.valueOf(exit)));
        String meaning = exitMeaning(exit);
        if (exit == 0 && task.isServiceTask()) {
            what = what.then(", but a service's task must keep running: its main process returned.");
        } else {
            what = what.then(meaning == null ? "." : " (" + meaning + ").");
        }
        String step = exit == TaskStopClassifier.EXIT_SIGKILL
                ? "check its memory utilisation before the stop, and whether it ignores SIGTERM (stop timeout)."
                : task.isServiceTask() ? "read its last log lines before the stop time; a service restarts it, repeated crashes stall deployments."
                : "read its last log lines before the stop time; a standalone task is not restarted: run it again once the cause is fixed.";
        return what.then(nextStep(step));
    }

    private static String memoryLimits(TaskStop task, TaskStop.Container culprit) {
        Integer container = culprit == null ? null : culprit.memoryLimitMiB();
        Integer whole = task.taskMemoryMiB();
        if (container == null && whole == null) {
            return "";
        }
        String limits = container != null ? container + " MiB" : "";
        if (whole != null) {
            limits += (limits.isEmpty() ? "" : "; ") + "task " + whole + " MiB";
        }
        return " (" + limits + ")";
    }

    private static String routineKind(TaskStop task) {
        String reason = task.stoppedReason() == null ? "" : task.stoppedReason();
        Matcher deployment = DEPLOYMENT.matcher(reason);
        if (deployment.find()) {
            return "replaced by deployment " + deployment.group(1);
        }
        if (SCALING.matcher(reason).find()) {
            return "scale-in";
        }
        return TaskStopClassifier.USER_INITIATED.equals(task.stopCode()) || reason.isBlank()
                ? "stopped by a user or an API call" + (reason.isBlank() ? "" : " (" + quoted(reason, "") + ")")
                : quoted(reason, "routine stop");
    }

    /** The text of the start error: the culprit container's reason if it is one, else the task's stopped reason. */
    private static String startErrorText(TaskStop task, TaskStop.Container culprit) {
        if (culprit != null && TaskStopClassifier.isStartFailure(culprit.reason())) {
            return culprit.reason();
        }
        return task.stoppedReason();
    }

    private static String errorName(String reason) {
        Matcher matcher = reason == null ? null : ERROR_NAME.matcher(reason);
        return matcher != null && matcher.find() ? matcher.group(1) : null;
    }

    static boolean isElbHealthCheck(String reason) {
        return reason != null && ELB.matcher(reason).find();
    }

    static String targetGroup(String reason) {
        Matcher matcher = reason == null ? null : TARGET_GROUP.matcher(reason);
        return matcher != null && matcher.find() ? matcher.group(1) : null;
    }

    private static Mrkdwn nextStep(String step) {
        return Mrkdwn.trusted("\n").then(Mrkdwn.bold("Next:")).then(" " + step);
    }

    private static String containerName(TaskStop.Container container) {
        return container == null || container.name() == null ? "(unnamed)" : container.name();
    }

    private static String containerName(TaskStop.Container container, String fallback) {
        return container == null || container.name() == null ? fallback : "container " + container.name();
    }

    private static String quoted(String reason, String fallback) {
        return reason == null || reason.isBlank() ? fallback : Truncate.toLength(reason.strip(), QUOTED_REASON_MAX);
    }
}
