package dev.alertrelay.alarm;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.testing.SystemProperties;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tag lookup that fails routes the alarm as untagged, within the deadline. (The lookup itself is not run against
 * moto: moto 5.2.1 answers the Java SDK's RPC v2 CBOR CloudWatch requests with 404, while the AWS CLI's query
 * protocol works; routing on tags is covered by AlarmRoutingTest with tags given.)
 */
class AlarmTagsTest {

    @Test
    @SuppressWarnings("try")
    void aLookupThatFailsReadsAsNoTags() {
        try (SystemProperties sdk = SystemProperties.set(Map.of("aws.endpointUrl", "http://127.0.0.1:9", "aws.region", "us-east-1",
                "aws.accessKeyId", "test", "aws.secretAccessKey", "test"))) {
            assertEquals(Map.of(), new AlarmTags(Map.of("AWS_REGION", "us-east-1")::get)
                    .of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:x", Deadline.in(3_000)));
        }
    }
}
