package dev.alertrelay.common.secrets;

import dev.alertrelay.common.http.Deadline;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.argThat;

/** What each AWS failure reads like to an operator; the SDK clients are interfaces, so Mockito stands in for them. */
class SecretSourcesTest {

    private static final String CIPHERTEXT = Base64.getEncoder().encodeToString("ciphertext-bytes".getBytes());
    private static final String URL = "https://hooks.slack.com/services/T0/B0/SECRETVALUE";

    private static <T extends Exception> T awsError(software.amazon.awssdk.awscore.exception.AwsServiceException.Builder builder,
                                                    String code, int status, String message) {
        @SuppressWarnings("unchecked")
        T built = (T) builder.awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
                .statusCode(status).message(message).build();
        return built;
    }

    @Nested
    class Kms {

        private final KmsClient kms = mock(KmsClient.class);
        private final KmsSecretSource source = new KmsSecretSource(() -> kms, "alarm-to-slack");

        private String read() {
            return source.read("SLACK_WEBHOOK_URL_ENCRYPTED", CIPHERTEXT, Deadline.in(10_000));
        }

        @Test
        void theConsoleHelpersCiphertextTakesOneDecryptWithTheFunctionNameContext() {
            when(kms.decrypt(any(DecryptRequest.class))).thenReturn(DecryptResponse.builder().plaintext(SdkBytes.fromUtf8String(URL)).build());
            assertEquals(URL, read());
            verify(kms, times(1)).decrypt(argThat((DecryptRequest r) -> r.encryptionContext().equals(Map.of("LambdaFunctionName", "alarm-to-slack"))));
        }

        @Test
        void everyCallIsBoundedByTheInvocationsRemainingTime() {
            when(kms.decrypt(any(DecryptRequest.class))).thenReturn(DecryptResponse.builder().plaintext(SdkBytes.fromUtf8String(URL)).build());
            source.read("X_ENCRYPTED", CIPHERTEXT, Deadline.in(2_000));
            verify(kms).decrypt(argThat((DecryptRequest r) -> r.overrideConfiguration().orElseThrow().apiCallTimeout().orElseThrow().toMillis() <= 1_500));
        }

        @Test
        void aCliCiphertextWithoutContextIsDecryptedOnTheSecondCall() {
            when(kms.decrypt(any(DecryptRequest.class)))
                    .thenThrow(SecretSourcesTest.<InvalidCiphertextException>awsError(InvalidCiphertextException.builder(), "InvalidCiphertextException", 400, "bad"))
                    .thenReturn(DecryptResponse.builder().plaintext(SdkBytes.fromUtf8String(URL)).build());
            assertEquals(URL, read());
            verify(kms).decrypt(argThat((DecryptRequest r) -> r.encryptionContext().isEmpty()));
        }

        @Test
        void accessDeniedNamesTheVariableAndAwsErrorButNotTheCiphertext() {
            when(kms.decrypt(any(DecryptRequest.class))).thenThrow(SecretSourcesTest.<KmsException>awsError(KmsException.builder(),
                    "AccessDeniedException", 400, "User: arn:aws:sts::123456789012:assumed-role/fn is not authorized to perform: kms:Decrypt"));
            SecretException failure = assertThrows(SecretException.class, this::read);
            assertTrue(failure.getMessage().startsWith("SLACK_WEBHOOK_URL_ENCRYPTED: KMS Decrypt failed: AccessDeniedException (HTTP 400)"),
                    failure.getMessage());
            assertFalse(failure.getMessage().contains(CIPHERTEXT));
        }

        @Test
        void aDisabledKeySaysSo() {
            when(kms.decrypt(any(DecryptRequest.class))).thenThrow(SecretSourcesTest.<DisabledException>awsError(DisabledException.builder(),
                    "DisabledException", 400, "arn:aws:kms:us-east-1:123456789012:key/k is disabled."));
            assertTrue(assertThrows(SecretException.class, this::read).getMessage().contains("DisabledException (HTTP 400)"));
        }

        @Test
        void throttlingThatOutlastsTheSdksRetriesIsReportedAsThrottling() {
            when(kms.decrypt(any(DecryptRequest.class))).thenThrow(SecretSourcesTest.<KmsException>awsError(KmsException.builder(),
                    "ThrottlingException", 400, "Rate exceeded"));
            assertTrue(assertThrows(SecretException.class, this::read).getMessage().contains("ThrottlingException (HTTP 400): Rate exceeded"));
        }

        @Test
        void aStuckEndpointEndsInAnErrorNamingTheVariable() {
            when(kms.decrypt(any(DecryptRequest.class))).thenThrow(ApiCallTimeoutException.create(1_500));
            String message = assertThrows(SecretException.class, this::read).getMessage();
            assertTrue(message.startsWith("SLACK_WEBHOOK_URL_ENCRYPTED: KMS Decrypt failed: no answer before the invocation's time ran out"), message);
        }

