package dev.alertrelay.common.alarm;

/** One thing found in an alarm event: an alarm state change, another message on the alarm topic, or a configuration change (nothing to tell). */
public sealed interface AlarmNotification permits CloudWatchAlarm, OtherSnsMessage, AlarmConfigurationChange {
}
