package dev.alertrelay.common.alarm;

/** The delivery path an alarm state change arrived by. */
public enum AlarmSource {
    /** An SNS topic in the alarm's actions; the alarm is the JSON in the record's {@code Message}. */
    SNS,
    /** An SQS queue (fed by the alarm's SNS topic or by an EventBridge rule); the alarm is the JSON in the message body. */
    SQS,
    /** The function itself is the alarm's action (principal {@code lambda.alarms.cloudwatch.amazonaws.com}). */
    ALARM_ACTION,
    /** An EventBridge rule on "CloudWatch Alarm State Change". */
    EVENTBRIDGE
}
