package dev.alertrelay.ecs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.HostileInput;
import dev.alertrelay.common.testing.HostileJson;
import dev.alertrelay.slack.testing.RecordingSlackSender;
import dev.alertrelay.common.testing.TestContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Hostile and broken events through the whole handler: it posts a message Slack accepts, with every untrusted
 * character escaped, ignores the event, or rejects it as invalid; it never fails any other way. Seeds are fixed so CI
 * is repeatable.
 */
class EcsTaskStoppedHostileInputTest {

    private static final List<String> SAMPLES = samples();

    private static List<String> samples() {
        try (Stream<Path> files = Files.list(EventFiles.dir())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("ecs-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every category is posted, so every stopped task goes through the classifier and the formatter. */
    private static void postsValidMessagesOrRejects(String event) {
        RecordingSlackSender slack = new RecordingSlackSender();
        EcsTaskStoppedHandler handler = new EcsTaskStoppedHandler(Map.of("NOTIFY_CATEGORIES", "all")::get, slack);
        HostileInput.completesOrRejects(event,
                in -> handler.handleRequest(in, new ByteArrayOutputStream(), TestContext.of("ecs-task-stopped")));
        slack.payloads().forEach(BlockKitLimits::assertValid);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 400, seed = "6101")
    void aSampleWithAnyFieldMutatedIsPostedWithinLimitsOrRejectedWithKeptSeed6101(@ForAll("mutatedSamples") String event) {
        aSampleWithAnyFieldMutatedIsPostedWithinLimitsOrRejected(event);
    }

    @Property(tries = 400)
    void aSampleWithAnyFieldMutatedIsPostedWithinLimitsOrRejected(@ForAll("mutatedSamples") String event) {
        postsValidMessagesOrRejects(event);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 200, seed = "6102")
    void arbitraryJsonIsPostedWithinLimitsOrRejectedWithKeptSeed6102(@ForAll("arbitraryJson") String event) {
        arbitraryJsonIsPostedWithinLimitsOrRejected(event);
    }

    @Property(tries = 200)
    void arbitraryJsonIsPostedWithinLimitsOrRejected(@ForAll("arbitraryJson") String event) {
        postsValidMessagesOrRejects(event);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 150, seed = "6103")
    void aTruncatedSampleIsPostedWithinLimitsOrRejectedWithKeptSeed6103(@ForAll("truncatedSamples") String event) {
        aTruncatedSampleIsPostedWithinLimitsOrRejected(event);
    }

    @Property(tries = 150)
    void aTruncatedSampleIsPostedWithinLimitsOrRejected(@ForAll("truncatedSamples") String event) {
        postsValidMessagesOrRejects(event);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 200, seed = "6104")
    void aDetailOfAnyShapeIsPostedWithinLimitsOrRejectedWithKeptSeed6104(@ForAll("details") String detail) {
        aDetailOfAnyShapeIsPostedWithinLimitsOrRejected(detail);
    }

    /** Arbitrary JSON in place of the envelope's detail, which holds everything the message is made of. */
    @Property(tries = 200)
    void aDetailOfAnyShapeIsPostedWithinLimitsOrRejected(@ForAll("details") String detail) {
        JsonObject event = Json.parseObject(EventFiles.text("ecs-crashed-service.json"));
        event.add("detail", Json.parse(detail));
        postsValidMessagesOrRejects(Json.toJson(event));
    }

    @Provide
    Arbitrary<String> mutatedSamples() {
        return Arbitraries.of(SAMPLES).flatMap(name -> HostileJson.mutated(Json.parseObject(EventFiles.text(name))));
    }

    @Provide
    Arbitrary<String> arbitraryJson() {
        return HostileJson.documents();
    }

    @Provide
    Arbitrary<String> truncatedSamples() {
        return Arbitraries.of(SAMPLES).flatMap(name -> HostileJson.truncated(EventFiles.text(name)));
    }

    @Provide
    Arbitrary<String> details() {
        return HostileJson.values().map(Json::toJson);
    }
}
