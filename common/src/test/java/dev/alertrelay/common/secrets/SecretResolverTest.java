package dev.alertrelay.common.secrets;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.SystemProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secret resolution against real KMS and SSM API calls (moto_server on loopback), through the AWS SDK as the
 * functions configure it. The SDK takes credentials and endpoints from the process, so these tests give them to it
 * as its system properties; the environment the functions read (AWS_REGION, the secret variables) is the map.
 */
class SecretResolverTest {

    private static final String URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static MotoServer moto;
    private static String keyId;
    private static SystemProperties sdk;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        keyId = moto.createKey();
        sdk = SystemProperties.set(moto.sdkSystemProperties());
    }

    @AfterAll
    static void stopMoto() {
        sdk.close();
        moto.close();
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("AWS_REGION", MotoServer.REGION));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static String resolve(Map<String, String> env, String name) {
        return new SecretResolver(env::get).secret(name).value(Deadline.in(20_000));
    }

    @Test
    void plainTextIsUsedAsIs() {
        assertEquals(URL, resolve(Map.of("SLACK_WEBHOOK_URL", " " + URL + "\n"), "SLACK_WEBHOOK_URL"));
    }

    @Test
    void kmsCiphertextMadeByTheConsoleHelperIsDecryptedWithTheFunctionNameContext() {
        String ciphertext = moto.encryptForFunction(keyId, URL, "alarm-to-slack-prod");
        assertEquals(URL, resolve(env("SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "alarm-to-slack-prod"),
                "SLACK_WEBHOOK_URL"));
    }

    @Test
    void kmsCiphertextWithoutContextFromThePlainCliIsDecryptedOnTheSecondTry() {
        String ciphertext = moto.encrypt(keyId, URL, Map.of());
        assertEquals(URL, resolve(env("SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "fn"), "SLACK_WEBHOOK_URL"));
    }

    @Test
    void ciphertextEncryptedForAnotherFunctionFailsNamingTheVariableNotTheValue() {
        String ciphertext = moto.encryptForFunction(keyId, URL, "some-other-function");
        SecretException failure = assertThrows(SecretException.class,
                () -> resolve(env("SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "fn"), "SLACK_WEBHOOK_URL"));
        assertTrue(failure.getMessage().startsWith("SLACK_WEBHOOK_URL_ENCRYPTED"), failure.getMessage());
        assertTrue(failure.getMessage().contains("InvalidCiphertextException"), failure.getMessage());
        assertFalse(failure.getMessage().contains(ciphertext));
        assertFalse(failure.getMessage().contains("hooks.slack.com"));
    }

    @Test
    void ciphertextThatIsNotBase64IsAClearError() {
        SecretException failure = assertThrows(SecretException.class,
                () -> resolve(env("SLACK_WEBHOOK_URL_ENCRYPTED", "not base64 !!"), "SLACK_WEBHOOK_URL"));
        assertEquals("SLACK_WEBHOOK_URL_ENCRYPTED is not valid base64 KMS ciphertext", failure.getMessage());
    }

    @Test
    void anSsmSecureStringIsReadWithDecryption() {
        moto.putSecureString("/alert-relay/test/slack-webhook", URL);
        assertEquals(URL, resolve(env("SLACK_WEBHOOK_URL_PARAMETER", "/alert-relay/test/slack-webhook"), "SLACK_WEBHOOK_URL"));
    }

    @Test
    void aSecretsManagerSecretIsReadThroughItsSsmReferenceName() {
        moto.createSecret("alert-relay/pagerduty-routing-key", "R0UT1NGKEY00000000000000000000AB");
        assertEquals("R0UT1NGKEY00000000000000000000AB", resolve(env("PAGERDUTY_ROUTING_KEY_PARAMETER",
                "/aws/reference/secretsmanager/alert-relay/pagerduty-routing-key"), "PAGERDUTY_ROUTING_KEY"));
    }

    @Test
    void aMissingSsmParameterFailsNamingTheVariableAndTheParameter() {
        SecretException failure = assertThrows(SecretException.class,
                () -> resolve(env("PAGERDUTY_ROUTING_KEY_PARAMETER", "/alert-relay/missing"), "PAGERDUTY_ROUTING_KEY"));
        assertEquals("PAGERDUTY_ROUTING_KEY_PARAMETER: SSM parameter '/alert-relay/missing' does not exist (ParameterNotFound)",
                failure.getMessage());
    }

    @Test
    void nothingConfiguredNamesEveryAcceptedVariable() {
        SecretException failure = assertThrows(SecretException.class, () -> resolve(Map.of(), "PAGERDUTY_ROUTING_KEY"));
        assertEquals("PAGERDUTY_ROUTING_KEY is not configured: set one of PAGERDUTY_ROUTING_KEY, "
                + "PAGERDUTY_ROUTING_KEY_ENCRYPTED or PAGERDUTY_ROUTING_KEY_PARAMETER", failure.getMessage());
    }

    @Test
    void aResolvedSecretIsCachedAndARefreshReadsTheRotatedValue() {
        moto.putSecureString("/alert-relay/test/cached", "first");
        Secret secret = new SecretResolver(env("X_PARAMETER", "/alert-relay/test/cached")::get).secret("X");
        assertEquals("first", secret.value(Deadline.in(20_000)));
        moto.putSecureString("/alert-relay/test/cached", "second");
        assertEquals("first", secret.value(Deadline.in(20_000)));
        assertTrue(secret.refresh());
        assertEquals("second", secret.value(Deadline.in(20_000)));
    }

    @Test
    @SuppressWarnings("try") // the try block only scopes the SDK settings
    void underSnapStartKmsIsCalledWithCredentialsFromTheContainerEndpoint() {
        String ciphertext = moto.encryptForFunction(keyId, URL, "fn");
        try (var endpoint = RecordingHttpServer.start(RecordingHttpServer.Answer.of(200,
                "{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"s\",\"Token\":\"t\",\"Expiration\":\"2099-01-01T00:00:00Z\"}"));
             var container = SystemProperties.set(containerOnly(endpoint.url("/creds")))) {
            assertEquals(URL, resolve(env("AWS_LAMBDA_FUNCTION_NAME", "fn", "SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext), "SLACK_WEBHOOK_URL"));
            assertEquals(1, endpoint.requests().size());
            assertEquals("auth", endpoint.requests().get(0).header("Authorization"));
        }
    }

    /** No static keys, so the SDK's chain reaches the container credentials endpoint, as in a SnapStart environment. */
    private static Map<String, String> containerOnly(String url) {
        Map<String, String> properties = new HashMap<>();
        properties.put("aws.accessKeyId", null);
        properties.put("aws.secretAccessKey", null);
        properties.put("aws.configFile", "/nonexistent/alert-relay-config");
        properties.put("aws.sharedCredentialsFile", "/nonexistent/alert-relay-credentials");
        properties.put("aws.containerCredentialsFullUri", url);
        properties.put("aws.containerAuthorizationToken", "auth");
        return properties;
    }

    @Test
    @SuppressWarnings("try") // the try block only scopes the SDK settings
    void aCredentialProcessProfileWorksLocallyAsWithAnyAwsTool(@TempDir Path home) throws IOException {
        Path process = home.resolve("credentials-process");
        Files.writeString(process, "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"AKIAPROCESS\", \"SecretAccessKey\": \"s\"}'\n");
        assertTrue(process.toFile().setExecutable(true));
        Path config = home.resolve("config");
        Files.writeString(config, "[profile on-call]\nregion = us-east-1\ncredential_process = " + process + "\n");
        moto.putSecureString("/alert-relay/test/process", URL);
        Map<String, String> profileOnly = new HashMap<>();
        profileOnly.put("aws.accessKeyId", null);
        profileOnly.put("aws.secretAccessKey", null);
        profileOnly.put("aws.configFile", config.toString());
        profileOnly.put("aws.sharedCredentialsFile", home.resolve("credentials").toString());
        profileOnly.put("aws.profile", "on-call");
        try (var profile = SystemProperties.set(profileOnly)) {
            assertEquals(URL, resolve(env("SLACK_WEBHOOK_URL_PARAMETER", "/alert-relay/test/process"), "SLACK_WEBHOOK_URL"));
        }
    }

    @Test
    void theBlueprintsEncryptedVariableIsDecryptedByName() {
        String ciphertext = moto.encryptForFunction(keyId, "hooks.slack.com/services/T/B/X", "fn");
        var resolver = new SecretResolver(env("kmsEncryptedHookUrl", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "fn")::get);
        assertEquals("hooks.slack.com/services/T/B/X", resolver.encryptedVariable("kmsEncryptedHookUrl").value(Deadline.in(20_000)));
    }
}
