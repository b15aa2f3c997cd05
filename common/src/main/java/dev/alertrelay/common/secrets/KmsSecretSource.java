package dev.alertrelay.common.secrets;

import dev.alertrelay.common.aws.AwsClients;
import dev.alertrelay.common.http.Deadline;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;
import software.amazon.awssdk.services.kms.model.KmsException;

import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decrypts base64 KMS ciphertext through the SDK's {@link KmsClient}, as the Lambda console's encryption helper
 * produces it: with the encryption context {@code {"LambdaFunctionName": <function name>}}. That is the one call made
 * on the documented path. Values encrypted with the plain CLI carry no context, so an InvalidCiphertextException is
 * retried once without one (that costs one failed Decrypt in CloudTrail; see the README).
 */
final class KmsSecretSource implements SecretSource {

    static final String CONTEXT_KEY = "LambdaFunctionName";

    private final Supplier<KmsClient> client;
    private final String functionName;

    /** @param client built on first use, once per container */
    KmsSecretSource(Supplier<KmsClient> client, String functionName) {
        this.client = client;
        this.functionName = functionName;
    }

    @Override
    public String read(String variable, String reference, Deadline deadline) {
        SdkBytes ciphertext = ciphertextOf(variable, reference);
        try {
            try {
                return decrypt(ciphertext, functionName, deadline);
            } catch (InvalidCiphertextException e) {
                if (functionName == null) {
                    throw e;
                }
                return decrypt(ciphertext, null, deadline);
            }
        } catch (InvalidCiphertextException e) {
            throw new SecretException(variable + ": KMS could not decrypt it with the encryption context " + CONTEXT_KEY + "="
                    + functionName + " nor without one (InvalidCiphertextException). Encrypt it again for this function,"
                    + " or set AWS_LAMBDA_FUNCTION_NAME to the name it was encrypted for.");
        } catch (KmsException e) {
            throw new SecretException(variable + ": KMS Decrypt failed: " + AwsFailures.describe(e));
        } catch (SdkClientException e) {
            throw new SecretException(variable + ": KMS Decrypt failed: " + AwsFailures.describe(e, deadline));
        }
    }

    private String decrypt(SdkBytes ciphertext, String contextFunctionName, Deadline deadline) {
        DecryptRequest.Builder request = DecryptRequest.builder().ciphertextBlob(ciphertext)
                .overrideConfiguration(AwsClients.within(deadline));
        if (contextFunctionName != null) {
            request.encryptionContext(Map.of(CONTEXT_KEY, contextFunctionName));
        }
        return client.get().decrypt(request.build()).plaintext().asUtf8String();
    }

    private static SdkBytes ciphertextOf(String variable, String reference) {
        try {
            byte[] decoded = Base64.getMimeDecoder().decode(reference.strip());
            if (decoded.length == 0) {
                throw new SecretException(variable + " is empty");
            }
            return SdkBytes.fromByteArray(decoded);
        } catch (IllegalArgumentException e) {
            throw new SecretException(variable + " is not valid base64 KMS ciphertext");
        }
    }
}
