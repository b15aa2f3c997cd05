package dev.alertrelay.common.alarm;

/** One thing to tell someone about, found in an event: an alarm state change, or another message on the alarm topic. */
public sealed interface AlarmNotification permits CloudWatchAlarm, OtherSnsMessage {
}
