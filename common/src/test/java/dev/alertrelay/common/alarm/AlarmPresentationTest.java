package dev.alertrelay.common.alarm;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The destination-neutral wording and links that Slack and PagerDuty messages share. */
class AlarmPresentationTest {

    private static CloudWatchAlarm alarm(String name, String region, AlarmTrigger trigger) {
        return new CloudWatchAlarm(name, null, "123456789012", region, AlarmState.ALARM, null, null, null,
                Instant.EPOCH, trigger, null, List.of(), AlarmSource.SNS);
    }

    private static AlarmTrigger trigger(String operator, Double threshold, String unit, Long period, Long evaluations, Long toAlarm) {
        return new AlarmTrigger("AWS/ApplicationELB", "TargetResponseTime", "p99", unit,
                List.of(new Dimension("TargetGroup", "targetgroup/shop-web-tg/73e2d6bc24d8a067")), period, evaluations, toAlarm,
                operator, threshold, null, null, List.of());
    }

    @Test
    void describesTheConditionShortAndInFull() {
        CloudWatchAlarm alarm = alarm("slow", "eu-west-1", trigger("GreaterThanOrEqualToThreshold", 0.5, "Seconds", 300L, 5L, 3L));

        assertEquals("TargetResponseTime ≥ 0.5 s", AlarmConditions.summary(alarm));
        assertEquals("TargetResponseTime ≥ 0.5 s: p99 over 5 min, 3 of 5 datapoints", AlarmConditions.inWords(alarm));
    }

    @Test
    void writesPeriodsAndThresholdsAsTheConsoleDoes() {
        assertEquals("10 s", AlarmConditions.duration(10));
        assertEquals("90 s", AlarmConditions.duration(90));
        assertEquals("1 min", AlarmConditions.duration(60));
        assertEquals("1 h", AlarmConditions.duration(3600));
        assertEquals("1 day", AlarmConditions.duration(86_400));
        assertEquals("1", AlarmConditions.number(1.0));
        assertEquals("2147483648", AlarmConditions.number(2.147483648E9));
        assertEquals("0.25", AlarmConditions.number(0.25));
    }

    @Test
    void encodesTheAlarmNameForTheConsoleWithDollarsForPercents() {
        assertEquals("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/a$2Fb$20c$26d",
                AlarmConsoleLinks.alarm(alarm("a/b c&d", "eu-west-1", null)));
    }

    @Test
    void linksChinaAndGovCloudAlarmsToTheirOwnConsoles() {
        assertEquals("https://cn-north-1.console.amazonaws.cn/cloudwatch/home?region=cn-north-1#alarmsV2:alarm/x",
                AlarmConsoleLinks.alarm(alarm("x", "cn-north-1", null)));
        assertEquals("https://us-gov-west-1.console.amazonaws-us-gov.com/ec2/home?region=us-gov-west-1#TargetGroup:targetGroupArn="
                        + "arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:targetgroup/shop-web-tg/73e2d6bc24d8a067",
                AlarmConsoleLinks.targetGroup(alarm("x", "us-gov-west-1", trigger("LessThanThreshold", 1.0, null, 60L, 1L, null))));
    }

    @Test
    void givesNoLinkForARegionThatIsNotARegionCode() {
        assertNull(AlarmConsoleLinks.alarm(alarm("x", "Asia Pacific (Tokyo)", null)));
        assertNull(AlarmConsoleLinks.alarm(alarm("x", null, null)));
    }

    @Test
    void namesElbResourcesByTheirNameAndLeavesOtherValuesAlone() {
        assertEquals("my-alb", FriendlyDimensions.value(new Dimension("LoadBalancer", "app/my-alb/50dc6c495c0c9188")));
        assertEquals("my-tg", FriendlyDimensions.value(new Dimension("TargetGroup", "targetgroup/my-tg/73e2d6bc24d8a067")));
        assertEquals("i-0abc", FriendlyDimensions.value(new Dimension("InstanceId", "i-0abc")));
        assertEquals("odd", FriendlyDimensions.value(new Dimension("LoadBalancer", "odd")));
    }
}
