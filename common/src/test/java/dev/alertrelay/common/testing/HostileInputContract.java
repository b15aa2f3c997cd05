package dev.alertrelay.common.testing;

import dev.alertrelay.common.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The hostile-input contract every function's handler keeps: a sample with any field mutated, arbitrary JSON and a
 * truncated sample are each either handled within the receiver's limits or rejected as an invalid event, never failed
 * any other way. Each function's test extends this with its samples and how it runs its handler, and adds the
 * properties only its own events have. Each property runs once with a fresh seed (printed) and once with the seed
 * it is kept with.
 */
public abstract class HostileInputContract {

    /** The names of the samples in {@code events/} this function's events are mutated from. */
    protected abstract List<String> samples();

    /** Runs the handler on {@code event}: completes within limits or rejects it as invalid (see {@link HostileInput}). */
    protected abstract void handlesOrRejects(String event);

    /** The samples in {@code events/} whose names {@code wanted} accepts, sorted. */
    protected static List<String> samplesWhere(Predicate<String> wanted) {
        try (Stream<Path> files = Files.list(EventFiles.dir())) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).filter(wanted).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Property(tries = 400, seed = "6001")
    void aSampleWithAnyFieldMutatedIsHandledWithinLimitsOrRejectedWithKeptSeed6001(@ForAll("mutatedSamples") String event) {
        handlesOrRejects(event);
    }

    @Property(tries = 400)
    void aSampleWithAnyFieldMutatedIsHandledWithinLimitsOrRejected(@ForAll("mutatedSamples") String event) {
        handlesOrRejects(event);
    }

    @Property(tries = 200, seed = "6002")
    void arbitraryJsonIsHandledWithinLimitsOrRejectedWithKeptSeed6002(@ForAll("arbitraryJson") String event) {
        handlesOrRejects(event);
    }

    @Property(tries = 200)
    void arbitraryJsonIsHandledWithinLimitsOrRejected(@ForAll("arbitraryJson") String event) {
        handlesOrRejects(event);
    }

    @Property(tries = 150, seed = "6003")
    void aTruncatedSampleIsHandledWithinLimitsOrRejectedWithKeptSeed6003(@ForAll("truncatedSamples") String event) {
        handlesOrRejects(event);
    }

    @Property(tries = 150)
    void aTruncatedSampleIsHandledWithinLimitsOrRejected(@ForAll("truncatedSamples") String event) {
        handlesOrRejects(event);
    }

    @Provide
    Arbitrary<String> mutatedSamples() {
        return Arbitraries.of(samples()).flatMap(name -> HostileJson.mutated(Json.parseObject(EventFiles.text(name))));
    }

    @Provide
    Arbitrary<String> arbitraryJson() {
        return HostileJson.documents();
    }

    @Provide
    Arbitrary<String> truncatedSamples() {
        return Arbitraries.of(samples()).flatMap(name -> HostileJson.truncated(EventFiles.text(name)));
    }
}
