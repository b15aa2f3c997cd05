package dev.alertrelay.common.secrets;

import com.google.gson.JsonObject;
import dev.alertrelay.common.aws.AwsJsonClient;
import dev.alertrelay.common.aws.AwsServiceException;
import dev.alertrelay.common.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * Decrypts base64 KMS ciphertext as the Lambda console's encryption helper produces it: with the encryption context
 * {@code {"LambdaFunctionName": <function name>}}. Values encrypted with the plain CLI carry no context, so an
 * InvalidCiphertextException is retried once without one.
 */
final class KmsSecretSource implements SecretSource {

    private static final String CONTEXT_KEY = "LambdaFunctionName";
    private static final String INVALID_CIPHERTEXT = "InvalidCiphertextException";

    private final Function<String, String> env;
    private final String functionName;
    private AwsJsonClient kms;

    KmsSecretSource(Function<String, String> env, String functionName) {
        this.env = env;
        this.functionName = functionName;
    }

    @Override
    public String read(String variable, String reference) {
        final String ciphertext;
        try {
            byte[] decoded = Base64.getMimeDecoder().decode(reference.strip());
            if (decoded.length == 0) {
                throw new SecretException(variable + " is empty");
            }
            ciphertext = Base64.getEncoder().encodeToString(decoded);
        } catch (IllegalArgumentException e) {
            throw new SecretException(variable + " is not valid base64 KMS ciphertext");
        }
        try {
            try {
                return decrypt(ciphertext, functionName);
            } catch (AwsServiceException e) {
                if (!INVALID_CIPHERTEXT.equals(e.errorCode()) || functionName == null) {
                    throw e;
                }
                return decrypt(ciphertext, null);
            }
        } catch (AwsServiceException e) {
            if (INVALID_CIPHERTEXT.equals(e.errorCode())) {
                throw new SecretException(variable + ": KMS could not decrypt it with the encryption context "
                        + CONTEXT_KEY + "=" + functionName + " nor without one (InvalidCiphertextException)."
                        + " Encrypt it again for this function, or set AWS_LAMBDA_FUNCTION_NAME to the name it was encrypted for.");
            }
            throw new SecretException(variable + ": KMS Decrypt failed: " + e.getMessage());
        }
    }

    private String decrypt(String ciphertext, String contextFunctionName) {
        JsonObject request = new JsonObject();
        request.addProperty("CiphertextBlob", ciphertext);
        if (contextFunctionName != null) {
            JsonObject context = new JsonObject();
            context.addProperty(CONTEXT_KEY, contextFunctionName);
            request.add("EncryptionContext", context);
        }
        String plaintext = Json.string(client().call("Decrypt", request), "Plaintext");
        if (plaintext == null) {
            throw new AwsServiceException("MalformedResponse", "KMS answered without Plaintext", 0);
        }
        return new String(Base64.getDecoder().decode(plaintext), StandardCharsets.UTF_8);
    }

    private synchronized AwsJsonClient client() {
        if (kms == null) {
            kms = AwsJsonClient.kms(env);
        }
        return kms;
    }
}
