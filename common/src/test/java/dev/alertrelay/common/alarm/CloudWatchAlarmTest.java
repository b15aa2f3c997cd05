package dev.alertrelay.common.alarm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CloudWatchAlarmTest {

    private static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-api-error-lines";

    private static CloudWatchAlarm alarm(String arn, String accountId, String region) {
        return new CloudWatchAlarm("orders-api-error-lines", arn, accountId, region, AlarmState.ALARM, AlarmState.OK, null,
                null, null, null, null, null, AlarmSource.SNS);
    }

    @Test
    void anAlarmThatCarriesItsArnIsNamedByIt() {
        assertEquals(ARN, alarm(ARN, "111122223333", "us-east-1").arnOrDerived());
    }

    @Test
    void anOldMessageWithoutAnArnGetsTheArnItsAccountRegionAndNameWouldGive() {
        assertEquals(ARN, alarm(null, "123456789012", "eu-west-1").arnOrDerived());
    }

    @Test
    void inChinaTheDerivedArnIsInTheAwsCnPartition() {
        assertEquals("arn:aws-cn:cloudwatch:cn-north-1:123456789012:alarm:orders-api-error-lines",
                alarm(null, "123456789012", "cn-north-1").arnOrDerived());
    }

    @Test
    void anUnknownAccountAndRegionAreLeftEmptyInTheDerivedArn() {
        assertEquals("arn:aws:cloudwatch:::alarm:orders-api-error-lines", alarm(null, null, null).arnOrDerived());
    }
}
