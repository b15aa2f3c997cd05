package dev.alertrelay.common.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a function's shaded jar as a process, as a user would: {@code java -jar <jar> [args]}, with a clean
 * environment (nothing inherited but PATH and HOME) plus the variables the test gives.
 */
public final class JarProcess {

    /** What the process did. */
    public record Result(int exitCode, String stdout, String stderr, long millis) {
        public String all() {
            return stdout + "\n" + stderr;
        }
    }

    private JarProcess() {
    }

    /** The jar under test, from the {@code alertrelay.jar} system property that failsafe sets. */
    public static Path jar() {
        String jar = System.getProperty("alertrelay.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the shaded jar is missing (alertrelay.jar=" + jar + "): run through 'mvn verify'");
        }
        return Path.of(jar);
    }

    public static Result run(Map<String, String> env, String stdin, String... args) {
        return run(List.of(), env, stdin, args);
    }

    /**
     * Another function's shaded jar, built earlier in the same reactor (a test that drives two functions, such as a
     * click on a thread that alarm-to-slack posted).
     */
    public static Path siblingJar(String module) {
        Path jar = jar().toAbsolutePath().getParent().getParent().getParent().resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded jar of " + module + " is missing (" + jar + "): run 'mvn verify' on the whole project");
        }
        return jar;
    }

    public static Result run(List<String> jvmOptions, Map<String, String> env, String stdin, String... args) {
        return run(jar(), jvmOptions, env, stdin, args);
    }

    public static Result run(Path jar, List<String> jvmOptions, Map<String, String> env, String stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        Map<String, String> keep = new HashMap<>();
        for (String name : List.of("PATH", "HOME", "TMPDIR")) {
            if (System.getenv(name) != null) {
                keep.put(name, System.getenv(name));
            }
        }
        environment.clear();
        environment.putAll(keep);
        environment.putAll(env);
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("jar-out", ".txt");
            err = Files.createTempFile("jar-err", ".txt");
            builder.redirectOutput(out.toFile()).redirectError(err.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            process.getOutputStream().close();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the jar did not finish within 90 s");
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), millis);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    /** Tests leave nothing behind in the temporary directory. */
    public static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
