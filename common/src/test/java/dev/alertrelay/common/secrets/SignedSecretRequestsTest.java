package dev.alertrelay.common.secrets;

import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.MotoServer.AuthenticatedMoto;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secret resolution against a moto that verifies SigV4 signatures (with botocore's implementation) and enforces IAM:
 * proof that our requests are signed correctly, and that denials surface as clear errors.
 */
class SignedSecretRequestsTest {

    private static final String URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
    private static AuthenticatedMoto moto;
    private static String ciphertext;

    @BeforeAll
    static void start() {
        moto = MotoServer.startEnforcingAuth();
        ciphertext = moto.server().encryptForFunction(moto.server().createKey(), URL, "fn");
        moto.server().putSecureString("/alert-relay/signed/webhook", URL);
    }

    @AfterAll
    static void stop() {
        moto.close();
    }

    private static SecretResolver resolver(MotoServer.IamUser user, String... pairs) {
        Map<String, String> env = moto.environmentFor(user);
        env.put("AWS_LAMBDA_FUNCTION_NAME", "fn");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return new SecretResolver(env::get);
    }

    @Test
    void aCorrectlySignedKmsDecryptIsAccepted() {
        assertEquals(URL, resolver(moto.allowed(), "SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext).resolve("SLACK_WEBHOOK_URL"));
    }

    @Test
    void aCorrectlySignedSsmGetParameterIsAccepted() {
        assertEquals(URL, resolver(moto.allowed(), "SLACK_WEBHOOK_URL_PARAMETER", "/alert-relay/signed/webhook")
                .resolve("SLACK_WEBHOOK_URL"));
    }

    @Test
    void kmsAccessDeniedNamesTheVariableAndTheDenialButNotTheValue() {
        SecretException failure = assertThrows(SecretException.class,
                () -> resolver(moto.denied(), "SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext).resolve("SLACK_WEBHOOK_URL"));
        assertTrue(failure.getMessage().startsWith("SLACK_WEBHOOK_URL_ENCRYPTED: KMS Decrypt failed: AccessDenied"), failure.getMessage());
        assertFalse(failure.getMessage().contains(ciphertext));
        assertFalse(failure.getMessage().contains("hooks.slack.com"));
    }

    @Test
    void ssmAccessDeniedNamesTheVariableAndTheParameter() {
        SecretException failure = assertThrows(SecretException.class,
                () -> resolver(moto.denied(), "SLACK_WEBHOOK_URL_PARAMETER", "/alert-relay/signed/webhook").resolve("SLACK_WEBHOOK_URL"));
        assertTrue(failure.getMessage().startsWith("SLACK_WEBHOOK_URL_PARAMETER: SSM GetParameter '/alert-relay/signed/webhook' failed: AccessDenied"),
                failure.getMessage());
    }

    @Test
    void aWrongSecretKeyIsRejectedAsABadSignature() {
        SecretException failure = assertThrows(SecretException.class,
                () -> resolver(new MotoServer.IamUser(moto.allowed().accessKeyId(), "not-the-secret"),
                        "SLACK_WEBHOOK_URL_ENCRYPTED", ciphertext).resolve("SLACK_WEBHOOK_URL"));
        assertTrue(failure.getMessage().contains("SignatureDoesNotMatch"), failure.getMessage());
        assertFalse(failure.getMessage().contains("not-the-secret"));
    }
}
