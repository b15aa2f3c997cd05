package dev.alertrelay.logs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmEvents;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmIncidentFormatterTest {

    private static final LogsErrorSettings SETTINGS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, null, false, 0);

    private static CloudWatchAlarm alarm(String file) {
        return (CloudWatchAlarm) AlarmEvents.parse(Json.parseObject(EventFiles.text(file))).get(0);
    }

    private static CloudWatchAlarm withState(CloudWatchAlarm alarm, dev.alertrelay.common.alarm.AlarmState state, String arn) {
        return new CloudWatchAlarm(alarm.name(), arn, alarm.accountId(), alarm.region(), state, alarm.previousState(),
                alarm.description(), alarm.reason(), alarm.stateChangeTime(), alarm.trigger(), alarm.alarmRule(),
                alarm.triggeringChildren(), alarm.source());
    }

    private final AlarmIncidentFormatter formatter = new AlarmIncidentFormatter(SETTINGS);

    @Test
    void alarmTriggersAndOkResolvesTheSameIncident() {
        PagerDutyEvent trigger = formatter.format(alarm("logs-alarm-sns-alarm.json")).orElseThrow();
        PagerDutyEvent resolve = formatter.format(alarm("logs-alarm-sns-ok.json")).orElseThrow();
        assertEquals("trigger", trigger.action());
        assertEquals("resolve", resolve.action());
        assertEquals(trigger.dedupKey(), resolve.dedupKey());
        assertEquals("alert-relay-alarm:arn:aws:cloudwatch:eu-west-1:123456789012:alarm:orders-api-error-lines", trigger.dedupKey());
    }

    private JsonObject details(String file) {
        return formatter.format(alarm(file)).orElseThrow().toJson().getAsJsonObject("payload").getAsJsonObject("custom_details");
    }

    @Test
    void aMetricMathIncidentCarriesTheExpressionAndItsInputs() {
        JsonObject details = details("alarm-sns-metric-math.json");
        assertTrue(details.has("expression"), details.toString());
        assertTrue(details.getAsJsonArray("inputs").size() >= 2, details.toString());
        assertTrue(details.get("condition").getAsString().length() > 0);
    }

    @Test
    void anAnomalyDetectionIncidentCarriesTheBand() {
        JsonObject details = details("alarm-sns-anomaly-detection.json");
        assertTrue(details.get("anomaly_band").getAsString().startsWith("ANOMALY_DETECTION_BAND("), details.toString());
    }

    @Test
    void aCompositeIncidentCarriesTheRuleAndTheTriggeringChildren() {
        JsonObject details = details("alarm-eventbridge-envelope-alarmdata.json");
        assertEquals("ALARM(shop-alb-no-healthy-hosts) OR ALARM(shop-checkout-5xx)", details.get("alarm_rule").getAsString());
        assertEquals("shop-alb-no-healthy-hosts (ALARM)", details.getAsJsonArray("triggering_children").get(0).getAsString());
        assertEquals("123456789012", details.get("account").getAsString());
    }

    @Test
    void anAlarmWithoutAnArnGetsTheKeyItsArnWouldGive() {
        CloudWatchAlarm withArn = alarm("logs-alarm-sns-alarm.json");
        CloudWatchAlarm withoutArn = withState(withArn, withArn.state(), null);
        assertEquals(AlarmIncidentFormatter.dedupKey(withArn), AlarmIncidentFormatter.dedupKey(withoutArn));
    }

    @Test
    void inChinaAnAlarmWithoutAnArnGetsTheKeyItsAwsCnArnWouldGive() {
        CloudWatchAlarm tokyo = alarm("logs-alarm-sns-alarm.json");
        CloudWatchAlarm beijing = new CloudWatchAlarm(tokyo.name(),
                "arn:aws-cn:cloudwatch:cn-north-1:" + tokyo.accountId() + ":alarm:" + tokyo.name(), tokyo.accountId(),
                "cn-north-1", tokyo.state(), tokyo.previousState(), tokyo.description(), tokyo.reason(),
                tokyo.stateChangeTime(), tokyo.trigger(), tokyo.alarmRule(), tokyo.triggeringChildren(), tokyo.source());
        assertEquals(AlarmIncidentFormatter.dedupKey(beijing), AlarmIncidentFormatter.dedupKey(withState(beijing, beijing.state(), null)));
    }

    @Test
    void theTriggerSaysWhichAlarmAndWhy() {
        JsonObject payload = formatter.format(alarm("logs-alarm-sns-alarm.json")).orElseThrow().toJson().getAsJsonObject("payload");
        assertTrue(Json.string(payload, "summary").startsWith("ALARM: orders-api-error-lines \u2014 Threshold Crossed: 1 out of"),
                Json.string(payload, "summary"));
        assertEquals("error", Json.string(payload, "severity"));
        assertEquals("OrdersApiErrorCount", Json.string(payload, "component"));
        assertEquals("2026-11-21T03:05:12.402Z", Json.string(payload, "timestamp"));
        assertEquals("OrdersApi/Logs OrdersApiErrorCount", Json.string(payload.getAsJsonObject("custom_details"), "metric"));
    }

    @Test
    void theTriggerLinksToTheAlarmInTheConsole() {
        JsonObject event = formatter.format(alarm("logs-alarm-sns-alarm.json")).orElseThrow().toJson();
        assertEquals("https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/orders-api-error-lines",
                event.getAsJsonArray("links").get(0).getAsJsonObject().get("href").getAsString());
    }

    @Test
    void insufficientDataSendsNothingByDefault() {
        CloudWatchAlarm alarm = alarm("logs-alarm-sns-alarm.json");
        assertTrue(formatter.format(withState(alarm, dev.alertrelay.common.alarm.AlarmState.INSUFFICIENT_DATA, alarm.arn())).isEmpty());
    }

    @Test
    void insufficientDataCanBeAskedToPageAsAWarning() {
        LogsErrorSettings triggering = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, null, true, 0);
        CloudWatchAlarm alarm = alarm("logs-alarm-sns-alarm.json");
        PagerDutyEvent event = new AlarmIncidentFormatter(triggering)
                .format(withState(alarm, dev.alertrelay.common.alarm.AlarmState.INSUFFICIENT_DATA, alarm.arn())).orElseThrow();
        assertEquals("warning", Json.string(event.toJson().getAsJsonObject("payload"), "severity"));
    }

    @Test
    void aVeryLongAlarmArnStillMakesAValidStableKey() {
        CloudWatchAlarm alarm = alarm("logs-alarm-sns-alarm.json");
        CloudWatchAlarm longName = withState(alarm, alarm.state(), alarm.arn() + "-" + "x".repeat(300));
        String key = AlarmIncidentFormatter.dedupKey(longName);
        assertTrue(key.length() <= 255, "length " + key.length());
        assertEquals(key, AlarmIncidentFormatter.dedupKey(longName));
    }
}
