package dev.alertrelay.common.aws;

import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where credentials come from in Lambda (environment), under SnapStart (container endpoint) and locally (profile). */
class CredentialsProviderTest {

    private static final String CONTAINER_CREDENTIALS = """
            {"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"container-secret","Token":"container-token",
             "Expiration":"2099-01-01T00:00:00Z"}""";

    @Test
    void environmentKeysComeFirst() {
        AwsCredentials credentials = new CredentialsProvider(Map.of("AWS_ACCESS_KEY_ID", "AKIAENV",
                "AWS_SECRET_ACCESS_KEY", "env-secret", "AWS_SESSION_TOKEN", "env-token",
                "AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1:1/never")::get).get();
        assertEquals("AKIAENV", credentials.accessKeyId());
        assertEquals("env-token", credentials.sessionToken());
    }

    @Test
    void snapStartFunctionsReadTheContainerEndpointWithTheirAuthorizationToken() {
        try (RecordingHttpServer endpoint = RecordingHttpServer.start(Answer.of(200, CONTAINER_CREDENTIALS))) {
            AwsCredentials credentials = new CredentialsProvider(Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url("/2021-04-23/credentials"),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth")::get).get();
            assertEquals("ASIACONTAINER", credentials.accessKeyId());
            assertEquals("container-secret", credentials.secretAccessKey());
            assertEquals("container-token", credentials.sessionToken());
            assertEquals("GET", endpoint.requests().get(0).method());
            assertEquals("container-auth", endpoint.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void containerCredentialsAreCachedUntilShortlyBeforeTheyExpire() {
        try (RecordingHttpServer endpoint = RecordingHttpServer.start(Answer.of(200, CONTAINER_CREDENTIALS))) {
            CredentialsProvider provider = new CredentialsProvider(Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url("/creds"))::get);
            provider.get();
            provider.get();
            assertEquals(1, endpoint.requests().size());
        }
    }

    @Test
    void expiringContainerCredentialsAreFetchedAgain() {
        String expiring = CONTAINER_CREDENTIALS.replace("2099-01-01T00:00:00Z", java.time.Instant.now().plusSeconds(60).toString());
        try (RecordingHttpServer endpoint = RecordingHttpServer.start(Answer.of(200, expiring))) {
            CredentialsProvider provider = new CredentialsProvider(Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url("/creds"))::get);
            provider.get();
            provider.get();
            assertEquals(2, endpoint.requests().size());
        }
    }

    @Test
    void aFailingContainerEndpointIsAClearErrorWithoutTheToken() {
        try (RecordingHttpServer endpoint = RecordingHttpServer.start(Answer.of(500, "boom"))) {
            AwsServiceException failure = assertThrows(AwsServiceException.class, () -> new CredentialsProvider(Map.of(
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url("/creds"),
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth")::get).get());
            assertTrue(failure.getMessage().contains("answered HTTP 500"), failure.getMessage());
            assertFalse(failure.getMessage().contains("container-auth"));
        }
    }

    @Test
    void locallyTheProfilesStaticKeysAreUsed(@TempDir Path home) throws Exception {
        Path credentialsFile = home.resolve("credentials");
        Files.writeString(credentialsFile, """
                [default]
                aws_access_key_id = AKIADEFAULT
                aws_secret_access_key = default-secret

                [ops]
                # the on-call profile
                aws_access_key_id=AKIAOPS
                aws_secret_access_key=ops-secret
                aws_session_token=ops-token
                """);
        Map<String, String> env = new HashMap<>(Map.of("AWS_SHARED_CREDENTIALS_FILE", credentialsFile.toString()));
        assertEquals("AKIADEFAULT", new CredentialsProvider(env::get).get().accessKeyId());
        env.put("AWS_PROFILE", "ops");
        AwsCredentials ops = new CredentialsProvider(env::get).get();
        assertEquals("AKIAOPS", ops.accessKeyId());
        assertEquals("ops-token", ops.sessionToken());
        assertNull(new CredentialsProvider(env::get).get().expiration());
    }

    @Test
    void noCredentialsAnywhereIsAClearError(@TempDir Path home) {
        AwsServiceException failure = assertThrows(AwsServiceException.class,
                () -> new CredentialsProvider(Map.of("HOME", home.toString())::get).get());
        assertTrue(failure.getMessage().startsWith("NoCredentials"), failure.getMessage());
    }
}
