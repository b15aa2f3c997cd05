package dev.alertrelay.common.runner;

import java.lang.reflect.InvocationTargetException;

/**
 * The jars' Main-Class, compiled for Java 8 so that any old {@code java} can load it: on a runtime older than 21 it
 * says so in one sentence (instead of an UnsupportedClassVersionError), else it hands over to {@code LocalRunner}.
 */
public final class Launcher {

    static final int REQUIRED = 21;

    private Launcher() {
    }

    public static void main(String[] args) throws Throwable {
        int running = feature(System.getProperty("java.specification.version"));
        if (running < REQUIRED) {
            System.err.println("alert-relay needs Java " + REQUIRED + " or newer to run (this is "
                    + System.getProperty("java.version") + " at " + System.getProperty("java.home")
                    + "): run the jar with a JDK 21+ java, e.g. $(bash .ci/find-jdk)/bin/java -jar ...");
            System.exit(2);
        }
        try {
            Class.forName("dev.alertrelay.common.runner.LocalRunner").getMethod("main", String[].class)
                    .invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** "1.8" reads 8, "17" reads 17; anything unreadable counts as new enough and is left to the JVM. */
    static int feature(String specification) {
        try {
            String version = specification.startsWith("1.") ? specification.substring(2) : specification;
            return Integer.parseInt(version.split("\\.")[0]);
        } catch (RuntimeException e) {
            return REQUIRED;
        }
    }
}
