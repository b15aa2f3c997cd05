package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
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
import net.jqwik.api.Tuple;

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
 * character escaped, or rejects the event as invalid; it never fails any other way. Seeds are fixed so CI is repeatable.
 */
class AlarmToSlackHostileInputTest {

    private static final List<String> SAMPLES = samples();
    private static final String SNS_SAMPLE = "alarm-sns-alb-healthyhostcount.json";

    private static List<String> samples() {
        try (Stream<Path> files = Files.list(EventFiles.dir())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("alarm-")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every state is posted, so every alarm goes through the formatter. */
    private static void postsValidMessagesOrRejects(String event) {
        RecordingSlackSender slack = new RecordingSlackSender();
        AlarmToSlackHandler handler = new AlarmToSlackHandler(Map.<String, String>of()::get, slack);
        HostileInput.completesOrRejects(event,
                in -> handler.handleRequest(in, new ByteArrayOutputStream(), TestContext.of("alarm-to-slack")));
        slack.payloads().forEach(BlockKitLimits::assertValid);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 400, seed = "6001")
    void aSampleWithAnyFieldMutatedIsPostedWithinLimitsOrRejectedWithKeptSeed6001(@ForAll("mutatedSamples") String event) {
        aSampleWithAnyFieldMutatedIsPostedWithinLimitsOrRejected(event);
    }

    @Property(tries = 400)
    void aSampleWithAnyFieldMutatedIsPostedWithinLimitsOrRejected(@ForAll("mutatedSamples") String event) {
        postsValidMessagesOrRejects(event);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 200, seed = "6002")
    void arbitraryJsonIsPostedWithinLimitsOrRejectedWithKeptSeed6002(@ForAll("arbitraryJson") String event) {
        arbitraryJsonIsPostedWithinLimitsOrRejected(event);
    }

    @Property(tries = 200)
    void arbitraryJsonIsPostedWithinLimitsOrRejected(@ForAll("arbitraryJson") String event) {
        postsValidMessagesOrRejects(event);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 150, seed = "6003")
    void aTruncatedSampleIsPostedWithinLimitsOrRejectedWithKeptSeed6003(@ForAll("truncatedSamples") String event) {
        aTruncatedSampleIsPostedWithinLimitsOrRejected(event);
    }

    @Property(tries = 150)
    void aTruncatedSampleIsPostedWithinLimitsOrRejected(@ForAll("truncatedSamples") String event) {
        postsValidMessagesOrRejects(event);
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 300, seed = "6004")
    void anSnsMessageOfAnyShapeIsPostedWithinLimitsOrRejectedWithKeptSeed6004(@ForAll("snsMessages") String message) {
        anSnsMessageOfAnyShapeIsPostedWithinLimitsOrRejected(message);
    }

    @Property(tries = 300)
    void anSnsMessageOfAnyShapeIsPostedWithinLimitsOrRejected(@ForAll("snsMessages") String message) {
        JsonObject event = Json.parseObject(EventFiles.text(SNS_SAMPLE));
        event.getAsJsonArray("Records").get(0).getAsJsonObject().getAsJsonObject("Sns").add("Message", new JsonPrimitive(message));
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

    /** Arbitrary JSON, hostile text, or the alarm JSON of the SNS sample with fields mutated. */
    @Provide
    Arbitrary<String> snsMessages() {
        JsonObject alarm = Json.parseObject(Json.parseObject(EventFiles.text(SNS_SAMPLE)).getAsJsonArray("Records").get(0)
                .getAsJsonObject().getAsJsonObject("Sns").get("Message").getAsString());
        return Arbitraries.frequencyOf(
                Tuple.of(1, HostileJson.documents()),
                Tuple.of(1, HostileJson.strings()),
                Tuple.of(4, HostileJson.mutated(alarm)));
    }
}
