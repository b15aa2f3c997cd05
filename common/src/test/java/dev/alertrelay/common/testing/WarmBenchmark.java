package dev.alertrelay.common.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.alertrelay.common.delivery.DryRun;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Manifest;

/**
 * Warm per-event handler time, for bench/run.sh (not a test: nothing runs it in the build).
 * <pre>java -cp &lt;function&gt;.jar:common/target/test-classes dev.alertrelay.common.testing.WarmBenchmark
 *      [--warmup-millis N] [--measure-millis N] &lt;event.json&gt;...</pre>
 * Instantiates the handler the jar's manifest names (Lambda-Handler) in dry-run mode, so nothing goes over the network
 * and the senders print each payload on stdout (send stdout to /dev/null), then calls {@code handleRequest} on each
 * event repeatedly: first for a warm-up period, then in timed rounds. Logging on stderr is swallowed during the
 * loops. One result line per event on stderr, tab-separated:
 * {@code warm <event> first_ms=<first call> median_us=<median of round means> min_us=<best round> calls=<timed calls> last_log=<the handler's last log line>}.
 *
 * <p>The ECS function drops a duplicate delivery (same taskArn and version) in a warm container; an event with a
 * {@code detail.version} is therefore cycled through 1,024 versions, more than the handler remembers, so every timed call
 * classifies, formats and "sends".
 */
public final class WarmBenchmark {

    private static final int VARIANTS = 1024;
    private static final int ROUNDS = 15;

    private WarmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long warmupMillis = 2_000;
        long measureMillis = 3_000;
        List<Path> events = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup-millis" -> warmupMillis = Long.parseLong(args[++i]);
                case "--measure-millis" -> measureMillis = Long.parseLong(args[++i]);
                default -> events.add(Path.of(args[i]));
            }
        }
        if (events.isEmpty()) {
            System.err.println("usage: WarmBenchmark [--warmup-millis N] [--measure-millis N] <event.json>...");
            System.exit(2);
        }
        PrintStream results = System.err;
        String handlerClass = manifestHandler();
        System.setProperty(DryRun.PROPERTY, "true");
        System.setProperty("alertrelay.functionName", "bench");
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        LastLine log = new LastLine();
        for (Path event : events) {
            byte[][] variants = variants(Files.readAllBytes(event));
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            long first = System.nanoTime();
            call(handler, variants[0]);
            long firstNanos = System.nanoTime() - first;
            int next = 1;
            long warmupEnd = System.nanoTime() + warmupMillis * 1_000_000;
            while (System.nanoTime() < warmupEnd) {
                call(handler, variants[next++ % variants.length]);
            }
            double[] roundMicros = new double[ROUNDS];
            long calls = 0;
            long roundNanos = measureMillis * 1_000_000 / ROUNDS;
            for (int round = 0; round < ROUNDS; round++) {
                long start = System.nanoTime();
                long end = start + roundNanos;
                int inRound = 0;
                long now;
                do {
                    call(handler, variants[next++ % variants.length]);
                    inRound++;
                    now = System.nanoTime();
                } while (now < end);
                roundMicros[round] = (now - start) / 1_000.0 / inRound;
                calls += inRound;
            }
            System.setErr(results);
            Arrays.sort(roundMicros);
            results.printf("warm\t%s\tfirst_ms=%.2f\tmedian_us=%.1f\tmin_us=%.1f\tcalls=%d\tlast_log=%s%n",
                    event.getFileName(), firstNanos / 1e6, roundMicros[ROUNDS / 2], roundMicros[0], calls, log.last());
        }
    }

    private static void call(RequestStreamHandler handler, byte[] event) throws IOException {
        handler.handleRequest(new ByteArrayInputStream(event), OutputStream.nullOutputStream(), TestContext.of("bench"));
    }

    /** The event itself, or 1,024 copies with distinct {@code detail.version} when it has one. */
    private static byte[][] variants(byte[] event) {
        JsonElement parsed = JsonParser.parseString(new String(event, StandardCharsets.UTF_8));
        if (!(parsed instanceof JsonObject root) || !(root.get("detail") instanceof JsonObject detail)
                || !(detail.get("version") instanceof com.google.gson.JsonPrimitive version) || !version.isNumber()) {
            return new byte[][] {event};
        }
        long base = version.getAsLong();
        byte[][] variants = new byte[VARIANTS][];
        for (int i = 0; i < VARIANTS; i++) {
            detail.addProperty("version", base + i);
            variants[i] = root.toString().getBytes(StandardCharsets.UTF_8);
        }
        return variants;
    }

    /** The handler named by the one manifest on the class path that has a Lambda-Handler entry (the shaded jar's). */
    private static String manifestHandler() throws IOException {
        Enumeration<URL> manifests = WarmBenchmark.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            try (var in = manifests.nextElement().openStream()) {
                String handler = new Manifest(in).getMainAttributes().getValue("Lambda-Handler");
                if (handler != null && !handler.isBlank()) {
                    return handler.strip();
                }
            }
        }
        throw new IllegalStateException("no Lambda-Handler in any manifest on the class path: put a function's shaded jar first");
    }

    /** Keeps only the last complete line written (bulk writes are scanned, not copied), so logging costs little here. */
    private static final class LastLine extends OutputStream {
        private static final int KEPT = 400;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();
        private String last = "";

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int start = off;
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    keep(b, start, i - start);
                    last = current.toString(StandardCharsets.UTF_8);
                    current.reset();
                    start = i + 1;
                }
            }
            keep(b, start, off + len - start);
        }

        /** The start of each line is enough to show what the handler did. */
        private void keep(byte[] b, int off, int len) {
            int room = KEPT - current.size();
            if (room > 0) {
                current.write(b, off, Math.min(room, len));
            }
        }

        String last() {
            return last.replace('\t', ' ');
        }
    }
}
