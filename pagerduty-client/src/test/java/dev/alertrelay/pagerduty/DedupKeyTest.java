package dev.alertrelay.pagerduty;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DedupKeyTest {

    private static final String ARN = "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-api-error-lines";

    @Test
    void anAlarmsIncidentIsNamedByItsArn() {
        assertEquals("alert-relay-alarm:" + ARN, DedupKey.forAlarm(ARN));
    }

    @Test
    void aVeryLongAlarmArnGivesAKeyWithinPagerDutysLimitTheSameEveryTime() {
        String longArn = ARN + "-" + "x".repeat(300);
        String key = DedupKey.forAlarm(longArn);
        assertEquals(255, key.length());
        assertEquals(key, DedupKey.forAlarm(longArn));
        assertNotEquals(key, DedupKey.forAlarm(longArn + "y"));
    }
}