        @Test
        void ciphertextForAnotherFunctionFailsBothWaysWithTheAdvice() {
            when(kms.decrypt(any(DecryptRequest.class))).thenThrow(
                    SecretSourcesTest.<InvalidCiphertextException>awsError(InvalidCiphertextException.builder(), "InvalidCiphertextException", 400, "bad"));
            String message = assertThrows(SecretException.class, this::read).getMessage();
            assertTrue(message.contains("nor without one (InvalidCiphertextException)"), message);
            verify(kms, times(2)).decrypt(any(DecryptRequest.class));
        }
    }

    @Nested
    class Ssm {

        private final SsmClient ssm = mock(SsmClient.class);
        private final SsmSecretSource source = new SsmSecretSource(() -> ssm);

        private String read(String name) {
            return source.read("PAGERDUTY_ROUTING_KEY_PARAMETER", name, Deadline.in(10_000));
        }

        @Test
        void readsTheParameterWithDecryption() {
            when(ssm.getParameter(any(GetParameterRequest.class)))
                    .thenReturn(GetParameterResponse.builder().parameter(Parameter.builder().value("key").build()).build());
            assertEquals("key", read("/alert-relay/pagerduty"));
            verify(ssm).getParameter(argThat((GetParameterRequest r) -> r.withDecryption() && r.name().equals("/alert-relay/pagerduty")));
        }

        @Test
        void aMissingParameterIsNamed() {
            when(ssm.getParameter(any(GetParameterRequest.class))).thenThrow(
                    SecretSourcesTest.<ParameterNotFoundException>awsError(ParameterNotFoundException.builder(), "ParameterNotFound", 400, ""));
            assertEquals("PAGERDUTY_ROUTING_KEY_PARAMETER: SSM parameter '/missing' does not exist (ParameterNotFound)",
                    assertThrows(SecretException.class, () -> read("/missing")).getMessage());
        }

        @Test
        void aSecretsManagerReferenceIsNamedAsTheSecret() {
            when(ssm.getParameter(any(GetParameterRequest.class))).thenThrow(
                    SecretSourcesTest.<ParameterNotFoundException>awsError(ParameterNotFoundException.builder(), "ParameterNotFound", 400, ""));
            assertEquals("PAGERDUTY_ROUTING_KEY_PARAMETER: Secrets Manager secret 'prod/pd' (through SSM) does not exist (ParameterNotFound)",
                    assertThrows(SecretException.class, () -> read("/aws/reference/secretsmanager/prod/pd")).getMessage());
        }

        @Test
        void accessDeniedAndThrottlingKeepAwsErrorCode() {
            when(ssm.getParameter(any(GetParameterRequest.class)))
                    .thenThrow(SecretSourcesTest.<SsmException>awsError(SsmException.builder(), "AccessDeniedException", 400, "not authorized"))
                    .thenThrow(SecretSourcesTest.<SsmException>awsError(SsmException.builder(), "ThrottlingException", 400, "Rate exceeded"));
            assertTrue(assertThrows(SecretException.class, () -> read("/p")).getMessage().contains("AccessDeniedException (HTTP 400): not authorized"));
            assertTrue(assertThrows(SecretException.class, () -> read("/p")).getMessage().contains("ThrottlingException (HTTP 400)"));
        }

        @Test
        void aTimeoutNamesTheVariable() {
            when(ssm.getParameter(any(GetParameterRequest.class))).thenThrow(ApiCallTimeoutException.create(900));
            assertTrue(assertThrows(SecretException.class, () -> read("/p")).getMessage()
                    .startsWith("PAGERDUTY_ROUTING_KEY_PARAMETER: reading SSM parameter '/p' failed: no answer before"));
        }
    }

    @Nested
    class Caching {

        private long now = 0;
        private final List<String> values = new java.util.ArrayList<>(List.of("v1", "v2", "v3"));
        private int reads = 0;
        private final SecretSource ssm = (variable, reference, deadline) -> {
            reads++;
            return values.remove(0);
        };

        private Secret secret(Map<String, String> env) {
            return new SecretResolver(env::get, () -> now, ssm, ssm).secret("X");
        }

        @Test
        void aValueIsReadAgainOnlyAfterItsMaximumAge() {
            Secret secret = secret(Map.of("X_PARAMETER", "/p", "SECRET_MAX_AGE_SECONDS", "60"));
            assertEquals("v1", secret.value(Deadline.in(1_000)));
            now += 59_000_000_000L;
            assertEquals("v1", secret.value(Deadline.in(1_000)));
            now += 1_000_000_000L;
            assertEquals("v2", secret.value(Deadline.in(1_000)));
            assertEquals(2, reads);
        }

        @Test
        void theDefaultMaximumAgeIsFiveMinutes() {
            Secret secret = secret(Map.of("X_PARAMETER", "/p"));
            secret.value(Deadline.in(1_000));
            now += 299_000_000_000L;
            secret.value(Deadline.in(1_000));
            assertEquals(1, reads);
        }

        @Test
        void aPlainValueCannotBeRefreshedAndAnUnreadableMaximumAgeFailsAtStartUp() {
            assertFalse(secret(Map.of("X", "plain")).refresh());
            assertThrows(IllegalArgumentException.class, () -> secret(Map.of("X_PARAMETER", "/p", "SECRET_MAX_AGE_SECONDS", "5m")));
        }
    }
}
