package dev.alertrelay.slack.thread;

import dev.alertrelay.common.http.Deadline;

import java.util.Optional;

/** Where thread records live: DynamoDB ({@code ALARM_STATE_TABLE}), or memory for a dry run. */
public interface ThreadStore {

    /** The record as last written (a strongly consistent read), if any. */
    Optional<ThreadRecord> read(String id, Deadline deadline);

    /**
     * Writes {@code record} with version {@code expectedVersion + 1}, only if the stored record still has
     * {@code expectedVersion} (0: only if there is none).
     *
     * @return false when another invocation wrote first; the caller reads again and decides again
     */
    boolean write(ThreadRecord record, long expectedVersion, long expiresAtEpochSeconds, Deadline deadline);
}
