package dev.alertrelay.actions;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.slack.thread.ThreadControls;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The signed samples in events/ are what the local runner and SnapStart priming run: each verifies and parses. */
class SamplesTest {

    private static final List<String> SAMPLES = List.of("acknowledge", "silence-1h", "silence-until-ok", "unsilence", "page");

    @Test
    void everySampleIsSignedWithTheLocalRunnersSecretAndNamesItsButton() throws Exception {
        for (String action : SAMPLES) {
            JsonObject event = Json.parseObject(Files.readString(EventFiles.path("slack-action-" + action + ".json")));
            FunctionUrlRequest request = FunctionUrlRequest.of(event, SlackActionsHandler.MAX_BODY_BYTES);
            String timestamp = request.header("x-slack-request-timestamp");
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
            assertNull(SlackSignature.problemWithHeaders(timestamp, request.header("x-slack-signature"), signedAt.plusSeconds(10)), action);
            assertTrue(SlackSignature.matches(SlackActionsHandler.SAMPLE_SIGNING_SECRET, timestamp, request.body(),
                    request.header("x-slack-signature")), action);
            Interaction click = Interaction.parse(request.body());
            assertEquals(SlackActionsHandler.SAMPLE_TEAM_ID, click.teamId());
            assertEquals("alert-relay:" + action, ThreadControls.Action.ofActionId(click.actionId()).orElseThrow().actionId());
            assertTrue(click.isCompleteClick(), action);
        }
    }

    @Test
    void primingReadsTheSampleWithoutAnyService() throws IOException {
        try (InputStream sample = Files.newInputStream(EventFiles.path("slack-action-acknowledge.json"))) {
            SlackActionsHandler.prime(sample);
        }
    }
}
