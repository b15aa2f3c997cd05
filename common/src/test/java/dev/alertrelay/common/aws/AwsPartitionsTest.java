package dev.alertrelay.common.aws;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AwsPartitionsTest {

    @Test
    void chinaAndGovCloudHaveTheirOwnPartitionAndConsole() {
        assertEquals("aws", AwsPartitions.partition("ap-northeast-1"));
        assertEquals("aws-cn", AwsPartitions.partition("cn-north-1"));
        assertEquals("aws-us-gov", AwsPartitions.partition("us-gov-west-1"));
        assertEquals("https://eu-west-1.console.aws.amazon.com", AwsPartitions.console("eu-west-1"));
        assertEquals("https://cn-north-1.console.amazonaws.cn", AwsPartitions.console("cn-north-1"));
        assertEquals("https://us-gov-west-1.console.amazonaws-us-gov.com", AwsPartitions.console("us-gov-west-1"));
    }

    @Test
    void onlyTheFormOfARegionCodeIsARegion() {
        assertEquals(true, AwsPartitions.isRegion("ap-northeast-1"));
        assertEquals(true, AwsPartitions.isRegion("us-gov-west-1"));
        assertEquals(false, AwsPartitions.isRegion("Asia Pacific (Tokyo)"));
        assertEquals(false, AwsPartitions.isRegion("evil.example/x"));
        assertEquals(false, AwsPartitions.isRegion(null));
        assertEquals(true, AwsPartitions.isRegion("us-isob-east-1"));
        assertEquals(true, AwsPartitions.isRegion("eusc-de-east-1"));
        assertEquals(false, AwsPartitions.isRegion("eu-west-"));
        assertEquals(false, AwsPartitions.isRegion("eu-1"));
        assertEquals(false, AwsPartitions.isRegion("eu-west-123"));
        assertEquals(false, AwsPartitions.isRegion("EU-west-1"));
    }

    @Test
    void aForgedRegionOfKilobytesIsNotARegionAndCrashesNothing() {
        assertEquals(false, AwsPartitions.isRegion("a-".repeat(50_000) + "1"));
        assertEquals(false, AwsPartitions.isRegion("aa" + "-a".repeat(50_000) + "-1"));
    }
}
