package dev.alertrelay.common.secrets;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.util.function.Function;

/** Reads an SSM parameter (normally a SecureString) with decryption. */
final class SsmSecretSource implements SecretSource {

    private final SsmClient ssm;

    SsmSecretSource(Function<String, String> env) {
        this.ssm = AwsClients.build(SsmClient.builder(), "SSM", env);
    }

    @Override
    public String read(String variable, String parameterName) {
        String name = parameterName.trim();
        try {
            return ssm.getParameter(GetParameterRequest.builder().name(name).withDecryption(true).build())
                    .parameter().value();
        } catch (ParameterNotFoundException e) {
            throw new SecretException(variable + ": SSM parameter '" + name + "' does not exist (ParameterNotFound)");
        } catch (SdkException e) {
            throw new SecretException(variable + ": SSM GetParameter '" + name + "' failed: " + AwsClients.describe(e));
        }
    }
}
