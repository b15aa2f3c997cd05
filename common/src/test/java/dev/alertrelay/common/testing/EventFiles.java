package dev.alertrelay.common.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The sample events in the repository's {@code events/} folder, loaded by file name. */
public final class EventFiles {

    private EventFiles() {
    }

    public static Path dir() {
        String configured = System.getProperty("alertrelay.events");
        if (configured != null) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        while (here != null && !Files.isDirectory(here.resolve("events"))) {
            here = here.getParent();
        }
        if (here == null) {
            throw new IllegalStateException("cannot find the events/ folder");
        }
        return here.resolve("events");
    }

    public static Path path(String name) {
        return dir().resolve(name);
    }

    public static String text(String name) {
        try {
            return Files.readString(path(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InputStream stream(String name) {
        return new ByteArrayInputStream(text(name).getBytes(StandardCharsets.UTF_8));
    }

    public static InputStream streamOf(String json) {
        return new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
    }
}
