package dev.alertrelay.slack.testing;

import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackOverrides;
import dev.alertrelay.slack.SlackSender;

import java.util.ArrayList;
import java.util.List;

/** A {@link SlackSender} that keeps the payloads it is given, for handler tests that assert what a user would see. */
public final class RecordingSlackSender implements SlackSender {

    private final List<JsonObject> payloads = new ArrayList<>();
    private final SlackOverrides overrides;

    public RecordingSlackSender() {
        this(SlackOverrides.NONE);
    }

    public RecordingSlackSender(SlackOverrides overrides) {
        this.overrides = overrides;
    }

    @Override
    public void send(SlackMessage message, Deadline deadline) {
        payloads.add(message.toPayload(overrides));
    }

    public List<JsonObject> payloads() {
        return payloads;
    }

    public JsonObject only() {
        if (payloads.size() != 1) {
            throw new AssertionError("expected exactly one Slack message, got " + payloads.size());
        }
        return payloads.get(0);
    }
}
