package dev.alertrelay.common.secrets;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.function.Function;

/**
 * How every SDK client is configured: the small URLConnection HTTP client set explicitly (SDK 2.54 would otherwise
 * pick Apache5 if it were on the classpath), the region and credentials read straight from Lambda's environment so the
 * slower provider chains are skipped when they are not needed. Everything is read through the resolver's environment
 * (the process environment in Lambda), including the endpoint variables the SDK itself honours
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), so tests can point one resolver at moto.
 */
final class AwsClients {

    private AwsClients() {
    }

    static <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
    C build(B builder, String serviceId, Function<String, String> env) {
        builder.httpClient(UrlConnectionHttpClient.create());
        String endpoint = endpoint(serviceId, env);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        String region = firstSet(env.apply("AWS_REGION"), env.apply("AWS_DEFAULT_REGION"));
        if (region != null) {
            builder.region(Region.of(region));
        }
        builder.credentialsProvider(credentials(env));
        return builder.build();
    }

    /** AWS_ENDPOINT_URL_KMS / AWS_ENDPOINT_URL_SSM, else AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS. */
    private static String endpoint(String serviceId, Function<String, String> env) {
        if ("true".equalsIgnoreCase(env.apply("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            return null;
        }
        return firstSet(env.apply("AWS_ENDPOINT_URL_" + serviceId), env.apply("AWS_ENDPOINT_URL"));
    }

    /**
     * The environment's credentials when present (ordinary Lambda sets them for the environment's lifetime); otherwise
     * the default chain, which covers SnapStart functions (credentials from the container endpoint) and local profiles.
     */
    private static AwsCredentialsProvider credentials(Function<String, String> env) {
        String accessKey = firstSet(env.apply("AWS_ACCESS_KEY_ID"), null);
        String secretKey = firstSet(env.apply("AWS_SECRET_ACCESS_KEY"), null);
        if (accessKey != null && secretKey != null) {
            String sessionToken = firstSet(env.apply("AWS_SESSION_TOKEN"), null);
            return StaticCredentialsProvider.create(sessionToken == null
                    ? AwsBasicCredentials.create(accessKey, secretKey)
                    : AwsSessionCredentials.create(accessKey, secretKey, sessionToken));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The service's own error code and message (never the request, which may hold the secret reference). */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            String code = service.awsErrorDetails().errorCode();
            String message = service.awsErrorDetails().errorMessage();
            return (code == null ? service.getClass().getSimpleName() : code)
                    + (message == null ? "" : ": " + message)
                    + " (HTTP " + service.statusCode() + ")";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a;
        }
        return b != null && !b.isBlank() ? b : null;
    }
}
