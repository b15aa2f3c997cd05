package dev.alertrelay.common.aws;

import java.net.URI;
import java.util.function.Function;

/**
 * The endpoint of a regional service, as the AWS SDKs choose it:
 * {@code AWS_ENDPOINT_URL_<SERVICE>}, then {@code AWS_ENDPOINT_URL} (unless {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS}
 * is true; https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), then the public endpoint of the
 * region's partition, with {@code AWS_USE_FIPS_ENDPOINT=true} selecting the FIPS one.
 */
final class AwsEndpoints {

    private AwsEndpoints() {
    }

    static URI resolve(String service, String serviceEnvId, String region, Function<String, String> env) {
        if (!"true".equalsIgnoreCase(env.apply("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"))) {
            String configured = AwsJsonClient.firstSet(env.apply("AWS_ENDPOINT_URL_" + serviceEnvId), env.apply("AWS_ENDPOINT_URL"));
            if (configured != null) {
                URI uri = URI.create(configured);
                return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? uri.resolve("/") : uri;
            }
        }
        boolean fips = "true".equalsIgnoreCase(env.apply("AWS_USE_FIPS_ENDPOINT"));
        return URI.create("https://" + service + (fips ? "-fips" : "") + "." + region + "." + dnsSuffix(region) + "/");
    }

    /** https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html */
    static String dnsSuffix(String region) {
        if (region.startsWith("cn-")) {
            return "amazonaws.com.cn";
        }
        if (region.startsWith("us-isob-")) {
            return "sc2s.sgov.gov";
        }
        if (region.startsWith("us-iso-")) {
            return "c2s.ic.gov";
        }
        return "amazonaws.com";
    }
}
