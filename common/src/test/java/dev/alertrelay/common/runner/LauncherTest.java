package dev.alertrelay.common.runner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The jar's Java-8 launcher reads every form of java.specification.version. */
class LauncherTest {

    @Test
    void oldAndNewVersionNumbersReadAsTheirFeatureRelease() {
        assertEquals(8, Launcher.feature("1.8"));
        assertEquals(17, Launcher.feature("17"));
        assertEquals(25, Launcher.feature("25"));
        assertEquals(Launcher.REQUIRED, Launcher.feature("not a version"));
    }
}
