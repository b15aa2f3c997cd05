package dev.alertrelay.common.secrets;

import dev.alertrelay.common.testing.MotoServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secret resolution against real KMS and SSM API calls (moto_server on loopback). */
class SecretResolverTest {

    private static final String URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static MotoServer moto;
    private static String keyId;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        keyId = moto.createKey();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(moto.awsEnvironment());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void plainTextIsUsedAsIs() {
        assertEquals(URL, new SecretResolver(Map.of("SLACK_WEBHOOK_URL", " " + URL + "\n")::get).resolve("SLACK_WEBHOOK_URL"));
    }

    @Test
    void kmsCiphertextMadeByTheConsoleHelperIsDecryptedWithTheFunctionNameContext() {
        String ciphertext = moto.encryptForFunction(keyId, URL, "alarm-to-slack-prod");
        var resolver = new SecretResolver(env("SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "alarm-to-slack-prod")::get);
        assertEquals(URL, resolver.resolve("SLACK_WEBHOOK_URL"));
    }

    @Test
    void kmsCiphertextWithoutContextFromThePlainCliIsDecryptedOnTheSecondTry() {
        String ciphertext = moto.encrypt(keyId, URL, Map.of());
        var resolver = new SecretResolver(env("SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "fn")::get);
        assertEquals(URL, resolver.resolve("SLACK_WEBHOOK_URL"));
    }

    @Test
    void ciphertextEncryptedForAnotherFunctionFailsNamingTheVariableNotTheValue() {
        String ciphertext = moto.encryptForFunction(keyId, URL, "some-other-function");
        var resolver = new SecretResolver(env("SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "fn")::get);
        SecretException failure = assertThrows(SecretException.class, () -> resolver.resolve("SLACK_WEBHOOK_URL"));
        assertTrue(failure.getMessage().startsWith("SLACK_WEBHOOK_URL_ENCRYPTED"), failure.getMessage());
        assertTrue(failure.getMessage().contains("InvalidCiphertextException"), failure.getMessage());
        assertFalse(failure.getMessage().contains(ciphertext));
        assertFalse(failure.getMessage().contains("hooks.slack.com"));
    }

    @Test
    void ciphertextThatIsNotBase64IsAClearError() {
        var resolver = new SecretResolver(env("SLACK_WEBHOOK_URL_ENCRYPTED", "not base64 !!", "AWS_LAMBDA_FUNCTION_NAME", "fn")::get);
        SecretException failure = assertThrows(SecretException.class, () -> resolver.resolve("SLACK_WEBHOOK_URL"));
        assertEquals("SLACK_WEBHOOK_URL_ENCRYPTED is not valid base64 KMS ciphertext", failure.getMessage());
    }

    @Test
    void anSsmSecureStringIsReadWithDecryption() {
        moto.putSecureString("/alert-relay/test/slack-webhook", URL);
        var resolver = new SecretResolver(env("SLACK_WEBHOOK_URL_PARAMETER", "/alert-relay/test/slack-webhook")::get);
        assertEquals(URL, resolver.resolve("SLACK_WEBHOOK_URL"));
    }

    @Test
    void aMissingSsmParameterFailsNamingTheVariableAndTheParameter() {
        var resolver = new SecretResolver(env("PAGERDUTY_ROUTING_KEY_PARAMETER", "/alert-relay/missing")::get);
        SecretException failure = assertThrows(SecretException.class, () -> resolver.resolve("PAGERDUTY_ROUTING_KEY"));
        assertEquals("PAGERDUTY_ROUTING_KEY_PARAMETER: SSM parameter '/alert-relay/missing' does not exist (ParameterNotFound)",
                failure.getMessage());
    }

    @Test
    void nothingConfiguredNamesEveryAcceptedVariable() {
        SecretException failure = assertThrows(SecretException.class,
                () -> new SecretResolver(Map.<String, String>of()::get).resolve("PAGERDUTY_ROUTING_KEY"));
        assertEquals("PAGERDUTY_ROUTING_KEY is not configured: set one of PAGERDUTY_ROUTING_KEY, "
                + "PAGERDUTY_ROUTING_KEY_ENCRYPTED or PAGERDUTY_ROUTING_KEY_PARAMETER", failure.getMessage());
    }

    @Test
    void aResolvedSecretIsCachedForTheContainer() {
        moto.putSecureString("/alert-relay/test/cached", "first");
        var resolver = new SecretResolver(env("X_PARAMETER", "/alert-relay/test/cached")::get);
        assertEquals("first", resolver.resolve("X"));
        moto.putSecureString("/alert-relay/test/cached", "second");
        assertEquals("first", resolver.resolve("X"));
    }

    @Test
    void underSnapStartKmsIsCalledWithCredentialsFromTheContainerEndpoint() {
        String ciphertext = moto.encryptForFunction(keyId, URL, "fn");
        try (var endpoint = dev.alertrelay.common.testing.RecordingHttpServer.start(
                dev.alertrelay.common.testing.RecordingHttpServer.Answer.of(200,
                        "{\"AccessKeyId\":\"ASIACONTAINER\",\"SecretAccessKey\":\"s\",\"Token\":\"t\",\"Expiration\":\"2099-01-01T00:00:00Z\"}"))) {
            Map<String, String> env = new HashMap<>(Map.of("AWS_ENDPOINT_URL", moto.endpoint(), "AWS_REGION", MotoServer.REGION,
                    "AWS_LAMBDA_FUNCTION_NAME", "fn", "SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext,
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI", endpoint.url("/creds"), "AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth"));
            assertEquals(URL, new SecretResolver(env::get).resolve("SLACK_WEBHOOK_URL"));
            assertEquals(1, endpoint.requests().size());
        }
    }

    @Test
    void theBlueprintsEncryptedVariableIsDecryptedByName() {
        String ciphertext = moto.encryptForFunction(keyId, "hooks.slack.com/services/T/B/X", "fn");
        var resolver = new SecretResolver(env("kmsEncryptedHookUrl", ciphertext, "AWS_LAMBDA_FUNCTION_NAME", "fn")::get);
        assertEquals("hooks.slack.com/services/T/B/X", resolver.resolveEncryptedVariable("kmsEncryptedHookUrl"));
    }
}
