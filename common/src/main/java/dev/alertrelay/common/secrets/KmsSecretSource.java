package dev.alertrelay.common.secrets;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;

/**
 * Decrypts base64 KMS ciphertext as the Lambda console's encryption helper produces it: with the encryption context
 * {@code {"LambdaFunctionName": <function name>}}. Values encrypted with the plain CLI carry no context, so an
 * InvalidCiphertextException is retried once without one.
 */
final class KmsSecretSource implements SecretSource {

    private static final String CONTEXT_KEY = "LambdaFunctionName";

    private final KmsClient kms;
    private final String functionName;

    KmsSecretSource(Function<String, String> env, String functionName) {
        this.kms = AwsClients.build(KmsClient.builder(), "KMS", env);
        this.functionName = functionName;
    }

    @Override
    public String read(String variable, String reference) {
        final byte[] ciphertext;
        try {
            ciphertext = Base64.getMimeDecoder().decode(reference.trim());
        } catch (IllegalArgumentException e) {
            throw new SecretException(variable + " is not valid base64 KMS ciphertext");
        }
        if (ciphertext.length == 0) {
            throw new SecretException(variable + " is empty");
        }
        try {
            try {
                return decrypt(ciphertext, functionName == null ? Map.of() : Map.of(CONTEXT_KEY, functionName));
            } catch (InvalidCiphertextException withContext) {
                return decrypt(ciphertext, Map.of());
            }
        } catch (InvalidCiphertextException e) {
            throw new SecretException(variable + ": KMS could not decrypt it with the encryption context "
                    + CONTEXT_KEY + "=" + functionName + " nor without one (InvalidCiphertextException)."
                    + " Encrypt it again for this function name, or set AWS_LAMBDA_FUNCTION_NAME to the name it was encrypted for.");
        } catch (SdkException e) {
            throw new SecretException(variable + ": KMS Decrypt failed: " + AwsClients.describe(e));
        }
    }

    private String decrypt(byte[] ciphertext, Map<String, String> context) {
        DecryptRequest.Builder request = DecryptRequest.builder().ciphertextBlob(SdkBytes.fromByteArray(ciphertext));
        if (!context.isEmpty()) {
            request.encryptionContext(context);
        }
        return new String(kms.decrypt(request.build()).plaintext().asByteArray(), StandardCharsets.UTF_8);
    }
}
