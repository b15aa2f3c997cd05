package dev.alertrelay.ecs;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static dev.alertrelay.ecs.TaskStopBuilder.task;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TaskStopClassifierTest {

    private static final String ESSENTIAL_EXITED = "Essential container in task exited";
    private static final String OOM_REASON = "OutOfMemoryError: Container killed due to memory usage";
    private static final String ELB_REASON = "Task failed ELB health checks in (target-group "
            + "arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/checkout-tg/73e2d6bc24d8a067)";

    private final TaskStopClassifier classifier = new TaskStopClassifier();

    private StopCategory categoryOf(TaskStopBuilder task) {
        return classifier.classify(task.build()).category();
    }

    @Nested
    class FailedToStart {
        @Test
        void taskFailedToStartStopCodeIsAFailedStart() {
            assertEquals(StopCategory.FAILED_TO_START, categoryOf(task().stopCode("TaskFailedToStart")
                    .reason("Timeout waiting for network interface provisioning to complete.").container("app", null)));
        }

        @Test
        void imagePullErrorInAContainerReasonIsAFailedStartWhateverTheStopCode() {
            assertEquals(StopCategory.FAILED_TO_START, categoryOf(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .container("app", null, "CannotPullContainerError: pull image manifest has been retried 5 time(s): not found")));
        }

        @Test
        void resourceInitializationErrorInTheStoppedReasonIsAFailedStart() {
            assertEquals(StopCategory.FAILED_TO_START, categoryOf(task()
                    .reason("ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed")));
        }

        @Test
        void theContainerWithTheStartErrorIsTheCulprit() {
            var classification = classifier.classify(task().stopCode("TaskFailedToStart")
                    .container("envoy", null).container("app", null, "CannotStartContainerError: failed to create shim task").build());
            assertEquals("app", classification.culprit().name());
        }
    }

    @Nested
    class OutOfMemory {
        @Test
        void outOfMemoryReasonWithExit137IsOutOfMemory() {
            assertEquals(StopCategory.OUT_OF_MEMORY, categoryOf(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .container("app", 137, OOM_REASON)));
        }

        @Test
        void outOfMemoryBeatsCrashedEvenWhenAnotherContainerExitedWithAnApplicationError() {
            var classification = classifier.classify(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .container("worker", 1).container("app", 137, OOM_REASON).build());
            assertEquals(StopCategory.OUT_OF_MEMORY, classification.category());
            assertEquals("app", classification.culprit().name());
        }

        @Test
        void outOfMemoryBeatsFailedHealthChecks() {
            assertEquals(StopCategory.OUT_OF_MEMORY, categoryOf(task().stopCode("ServiceSchedulerInitiated").reason(ELB_REASON)
                    .container("sidecar", 137, OOM_REASON).container("app", 143)));
        }

        @Test
        void exit137WithoutAnOutOfMemoryReasonIsACrashNotOutOfMemory() {
            assertEquals(StopCategory.CRASHED, categoryOf(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .container("app", 137)));
        }
    }

    @Nested
    class CrashedAndCompleted {
        @Test
        void essentialContainerExitingNonZeroIsACrash() {
            var classification = classifier.classify(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .container("envoy", 0).container("app", 1).build());
            assertEquals(StopCategory.CRASHED, classification.category());
            assertEquals("app", classification.culprit().name());
        }

        @Test
        void theContainerEcsStoppedWithSigtermIsNotTheCulprit() {
            var classification = classifier.classify(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .container("envoy", 143).container("app", 2).build());
            assertEquals("app", classification.culprit().name());
        }

        @Test
        void theReasonAloneIdentifiesAnEssentialExitWhenTheStopCodeIsMissing() {
            assertEquals(StopCategory.CRASHED, categoryOf(task().reason(ESSENTIAL_EXITED).container("app", 139)));
        }

        @Test
        void standaloneTaskWhoseContainerExitedZeroCompleted() {
            assertEquals(StopCategory.COMPLETED, categoryOf(task().standalone("nightly-report").stopCode("EssentialContainerExited")
                    .reason(ESSENTIAL_EXITED).container("report", 0)));
        }

        @Test
        void standaloneTaskWithANonZeroExitCrashed() {
            assertEquals(StopCategory.CRASHED, categoryOf(task().standalone("nightly-report").stopCode("EssentialContainerExited")
                    .reason(ESSENTIAL_EXITED).container("report", 3)));
        }

        @Test
        void serviceTaskWhoseEssentialContainerExitedZeroCrashedBecauseServicesMustKeepRunning() {
            assertEquals(StopCategory.CRASHED, categoryOf(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .container("app", 0)));
        }

        @Test
        void essentialExitWithoutAnyExitCodeIsACrashWithNoCulprit() {
            var classification = classifier.classify(task().stopCode("EssentialContainerExited").reason(ESSENTIAL_EXITED)
                    .standalone("job").container("app", null).build());
            assertEquals(StopCategory.CRASHED, classification.category());
            assertNull(classification.culprit());
        }
    }

    @Nested
    class FailedHealthChecks {
        @Test
        void elbHealthCheckFailureStoppedByTheSchedulerIsAFailureNotRoutine() {
            assertEquals(StopCategory.FAILED_HEALTH_CHECKS, categoryOf(task().stopCode("ServiceSchedulerInitiated").reason(ELB_REASON)
                    .container("app", 143)));
        }

        @Test
        void containerHealthCheckFailureIsAFailedHealthCheck() {
            assertEquals(StopCategory.FAILED_HEALTH_CHECKS, categoryOf(task().stopCode("ServiceSchedulerInitiated")
                    .reason("Task failed container health checks").container("app", 137)));
        }
    }

    @Nested
    class SpotInterruption {
        @Test
        void spotInterruptionStopCodeIsSpot() {
            assertEquals(StopCategory.SPOT_INTERRUPTION, categoryOf(task().capacityProvider("FARGATE_SPOT").stopCode("SpotInterruption")
                    .reason("Your Spot Task was interrupted.").container("app", 143)));
        }

        @Test
        void spotReasonIsSpotEvenWithoutAStopCode() {
            assertEquals(StopCategory.SPOT_INTERRUPTION, categoryOf(task().reason("Your Spot Task was interrupted.")));
        }

        @Test
        void terminationNoticeOnASpotCapacityProviderIsSpot() {
            assertEquals(StopCategory.SPOT_INTERRUPTION, categoryOf(task().capacityProvider("FARGATE_SPOT").stopCode("TerminationNotice")
                    .reason("Task stopped because its host received a termination notice")));
        }

        @Test
        void spotBeatsTheCrashLikeExitCodesTheInterruptionLeavesBehind() {
            assertEquals(StopCategory.SPOT_INTERRUPTION, categoryOf(task().capacityProvider("FARGATE_SPOT").stopCode("SpotInterruption")
                    .reason("Your Spot Task was interrupted.").container("app", 1)));
        }
    }

    @Nested
    class Infrastructure {
        @Test
        void terminationNoticeOnOnDemandCapacityIsInfrastructure() {
            assertEquals(StopCategory.INFRASTRUCTURE, categoryOf(task().capacityProvider("prod-asg-ondemand").stopCode("TerminationNotice")
                    .reason("Host EC2 (instance i-0f1e2d3c4b5a69788) terminated.").container("app", 143)));
        }

        @Test
        void infrastructureHealthStopCodeIsInfrastructure() {
            assertEquals(StopCategory.INFRASTRUCTURE, categoryOf(task().stopCode("InfrastructureHealth").reason("Task stopped")));
        }

        @Test
        void maintenanceStoppedByTheSchedulerIsInfrastructureNotRoutine() {
            assertEquals(StopCategory.INFRASTRUCTURE, categoryOf(task().stopCode("ServiceSchedulerInitiated")
                    .reason("ECS is performing maintenance on the underlying infrastructure hosting the task")));
        }

        @Test
        void hostTerminatedReasonWithoutAStopCodeIsInfrastructure() {
            assertEquals(StopCategory.INFRASTRUCTURE, categoryOf(task().reason("Host EC2 (instance i-0abc) terminated.")));
        }
    }

    @Nested
    class Routine {
        @Test
        void deploymentReplacingTheTaskIsRoutine() {
            assertEquals(StopCategory.ROUTINE, categoryOf(task().stopCode("ServiceSchedulerInitiated")
                    .reason("Scaling activity initiated by (deployment ecs-svc/4412345678901234567)").container("app", 0)));
        }

        @Test
        void userStopIsRoutineEvenThoughTheAppExitedOnSigterm() {
            assertEquals(StopCategory.ROUTINE, categoryOf(task().stopCode("UserInitiated").reason("Task stopped by user")
                    .container("app", 143)));
        }

        @Test
        void userStopWithACustomReasonIsRoutine() {
            assertEquals(StopCategory.ROUTINE, categoryOf(task().stopCode("UserInitiated").reason("rolling back release 2.5")));
        }
    }

    @Nested
    class Unknown {
        @Test
        void aStopCodeAwsAddsLaterIsUnknownNotAnError() {
            assertEquals(StopCategory.UNKNOWN, categoryOf(task().stopCode("PlatformUpgradeInitiated").reason("Task stopped for an upgrade")));
        }

        @Test
        void schedulerStopWithAnUnrecognisedReasonIsUnknown() {
            assertEquals(StopCategory.UNKNOWN, categoryOf(task().stopCode("ServiceSchedulerInitiated").reason("something new")));
        }

        @Test
        void aStopWithNoCodeNoReasonAndNoContainersIsUnknown() {
            assertEquals(StopCategory.UNKNOWN, categoryOf(task()));
        }
    }
}
