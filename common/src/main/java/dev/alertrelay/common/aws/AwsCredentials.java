package dev.alertrelay.common.aws;

import java.time.Instant;

/** A set of AWS credentials; {@code sessionToken} and {@code expiration} are null for long-term keys. */
public record AwsCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    @Override
    public String toString() {
        return "AwsCredentials[" + accessKeyId + ", secret hidden]";
    }
}
