package dev.alertrelay.common.alarm;

/**
 * EventBridge's "CloudWatch Alarm Configuration Change": an alarm was created, updated or deleted. Its {@code state}
 * is the alarm's state at that moment (INSUFFICIENT_DATA for a new alarm), not a transition, so nobody is notified;
 * the handlers log it. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-and-eventbridge.html
 *
 * @param alarmName the alarm
 * @param operation create, update or delete (as sent; may be null)
 * @param alarmArn  the alarm's ARN from the envelope's resources, or null
 */
public record AlarmConfigurationChange(String alarmName, String operation, String alarmArn) implements AlarmNotification {
}
