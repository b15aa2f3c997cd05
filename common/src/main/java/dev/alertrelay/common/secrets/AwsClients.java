package dev.alertrelay.common.secrets;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.util.function.Function;

/**
 * How every SDK client is configured: the small URLConnection HTTP client set explicitly (SDK 2.54 would otherwise
 * pick Apache5 if it were on the classpath), the region and credentials read straight from Lambda's environment so the
 * slower provider chains are skipped when they are not needed. Endpoints (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_KMS, ...)
 * are left to the SDK, which honours them.
 */
final class AwsClients {

    private AwsClients() {
    }

    static <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
    C build(B builder, Function<String, String> env) {
        builder.httpClient(UrlConnectionHttpClient.create());
        String region = firstSet(env.apply("AWS_REGION"), env.apply("AWS_DEFAULT_REGION"));
        if (region != null) {
            builder.region(Region.of(region));
        }
        builder.credentialsProvider(credentials(env));
        return builder.build();
    }

    /**
     * Static environment credentials when present (ordinary Lambda); otherwise the default chain, which also covers
     * SnapStart functions, whose credentials come from the container endpoint, and local profiles.
     */
    private static AwsCredentialsProvider credentials(Function<String, String> env) {
        if (env.apply("AWS_ACCESS_KEY_ID") != null && env.apply("AWS_SECRET_ACCESS_KEY") != null) {
            return EnvironmentVariableCredentialsProvider.create();
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
