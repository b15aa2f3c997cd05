package dev.alertrelay.common.snapstart;

import dev.alertrelay.common.log.Log;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Lambda SnapStart priming (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html): before the
 * snapshot is taken, run the function's own parse-and-format path on a bundled sample event through a sender that
 * sends nothing, and load the TLS classes delivery will need. Restored environments then start with that
 * code loaded and compiled.
 *
 * <p>No secret is resolved and nothing is sent while priming: a secret fetched here would be frozen into a snapshot
 * shared by every restored environment. Secrets are resolved after restore, on first use. Outside SnapStart (local
 * runs, ordinary Lambda) the hook is never called and costs one registration.
 */
public final class SnapStartPriming implements Resource {

    /** org.crac keeps only weak references to resources: these must stay reachable for the container's life. */
    private static final List<SnapStartPriming> REGISTERED = new ArrayList<>();
    private static final List<BooleanSupplier> COMPONENTS = new ArrayList<>();

    private final String sampleResource;
    private final Consumer<InputStream> primer;

    SnapStartPriming(String sampleResource, Consumer<InputStream> primer) {
        this.sampleResource = sampleResource;
        this.primer = primer;
    }

    /**
     * @param sampleResource a class-path resource holding a sample event, e.g. {@code /priming/alarm.json}
     * @param primer         runs the handler path on the event with a sender that sends nothing
     */
    public static synchronized void register(String sampleResource, Consumer<InputStream> primer) {
        SnapStartPriming priming = new SnapStartPriming(sampleResource, primer);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
    }

    static synchronized SnapStartPriming lastRegistered() {
        return REGISTERED.isEmpty() ? null : REGISTERED.get(REGISTERED.size() - 1);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: secrets and connections are created on first use after restore.
    }

    /**
     * The HTTPS delivery path up to the network: the default TLS context, and a client hello produced by an SSL engine
     * (key shares, cipher suites, extensions), which is where a first handshake spends its time. No connection is made.
     */
    static void primeTls() throws java.security.NoSuchAlgorithmException, javax.net.ssl.SSLException {
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("hooks.slack.com", 443);
        engine.setUseClientMode(true);
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        engine.closeOutbound();
    }

    /**
     * A component's own priming (the SDK client it ships, such as Slack app mode's DynamoDB thread store), run after
     * the handler path; it answers whether it warmed an AWS client. Each component registers itself, as
     * powertools-lambda-java's do, so this class knows none of them.
     */
    public static synchronized void registerComponent(BooleanSupplier primer) {
        COMPONENTS.add(primer);
    }

    private static synchronized List<BooleanSupplier> components() {
        return List.copyOf(COMPONENTS);
    }

    /** Runs the primer once; a failure is logged, never fatal (a snapshot without priming is only slower). */
    void prime() {
        long start = System.nanoTime();
        try (InputStream sample = SnapStartPriming.class.getResourceAsStream(sampleResource)) {
            if (sample == null) {
                Log.warn("snapstart priming skipped: no " + sampleResource + " in the jar");
                return;
            }
            Log.quietly(() -> primer.accept(sample));
            primeTls();
            boolean aws = false;
            for (BooleanSupplier component : components()) {
                aws |= component.getAsBoolean();
            }
            Log.info("snapstart priming done in " + (System.nanoTime() - start) / 1_000_000 + " ms (handler path, TLS client hello"
                    + (aws ? ", AWS SDK clients" : "") + "; no delivery made, no secret read)");
        } catch (IOException | RuntimeException | java.security.NoSuchAlgorithmException e) {
            Log.warn("snapstart priming failed (the snapshot is only less warm): " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
