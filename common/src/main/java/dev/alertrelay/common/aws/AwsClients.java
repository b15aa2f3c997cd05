package dev.alertrelay.common.aws;

import dev.alertrelay.common.http.Deadline;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.warmup.SdkWarmUp;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;

/**
 * How every AWS SDK client of the functions is built, once per container and only when something needs it:
 * <ul>
 *   <li>url-connection-client, the JDK's own HTTP stack: the lightest to load, set explicitly because the SDK would
 *       otherwise pick whichever client it finds first on the class path; its connections share the JDK's default
 *       TLS context with the deliveries;</li>
 *   <li>the region from {@code AWS_REGION} (Lambda always sets it), else the SDK's own region chain (profile);</li>
 *   <li>the SDK's default credentials chain: environment (Lambda), the container endpoint (SnapStart), and locally
 *       profiles with SSO, assume-role ({@code role_arn} + {@code source_profile}) or {@code credential_process};</li>
 *   <li>the SDK's standard retry strategy (jittered back-off, throttling-aware), and endpoints from the SDK's own
 *       {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_<SERVICE>} support.</li>
 * </ul>
 * Each call is bounded by the invocation's remaining time through {@link #within}.
 */
public final class AwsClients {

    /** Kept free before the invocation's deadline so a stuck AWS call ends in our error, not in Lambda's timeout. */
    public static final long RESERVE_MILLIS = 500;
    /** One attempt: KMS and SSM answer in tens of milliseconds; a stuck connection is cut and retried well before this. */
    public static final long ATTEMPT_MAX_MILLIS = 3_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 5_000;

    private AwsClients() {
    }

    public static KmsClient kms(Function<String, String> env) {
        return configured(KmsClient.builder(), env).build();
    }

    public static SsmClient ssm(Function<String, String> env) {
        return configured(SsmClient.builder(), env).build();
    }

    /**
     * The SDK's own priming (SdkWarmUp, SDK 2.54+): builds KMS and SSM clients over a canned-response HTTP client and
     * runs a request through marshalling, signing and unmarshalling, with no network.
     */
    public static void warmUp() {
        SdkWarmUp.warmUp(KmsClient.class, SsmClient.class);
        UrlConnectionHttpClient.create(AwsClients::openConnection).close();
    }

    /**
     * Connections opened by the JDK with its default TLS context, the one the Slack and PagerDuty deliveries use too:
     * url-connection-client built from its own builder makes a second TLS context and parses the trust store again
     * (about 0.1 s of every cold start with a KMS or SSM secret, measured with bench/run.sh).
     */
    private static HttpURLConnection openConnection(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            return connection;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a connection to " + uri.getHost(), e);
        }
    }

    /** The API call and attempt timeouts for a call that must end before {@code deadline}. */
    public static AwsRequestOverrideConfiguration within(Deadline deadline) {
        long budget = Math.max(1, deadline.remainingMillis() - RESERVE_MILLIS);
        return AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofMillis(budget))
                .apiCallAttemptTimeout(Duration.ofMillis(Math.min(budget, ATTEMPT_MAX_MILLIS)))
                .build();
    }

    /** {@code builder} configured as described above: every module's SDK clients (DynamoDB, CloudWatch) are built so. */
    public static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder,
                                                                                               Function<String, String> env) {
        builder.httpClient(UrlConnectionHttpClient.create(AwsClients::openConnection))
                // the default chain, as its own instance: the shared one remembers the first provider that worked
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD));
        String region = env.apply("AWS_REGION");
        if (region != null && !region.isBlank()) {
            builder.region(Region.of(region.strip()));
        }
        return builder;
    }
}
