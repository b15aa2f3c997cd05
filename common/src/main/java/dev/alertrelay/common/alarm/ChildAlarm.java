package dev.alertrelay.common.alarm;

/** A child alarm whose state change made a composite alarm change state. {@code arn} and {@code state} may be null. */
public record ChildAlarm(String name, String arn, AlarmState state) {
}
