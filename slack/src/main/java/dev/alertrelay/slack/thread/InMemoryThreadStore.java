package dev.alertrelay.slack.thread;

import dev.alertrelay.common.http.Deadline;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Thread records for one process: a dry run shows a whole lifecycle from one event file with several records. */
public final class InMemoryThreadStore implements ThreadStore {

    private final Map<String, ThreadRecord> records = new HashMap<>();

    @Override
    public synchronized Optional<ThreadRecord> read(String id, Deadline deadline) {
        return Optional.ofNullable(records.get(id));
    }

    @Override
    public synchronized boolean write(ThreadRecord record, long expectedVersion, long expiresAtEpochSeconds, Deadline deadline) {
        ThreadRecord stored = records.get(record.id());
        long storedVersion = stored == null ? 0 : stored.version();
        if (storedVersion != expectedVersion) {
            return false;
        }
        records.put(record.id(), record.withVersion(expectedVersion + 1));
        return true;
    }
}
