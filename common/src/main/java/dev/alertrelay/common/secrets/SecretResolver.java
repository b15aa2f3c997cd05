package dev.alertrelay.common.secrets;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Resolves a secret named X (for example {@code SLACK_WEBHOOK_URL}) from the first of these environment variables
 * that is set:
 * <ul>
 *   <li>{@code X}: the value in plain text (local use);</li>
 *   <li>{@code X_ENCRYPTED}: base64 KMS ciphertext, as the Lambda console's encryption helper stores it;</li>
 *   <li>{@code X_PARAMETER}: the name of an SSM SecureString parameter.</li>
 * </ul>
 * Each secret is resolved once per container and cached. The KMS and SSM clients are created only when a secret
 * needs them, so a plain-text configuration loads no AWS client code at all.
 */
public final class SecretResolver {

    public static final String ENCRYPTED_SUFFIX = "_ENCRYPTED";
    public static final String PARAMETER_SUFFIX = "_PARAMETER";

    private final Function<String, String> env;
    private final Map<String, String> cache = new ConcurrentHashMap<>();
    private SecretSource kms;
    private SecretSource ssm;

    public SecretResolver(Function<String, String> env) {
        this.env = env;
    }

    public static SecretResolver fromEnvironment() {
        return new SecretResolver(System::getenv);
    }

    /** Whether any of X, X_ENCRYPTED or X_PARAMETER is set. */
    public boolean isConfigured(String name) {
        return isSet(name) || isSet(name + ENCRYPTED_SUFFIX) || isSet(name + PARAMETER_SUFFIX);
    }

    /** The secret's value; a {@link SecretException} naming the variables if none is set or reading fails. */
    public String resolve(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    /**
     * Decrypts one specific environment variable holding KMS ciphertext, for configurations inherited from other
     * tools (the Slack blueprint's {@code kmsEncryptedHookUrl}). Cached like {@link #resolve}.
     */
    public String resolveEncryptedVariable(String variable) {
        return cache.computeIfAbsent("kms:" + variable, key -> {
            String ciphertext = env.apply(variable);
            if (ciphertext == null || ciphertext.isBlank()) {
                throw new SecretException(variable + " is not set");
            }
            return nonEmpty(variable, kms().read(variable, ciphertext));
        });
    }

    private String load(String name) {
        if (isSet(name)) {
            return env.apply(name).trim();
        }
        String encrypted = name + ENCRYPTED_SUFFIX;
        if (isSet(encrypted)) {
            return nonEmpty(encrypted, kms().read(encrypted, env.apply(encrypted)));
        }
        String parameter = name + PARAMETER_SUFFIX;
        if (isSet(parameter)) {
            return nonEmpty(parameter, ssm().read(parameter, env.apply(parameter)));
        }
        throw new SecretException(name + " is not configured: set one of " + name + ", " + encrypted + " or " + parameter);
    }

    private synchronized SecretSource kms() {
        if (kms == null) {
            kms = new KmsSecretSource(env, functionName());
        }
        return kms;
    }

    private synchronized SecretSource ssm() {
        if (ssm == null) {
            ssm = new SsmSecretSource(env);
        }
        return ssm;
    }

    /** The name the Lambda console binds into the encryption context; the local runner sets the same variable's fallback. */
    private String functionName() {
        String name = env.apply("AWS_LAMBDA_FUNCTION_NAME");
        return name != null && !name.isBlank() ? name : System.getProperty("alertrelay.functionName");
    }

    private static String nonEmpty(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new SecretException(variable + " decrypts to an empty value");
        }
        return value.trim();
    }

    private boolean isSet(String variable) {
        String value = env.apply(variable);
        return value != null && !value.isBlank();
    }
}
