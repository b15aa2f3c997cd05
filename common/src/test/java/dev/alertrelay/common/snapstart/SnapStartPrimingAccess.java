package dev.alertrelay.common.snapstart;

/** Test access to the registered priming hooks, which production code keeps private. */
public final class SnapStartPrimingAccess {

    private SnapStartPrimingAccess() {
    }

    public static void runLastRegistered() {
        SnapStartPriming priming = SnapStartPriming.lastRegistered();
        if (priming == null) {
            throw new AssertionError("no priming hook was registered");
        }
        priming.beforeCheckpoint(null);
    }
}
