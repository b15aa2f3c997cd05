package dev.alertrelay.common.aws;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Our signer must produce exactly what the AWS SDK's own SigV4 signer produces for the same request. */
class SigV4SignerTest {

    private static final Instant NOW = Instant.parse("2026-11-21T03:05:12Z");
    private static final byte[] BODY = "{\"CiphertextBlob\":\"AQIDBA==\",\"EncryptionContext\":{\"LambdaFunctionName\":\"fn\"}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Map<String, String> HEADERS = Map.of("content-type", "application/x-amz-json-1.1",
            "x-amz-target", "TrentService.Decrypt");

    @Test
    void longTermKeysAreSignedExactlyAsTheSdkSignsThem() {
        URI uri = URI.create("https://kms.ap-northeast-1.amazonaws.com/");
        AwsCredentials credentials = new AwsCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, null);
        String ours = SigV4Signer.sign(uri, HEADERS, BODY, credentials, "ap-northeast-1", "kms", NOW).get("authorization");
        assertEquals(sdkAuthorization(uri, AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secretAccessKey()),
                "ap-northeast-1", "kms"), ours);
    }

    @Test
    void sessionCredentialsAndANonDefaultPortAreSignedExactlyAsTheSdkSignsThem() {
        URI uri = URI.create("http://127.0.0.1:5077/");
        AwsCredentials credentials = new AwsCredentials("ASIAEXAMPLE", "secret/key+value", "session-token==", null);
        Map<String, String> ours = SigV4Signer.sign(uri, Map.of("content-type", "application/x-amz-json-1.1",
                "x-amz-target", "AmazonSSM.GetParameter"), BODY, credentials, "us-east-1", "ssm", NOW);
        assertEquals("127.0.0.1:5077", ours.get("host"));
        assertEquals("session-token==", ours.get("x-amz-security-token"));
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("content-type", "application/x-amz-json-1.1")
                .putHeader("x-amz-target", "AmazonSSM.GetParameter").build();
        assertEquals(sdkAuthorization(request,
                AwsSessionCredentialsIdentity.create("ASIAEXAMPLE", "secret/key+value", "session-token=="), "us-east-1", "ssm"),
                ours.get("authorization"));
    }

    private static String sdkAuthorization(URI uri, AwsCredentialsIdentity identity, String region, String service) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        HEADERS.forEach(request::putHeader);
        return sdkAuthorization(request.build(), identity, region, service);
    }

    private static String sdkAuthorization(SdkHttpRequest request, AwsCredentialsIdentity identity, String region, String service) {
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(BODY))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization").orElseThrow();
    }
}
