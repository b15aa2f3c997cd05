package dev.alertrelay.common.delivery;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Dry-run mode of the local runner ({@code --dry-run}): no secret is resolved and nothing is sent; each request body
 * that would have been sent is printed on stdout as one compact JSON document per line.
 */
public final class DryRun {

    public static final String PROPERTY = "alertrelay.dryRun";

    private DryRun() {
    }

    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY));
    }

    /** How a log line says a delivery happened: "sent", or "would send" in a dry run, where nothing is. */
    public static String sent() {
        return enabled() ? "would send" : "sent";
    }

    /** Prints one request body as a single line on stdout. */
    public static void print(JsonObject body) {
        synchronized (Stdout.UTF8) {
            Stdout.UTF8.println(Json.toJson(body));
        }
    }

    /** Created on the first dry-run print only: a real run asks {@link #enabled()} and never needs it. */
    private static final class Stdout {
        static final PrintStream UTF8 = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    }
}
