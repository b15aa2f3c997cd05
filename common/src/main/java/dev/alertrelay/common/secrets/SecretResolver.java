package dev.alertrelay.common.secrets;

import dev.alertrelay.common.aws.AwsClients;
import dev.alertrelay.common.aws.OnFirstUse;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.snapstart.SnapStartPriming;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Resolves a secret named X (for example {@code SLACK_WEBHOOK_URL}) from the first of these environment variables
 * that is set:
 * <ul>
 *   <li>{@code X}: the value in plain text (local use);</li>
 *   <li>{@code X_ENCRYPTED}: base64 KMS ciphertext, as the Lambda console's encryption helper stores it;</li>
 *   <li>{@code X_PARAMETER}: the name of an SSM SecureString parameter (or {@code /aws/reference/secretsmanager/<id>}).</li>
 * </ul>
 * A value read from KMS or SSM is cached per container for {@code SECRET_MAX_AGE_SECONDS} (default
 * {@value #DEFAULT_MAX_AGE_SECONDS}), so a rotated SSM value is picked up without a redeploy, and read again at once
 * when a receiver rejects the credential ({@link Secret#refresh}). The KMS and SSM clients are created only when a
 * secret needs them, once per container: a plain-text configuration loads no AWS SDK class at all.
 */
public final class SecretResolver {

    public static final String ENCRYPTED_SUFFIX = "_ENCRYPTED";
    public static final String PARAMETER_SUFFIX = "_PARAMETER";
    public static final String MAX_AGE_VARIABLE = "SECRET_MAX_AGE_SECONDS";
    /** Where route secrets live in SSM when no variable names them (see {@link #routeSecret}). */
    public static final String ROUTE_SECRETS_PATH_VARIABLE = "ROUTE_SECRETS_PATH";
    public static final long DEFAULT_MAX_AGE_SECONDS = 300;

    private final Function<String, String> env;
    private final LongSupplier nanoTime;
    private final long maxAgeNanos;
    private final SecretSource kms;
    private final SecretSource ssm;
    private volatile boolean readsFromAws;
    private static final AtomicBoolean PRIMING_REGISTERED = new AtomicBoolean();

    public SecretResolver(Function<String, String> env) {
        this(env, System::nanoTime, lazy(() -> new KmsSecretSource(OnFirstUse.of(() -> AwsClients.kms(env)), functionName(env))),
                lazy(() -> new SsmSecretSource(OnFirstUse.of(() -> AwsClients.ssm(env)))));
    }

    /** The seam for tests: sources that need no AWS, and a clock that needs no waiting. */
    SecretResolver(Function<String, String> env, LongSupplier nanoTime, SecretSource kms, SecretSource ssm) {
        this.env = env;
        this.nanoTime = nanoTime;
        this.maxAgeNanos = maxAgeSeconds(env) * 1_000_000_000L;
        this.kms = kms;
        this.ssm = ssm;
    }

    public static SecretResolver fromEnvironment() {
        return new SecretResolver(System::getenv);
    }

    /** Whether any of X, X_ENCRYPTED or X_PARAMETER is set. */
    public boolean isConfigured(String name) {
        return isSet(name) || isSet(name + ENCRYPTED_SUFFIX) || isSet(name + PARAMETER_SUFFIX);
    }

    /**
     * The secret X, from the first of X, X_ENCRYPTED, X_PARAMETER that is set. Nothing is read until
     * {@link Secret#value}; if none is set, that call fails naming the three variables.
     */
    public Secret secret(String name) {
        if (isSet(name)) {
            return new PlainSecret(name, env.apply(name).strip());
        }
        String encrypted = name + ENCRYPTED_SUFFIX;
        if (isSet(encrypted)) {
            return fromAws(encrypted, kms);
        }
        String parameter = name + PARAMETER_SUFFIX;
        if (isSet(parameter)) {
            return fromAws(parameter, ssm);
        }
        return new MissingSecret(name, name + " is not configured: set one of " + name + ", " + encrypted + " or " + parameter);
    }

    /**
     * A secret a routes document names: X, X_ENCRYPTED or X_PARAMETER as for any secret, else, when
     * {@code ROUTE_SECRETS_PATH} is set (the template's RouteSecretsPath, default {@code /alert-relay/}), the SSM
     * parameter {@code <path>X}, so that a team's webhook or routing key is added by writing one parameter, without
     * redeploying the function with a new variable.
     */
    public Secret routeSecret(String name) {
        String path = env.apply(ROUTE_SECRETS_PATH_VARIABLE);
        if (isConfigured(name) || path == null || path.isBlank()) {
            return secret(name);
        }
        String prefix = path.strip().endsWith("/") ? path.strip() : path.strip() + "/";
        return fromAws(ROUTE_SECRETS_PATH_VARIABLE + " + " + name, prefix + name, ssm);
    }

    /** One specific variable holding KMS ciphertext, for a configuration inherited from another tool. */
    public Secret encryptedVariable(String variable) {
        return isSet(variable) ? fromAws(variable, kms) : new MissingSecret(variable, variable + " is not set");
    }

    /** Whether this configuration reads any secret from KMS or SSM (and so loads the AWS SDK on first use). */
    public boolean readsFromAws() {
        return readsFromAws;
    }

    /**
     * A secret read from KMS or SSM on first use. Handing one out registers the SDK clients' SnapStart priming (once
     * per container): a plain-text configuration primes, and loads, no SDK class.
     */
    private Secret fromAws(String variable, SecretSource source) {
        return fromAws(variable, env.apply(variable), source);
    }

    /** @param label how errors name where the reference came from; {@code reference} itself is never shown */
    private Secret fromAws(String label, String reference, SecretSource source) {
        readsFromAws = true;
        if (PRIMING_REGISTERED.compareAndSet(false, true)) {
            SnapStartPriming.registerComponent(SecretResolver::primeAwsClients);
        }
        return new CachedSecret(label, reference, source);
    }

    /**
     * SnapStart priming of the AWS side: loads and exercises the SDK clients (construction, request marshalling,
     * response parsing) against the SDK's canned responses, so restored environments make their first real call warm.
     * Calls no AWS service and reads no secret: a value fetched before the snapshot would be shared by every restored
     * environment.
     *
     * @return true: AWS clients were primed
     */
    static boolean primeAwsClients() {
        AwsClients.warmUp();
        return true;
    }

    private boolean isSet(String variable) {
        String value = env.apply(variable);
        return value != null && !value.isBlank();
    }

    /** The name the Lambda console binds into the encryption context; the local runner sets the same variable's fallback. */
    private static String functionName(Function<String, String> env) {
        String name = env.apply("AWS_LAMBDA_FUNCTION_NAME");
        return name != null && !name.isBlank() ? name : System.getProperty("alertrelay.functionName");
    }

    private static long maxAgeSeconds(Function<String, String> env) {
        String value = env.apply(MAX_AGE_VARIABLE);
        if (value == null || value.isBlank()) {
            return DEFAULT_MAX_AGE_SECONDS;
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 1 && seconds <= 365L * 86_400) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(MAX_AGE_VARIABLE + " must be a number of seconds from 1 to 31536000, not '" + value + "'");
    }

    private static String nonEmpty(String variable, String value) {
        if (value == null || value.isBlank()) {
            throw new SecretException(variable + " decrypts to an empty value");
        }
        return value.strip();
    }

    /** A plain-text value: never expires, and reading it again cannot change it. */
    private record PlainSecret(String source, String plain) implements Secret {
        @Override
        public String value(Deadline deadline) {
            return plain;
        }

        @Override
        public boolean refresh() {
            return false;
        }
    }

    private record MissingSecret(String source, String problem) implements Secret {
        @Override
        public String value(Deadline deadline) {
            throw new SecretException(problem);
        }

        @Override
        public boolean refresh() {
            return false;
        }
    }

    /** A value read from KMS or SSM, kept until it is {@link #maxAgeNanos} old or refreshed. */
    private final class CachedSecret implements Secret {

        private final String variable;
        private final String reference;
        private final SecretSource source;
        private String value;
        private long readAtNanos;

        CachedSecret(String variable, String reference, SecretSource source) {
            this.variable = variable;
            this.reference = reference;
            this.source = source;
        }

        @Override
        public synchronized String value(Deadline deadline) {
            if (value == null || nanoTime.getAsLong() - readAtNanos >= maxAgeNanos) {
                value = nonEmpty(variable, source.read(variable, reference, deadline));
                readAtNanos = nanoTime.getAsLong();
            }
            return value;
        }

        @Override
        public synchronized boolean refresh() {
            value = null;
            return true;
        }

        @Override
        public String source() {
            return variable;
        }
    }

    private static SecretSource lazy(Supplier<SecretSource> create) {
        Supplier<SecretSource> source = OnFirstUse.of(create);
        return (variable, reference, deadline) -> source.get().read(variable, reference, deadline);
    }
}
