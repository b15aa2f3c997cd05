package dev.alertrelay.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a function jar ships. The AWS SDK pulls the Apache, Apache 5 and Netty HTTP clients into every service module
 * and silently prefers Apache 5 when it finds it: a jar must carry url-connection-client and no other.
 */
public final class JarContents {

    /** Where the SDK's other HTTP clients (and the CRT) live in a jar. */
    private static final List<String> OTHER_HTTP_CLIENTS = List.of("org/apache/http/", "org/apache/hc/",
            "software/amazon/awssdk/http/apache/", "software/amazon/awssdk/http/apache5/", "software/amazon/awssdk/http/nio/netty/",
            "io/netty/", "software/amazon/awssdk/http/crt/", "software/amazon/awssdk/crt/");
    /** A function with secrets (KMS, SSM, the STS/SSO credential modules): issue 10's ceiling. */
    public static final long MAX_BYTES = 15L * 1024 * 1024;
    /**
     * A function with Slack app mode as well: the DynamoDB (thread state) and CloudWatch (charts) clients add about
     * 5 MB of SDK model classes that webhook mode never loads (FoundationEndToEndIT names the classes).
     */
    public static final long WITH_APP_MODE_MAX_BYTES = 20L * 1024 * 1024;

    private JarContents() {
    }

    public static void assertShipsOnlyUrlConnectionClient(Path jar) {
        assertShipsOnlyUrlConnectionClient(jar, MAX_BYTES);
    }

    public static void assertShipsOnlyUrlConnectionClient(Path jar, long maxBytes) {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertTrue(names.contains("software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class"),
                    jar + " lacks url-connection-client");
            List<String> others = names.stream().filter(name -> OTHER_HTTP_CLIENTS.stream().anyMatch(name::startsWith)).limit(5).toList();
            assertEquals(List.of(), others, jar + " ships another HTTP client");
            assertTrue(Files.size(jar) <= maxBytes, jar + " is " + Files.size(jar) + " bytes, over " + maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
