package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmState;

import java.util.EnumSet;
import java.util.Set;

/**
 * The alarm states that are posted, from {@code NOTIFY_STATES} (comma-separated; default all three). A name that is
 * not a state fails at start-up: a typo must not silently mute every alarm.
 */
record NotifyStates(Set<AlarmState> states) {

    static final String VARIABLE = "NOTIFY_STATES";

    static NotifyStates parse(String configured) {
        if (configured == null || configured.isBlank()) {
            return new NotifyStates(EnumSet.allOf(AlarmState.class));
        }
        Set<AlarmState> states = EnumSet.noneOf(AlarmState.class);
        for (String name : configured.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            AlarmState state = AlarmState.parse(name);
            if (state == null) {
                throw new IllegalArgumentException(VARIABLE + " names an unknown state \"" + name.strip()
                        + "\"; use a comma-separated list of ALARM, OK, INSUFFICIENT_DATA");
            }
            states.add(state);
        }
        return new NotifyStates(states);
    }

    boolean includes(AlarmState state) {
        return states.contains(state);
    }
}
