package dev.alertrelay.common.secrets;

import com.google.gson.JsonObject;
import dev.alertrelay.common.aws.AwsJsonClient;
import dev.alertrelay.common.aws.AwsServiceException;
import dev.alertrelay.common.json.Json;

import java.util.function.Function;

/** Reads an SSM parameter (normally a SecureString) with decryption. */
final class SsmSecretSource implements SecretSource {

    private final Function<String, String> env;
    private AwsJsonClient ssm;

    SsmSecretSource(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public String read(String variable, String parameterName) {
        String name = parameterName.strip();
        JsonObject request = new JsonObject();
        request.addProperty("Name", name);
        request.addProperty("WithDecryption", true);
        try {
            String value = Json.string(Json.object(client().call("GetParameter", request), "Parameter"), "Value");
            if (value == null) {
                throw new SecretException(variable + ": SSM parameter '" + name + "' has no value");
            }
            return value;
        } catch (AwsServiceException e) {
            if ("ParameterNotFound".equals(e.errorCode())) {
                throw new SecretException(variable + ": SSM parameter '" + name + "' does not exist (ParameterNotFound)");
            }
            throw new SecretException(variable + ": SSM GetParameter '" + name + "' failed: " + e.getMessage());
        }
    }

    private synchronized AwsJsonClient client() {
        if (ssm == null) {
            ssm = AwsJsonClient.ssm(env);
        }
        return ssm;
    }
}
