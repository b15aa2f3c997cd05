package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmState;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebhookConfigurationTest {

    @Test
    void theBlueprintsSchemelessUrlGetsHttps() {
        assertEquals("https://hooks.slack.com/services/T000/B000/XXX",
                WebhookConfiguration.withHttpsScheme("hooks.slack.com/services/T000/B000/XXX"));
    }

    @Test
    void aUrlThatHasASchemeKeepsIt() {
        assertEquals("https://hooks.slack.com/services/T/B/X", WebhookConfiguration.withHttpsScheme(" https://hooks.slack.com/services/T/B/X\n"));
        assertEquals("http://127.0.0.1:8080/services/T/B/X", WebhookConfiguration.withHttpsScheme("http://127.0.0.1:8080/services/T/B/X"));
        assertEquals("HTTPS://hooks.slack.com/x", WebhookConfiguration.withHttpsScheme("HTTPS://hooks.slack.com/x"));
    }

    @Test
    void notifyStatesDefaultsToEveryState() {
        assertEquals(EnumSet.allOf(AlarmState.class), NotifyStates.parse(null).states());
        assertEquals(EnumSet.allOf(AlarmState.class), NotifyStates.parse(" ").states());
    }

    @Test
    void notifyStatesReadsACommaSeparatedListInAnyCase() {
        assertEquals(Set.of(AlarmState.ALARM, AlarmState.INSUFFICIENT_DATA), NotifyStates.parse("alarm, INSUFFICIENT_DATA,").states());
    }
}
