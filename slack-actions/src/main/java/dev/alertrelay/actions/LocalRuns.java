package dev.alertrelay.actions;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.runner.LocalRunner;
import dev.alertrelay.common.secrets.Secret;

/** What only the local runner does: verify the samples in {@code events/} with the sample signing secret. */
final class LocalRuns {

    private LocalRuns() {
    }

    static boolean active() {
        return LocalRunner.isRunning();
    }

    /** A fixed value that is not a secret (the samples' signing secret, printed in the README). */
    static Secret secret(String name, String value) {
        return new Secret() {
            @Override
            public String value(Deadline deadline) {
                return value;
            }

            @Override
            public boolean refresh() {
                return false;
            }

            @Override
            public String source() {
                return name + " (the local runner's sample secret)";
            }
        };
    }
}
