package dev.alertrelay.alarm;

import dev.alertrelay.common.alarm.AlarmEvents;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackRoute;
import dev.alertrelay.slack.oncall.OnCall;
import dev.alertrelay.slack.thread.IncidentSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmIncidentsTest {

    private static CloudWatchAlarm alarm(String sample) {
        return (CloudWatchAlarm) AlarmEvents.parse(Json.parseObject(EventFiles.text(sample))).get(0);
    }

    private static SlackRoute route(List<String> routingKeys) {
        return new SlackRoute(List.of(new SlackNotifier.Destination.Channel("C0PAYMENTS")), List.of(), null, null, List.of("payments"),
                "123456789012", null, url -> "https://portal.example/#/console?destination=" + url.length(), routingKeys, OnCall.NONE);
    }

    @Test
    void aPageFromAnAlarmsThreadNamesTheIncidentByTheAlarmsArnOnItsRoutesRoutingKey() {
        IncidentSpec spec = AlarmIncidents.alarm(alarm("alarm-sns-alb-healthyhostcount.json"),
                route(List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS", "PAGERDUTY_ROUTING_KEY_SRE")));

        assertEquals("alarm", spec.kind());
        assertEquals("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:shop-alb-no-healthy-hosts", spec.subject());
        assertTrue(spec.summary().startsWith("ALARM: shop-alb-no-healthy-hosts \u2014 Threshold Crossed"), spec.summary());
        assertEquals("HealthyHostCount", spec.component());
        assertEquals("AWS/ApplicationELB", spec.group());
        assertTrue(spec.link().startsWith("https://portal.example/"), "console links open as the route opens them: " + spec.link());
        assertEquals("PAGERDUTY_ROUTING_KEY_PAYMENTS", spec.routingKey());
    }

    @Test
    void anAlarmWithoutARouteRoutingKeyPagesTheFunctionsOwnAndAnOldMessageStillHasAnArn() {
        IncidentSpec spec = AlarmIncidents.alarm(alarm("alarm-sns-old-without-arn.json"), route(List.of()));

        assertNull(spec.routingKey());
        assertTrue(spec.subject().startsWith("arn:aws:cloudwatch:"), spec.subject());
    }

    @Test
    void aStormsPageIsOnePerStormThread() {
        List<CloudWatchAlarm> alarms = List.of(alarm("alarm-sns-alb-healthyhostcount.json"), alarm("alarm-sns-composite.json"));
        Instant since = Instant.parse("2026-11-21T03:05:12Z");

        IncidentSpec spec = AlarmIncidents.storm(alarms, "storm|C0ALERTS01", since, route(List.of()));

        assertEquals("storm", spec.kind());
        assertEquals("storm|C0ALERTS01|2026-11-21T03:05:12Z", spec.subject());
        assertTrue(spec.summary().startsWith("Alarm storm: 2 alarms in ALARM"), spec.summary());
    }
}
