package dev.alertrelay.common.secrets;

import dev.alertrelay.common.aws.AwsClients;
import dev.alertrelay.common.http.Deadline;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterRequest;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.SsmException;

import java.util.function.Supplier;

/**
 * Reads an SSM parameter (normally a SecureString) with decryption through the SDK's {@link SsmClient}. A name under
 * {@code /aws/reference/secretsmanager/} reads a Secrets Manager secret through SSM
 * (https://docs.aws.amazon.com/systems-manager/latest/userguide/integration-ps-secretsmanager.html).
 */
final class SsmSecretSource implements SecretSource {

    static final String SECRETS_MANAGER_PREFIX = "/aws/reference/secretsmanager/";

    private final Supplier<SsmClient> client;

    /** @param client built on first use, once per container */
    SsmSecretSource(Supplier<SsmClient> client) {
        this.client = client;
    }

    @Override
    public String read(String variable, String parameterName, Deadline deadline) {
        String name = parameterName.strip();
        String what = name.startsWith(SECRETS_MANAGER_PREFIX)
                ? "Secrets Manager secret '" + name.substring(SECRETS_MANAGER_PREFIX.length()) + "' (through SSM)"
                : "SSM parameter '" + name + "'";
        try {
            String value = client.get().getParameter(GetParameterRequest.builder().name(name).withDecryption(true)
                    .overrideConfiguration(AwsClients.within(deadline)).build()).parameter().value();
            if (value == null) {
                throw new SecretException(variable + ": " + what + " has no value");
            }
            return value;
        } catch (ParameterNotFoundException e) {
            throw new SecretException(variable + ": " + what + " does not exist (ParameterNotFound)");
        } catch (SsmException e) {
            throw new SecretException(variable + ": reading " + what + " failed: " + AwsFailures.describe(e));
        } catch (SdkClientException e) {
            throw new SecretException(variable + ": reading " + what + " failed: " + AwsFailures.describe(e, deadline));
        }
    }
}
