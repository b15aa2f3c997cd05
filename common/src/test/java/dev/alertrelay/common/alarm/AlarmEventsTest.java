package dev.alertrelay.common.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlarmEventsTest {

    private static final String TOPIC = "arn:aws:sns:eu-west-1:111122223333:ops-alarms";

    /** An SNS event with one record whose Message is {@code message} (a JSON object, serialised as SNS does). */
    private static JsonObject snsEvent(String message) {
        JsonObject sns = new JsonObject();
        sns.addProperty("Type", "Notification");
        sns.addProperty("TopicArn", TOPIC);
        sns.addProperty("Subject", "a subject");
        sns.addProperty("Message", message);
        sns.addProperty("Timestamp", "2026-01-02T03:04:05.678Z");
        JsonObject record = new JsonObject();
        record.addProperty("EventSource", "aws:sns");
        record.add("Sns", sns);
        return Json.parseObject("{\"Records\":[" + Json.toJson(record) + "]}");
    }

    private static CloudWatchAlarm onlyAlarm(JsonObject event) {
        List<AlarmNotification> notifications = AlarmEvents.parse(event);
        assertEquals(1, notifications.size());
        return assertInstanceOf(CloudWatchAlarm.class, notifications.get(0));
    }

    @Test
    void anAlarmThatCameThroughAQueueSaysSoAndNotSns() {
        assertEquals(AlarmSource.SQS, onlyAlarm(Json.parseObject(EventFiles.text("alarm-sqs-sns-notification.json"))).source());
    }

    @Nested
    class ThroughSns {

        @Test
        void readsEveryFactOfTheFoundingHealthyHostCountAlarm() {
            CloudWatchAlarm alarm = onlyAlarm(Json.parseObject(EventFiles.text("alarm-sns-alb-healthyhostcount.json")));

            assertEquals("shop-alb-no-healthy-hosts", alarm.name());
            assertEquals("arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:shop-alb-no-healthy-hosts", alarm.arn());
            assertEquals("123456789012", alarm.accountId());
            assertEquals("ap-northeast-1", alarm.region());
            assertEquals(AlarmState.ALARM, alarm.state());
            assertEquals(AlarmState.OK, alarm.previousState());
            assertTrue(alarm.description().startsWith("The shop ALB has no healthy targets"));
            assertTrue(alarm.reason().startsWith("Threshold Crossed: 1 out of the last 1 datapoints"));
            assertEquals(Instant.parse("2026-11-21T03:05:12.402Z"), alarm.stateChangeTime());
            assertEquals(AlarmSource.SNS, alarm.source());
            assertEquals(CloudWatchAlarm.Kind.METRIC, alarm.kind());

            AlarmTrigger trigger = alarm.trigger();
            assertEquals("AWS/ApplicationELB", trigger.namespace());
            assertEquals("HealthyHostCount", trigger.metricName());
            assertEquals("Minimum", trigger.statistic());
            assertNull(trigger.unit());
            assertEquals(List.of(new Dimension("TargetGroup", "targetgroup/shop-web-tg/73e2d6bc24d8a067"),
                    new Dimension("LoadBalancer", "app/shop-alb/50dc6c495c0c9188")), trigger.dimensions());
            assertEquals(60L, trigger.periodSeconds());
            assertEquals(1L, trigger.evaluationPeriods());
            assertEquals(1L, trigger.datapointsToAlarm());
            assertEquals("LessThanThreshold", trigger.comparisonOperator());
            assertEquals(1.0, trigger.threshold());
            assertEquals("breaching", trigger.treatMissingData());
        }

        @Test
        void takesRegionAndAccountFromTheTopicWhenAnOldMessageHasNoAlarmArn() {
            CloudWatchAlarm alarm = onlyAlarm(snsEvent("""
                    {"AlarmName":"old","NewStateValue":"OK","Region":"Asia Pacific (Tokyo)","Trigger":{}}"""));

            assertNull(alarm.arn());
            assertEquals("eu-west-1", alarm.region());
            assertEquals("111122223333", alarm.accountId());
        }

        @Test
        void mapsTheRegionDisplayNameToACodeOnlyWhenNoArnNamesTheRegion() {
            JsonObject event = snsEvent("""
                    {"AlarmName":"old","NewStateValue":"OK","Region":"EU (Ireland)"}""");
            Json.object(Json.objectAt(Json.array(event, "Records"), 0), "Sns").remove("TopicArn");

            assertEquals("eu-west-1", onlyAlarm(event).region());
        }

        @Test
        void normalisesMultiWordStatisticsAndOldFreeTextTreatMissingData() {
            AlarmTrigger trigger = onlyAlarm(snsEvent("""
                    {"AlarmName":"a","NewStateValue":"ALARM","Trigger":{"MetricName":"Invocations","StatisticType":"Statistic",
                     "Statistic":"SAMPLE_COUNT","TreatMissingData":"- TreatMissingData:                    missing"}}""")).trigger();

            assertEquals("SampleCount", trigger.statistic());
            assertEquals("missing", trigger.treatMissingData());
        }

        @Test
        void readsAnExtendedStatistic() {
            AlarmTrigger trigger = onlyAlarm(snsEvent("""
                    {"AlarmName":"a","NewStateValue":"ALARM","Trigger":{"MetricName":"TargetResponseTime",
                     "StatisticType":"ExtendedStatistic","ExtendedStatistic":"p99","Statistic":null}}""")).trigger();

            assertEquals("p99", trigger.statistic());
        }

        @Test
        void readsAMetricMathAlarm() {
            CloudWatchAlarm alarm = onlyAlarm(snsEvent("""
                    {"AlarmName":"errors","NewStateValue":"ALARM","Trigger":{"Period":60,"EvaluationPeriods":1,
                     "ComparisonOperator":"GreaterThanThreshold","Threshold":5.0,"Metrics":[
                      {"Expression":"100*(m1/m2)","Id":"e1","Label":"Error rate","ReturnData":true},
                      {"Id":"m1","MetricStat":{"Metric":{"Dimensions":[{"value":"checkout","name":"FunctionName"}],
                        "MetricName":"Errors","Namespace":"AWS/Lambda"},"Period":60,"Stat":"Sum","Unit":"Count"},"ReturnData":false}]}}"""));

            assertEquals(CloudWatchAlarm.Kind.METRIC_MATH, alarm.kind());
            MetricQuery evaluated = alarm.trigger().evaluatedQuery();
            assertEquals("100*(m1/m2)", evaluated.expression());
            assertEquals("Error rate", evaluated.label());
            MetricQuery input = alarm.trigger().metrics().get(1);
            assertEquals("Errors", input.metricName());
            assertEquals(List.of(new Dimension("FunctionName", "checkout")), input.dimensions());
            assertEquals("Sum", input.statistic());
        }

        @Test
        void readsAnAnomalyDetectionAlarmByItsThresholdMetricId() {
            CloudWatchAlarm alarm = onlyAlarm(snsEvent("""
                    {"AlarmName":"cpu band","NewStateValue":"ALARM","Trigger":{"Period":300,"EvaluationPeriods":1,
                     "ComparisonOperator":"LessThanLowerOrGreaterThanUpperThreshold","ThresholdMetricId":"ad1","Metrics":[
                      {"Expression":"ANOMALY_DETECTION_BAND(m1, 2)","Id":"ad1","Label":"CPUUtilization (expected)","ReturnData":true},
                      {"Id":"m1","MetricStat":{"Metric":{"Dimensions":[],"MetricName":"CPUUtilization","Namespace":"AWS/EC2"},
                        "Period":300,"Stat":"Average"},"ReturnData":true}]}}"""));

            assertEquals(CloudWatchAlarm.Kind.ANOMALY_DETECTION, alarm.kind());
            assertNull(alarm.trigger().threshold());
            assertEquals("ANOMALY_DETECTION_BAND(m1, 2)", alarm.trigger().anomalyBand().expression());
            assertEquals("CPUUtilization", alarm.trigger().evaluatedQuery().metricName());
        }

        @Test
        void readsACompositeAlarmWithItsTriggeringChildren() {
            CloudWatchAlarm alarm = onlyAlarm(snsEvent("""
                    {"AlarmName":"shop-down","NewStateValue":"ALARM","OldStateValue":"OK",
                     "AlarmArn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:shop-down",
                     "AlarmRule":"ALARM(shop-5xx) OR ALARM(shop-latency)",
                     "TriggeringChildren":[{"Arn":"arn:aws:cloudwatch:us-east-1:111122223333:alarm:shop-5xx",
                       "State":{"Value":"ALARM","Timestamp":"2026-01-02T03:04:05.000+0000"}}]}"""));

            assertEquals(CloudWatchAlarm.Kind.COMPOSITE, alarm.kind());
            assertNull(alarm.trigger());
            assertEquals("ALARM(shop-5xx) OR ALARM(shop-latency)", alarm.alarmRule());
            assertEquals(List.of(new ChildAlarm("shop-5xx", "arn:aws:cloudwatch:us-east-1:111122223333:alarm:shop-5xx",
                    AlarmState.ALARM)), alarm.triggeringChildren());
            assertEquals("us-east-1", alarm.region());
        }

        @Test
        void readsNullEmptyAndAbsentDescriptionsAsNull() {
            for (String description : List.of("\"AlarmDescription\":null,", "\"AlarmDescription\":\"\",", "")) {
                CloudWatchAlarm alarm = onlyAlarm(snsEvent("{" + description + "\"AlarmName\":\"a\",\"NewStateValue\":\"OK\"}"));
                assertNull(alarm.description(), description);
            }
        }

        @Test
        void keepsAPlainTextMessageAsAnOtherSnsMessage() {
            OtherSnsMessage message = assertInstanceOf(OtherSnsMessage.class,
                    AlarmEvents.parse(snsEvent("Deploy of shop finished")).get(0));

            assertEquals("Deploy of shop finished", message.body());
            assertEquals("a subject", message.subject());
            assertEquals(TOPIC, message.topicArn());
            assertEquals("ops-alarms", message.topicName());
            assertEquals("eu-west-1", message.region());
            assertEquals("111122223333", message.accountId());
            assertEquals(Instant.parse("2026-01-02T03:04:05.678Z"), message.timestamp());
        }

        @Test
        void keepsJsonOfAnotherShapeOrWithAnUnknownStateAsAnOtherSnsMessage() {
            for (String body : List.of("{\"detail-type\":\"Something\"}", "{\"AlarmName\":\"a\",\"NewStateValue\":\"MAYBE\"}",
                    "[1,2]", "")) {
                assertInstanceOf(OtherSnsMessage.class, AlarmEvents.parse(snsEvent(body)).get(0), body);
            }
        }

        @Test
        void findsNothingInAnEventWithoutRecords() {
            assertEquals(List.of(), AlarmEvents.parse(Json.parseObject("{\"Records\":[]}")));
        }

        @Test
        void readsEveryRecordInOrder() {
            JsonObject event = snsEvent("{\"AlarmName\":\"first\",\"NewStateValue\":\"ALARM\"}");
            JsonObject second = snsEvent("{\"AlarmName\":\"second\",\"NewStateValue\":\"OK\"}");
            Json.array(event, "Records").addAll(Json.array(second, "Records"));

            List<AlarmNotification> notifications = AlarmEvents.parse(event);

            assertEquals(List.of("first", "second"), notifications.stream().map(n -> ((CloudWatchAlarm) n).name()).toList());
        }

        @Test
        void rejectsRecordsThatAreNeitherSnsNorSqsRecords() {
            assertThrows(InvalidEventException.class,
                    () -> AlarmEvents.parse(Json.parseObject("{\"Records\":[{\"eventSource\":\"aws:kinesis\",\"kinesis\":{}}]}")));
        }
    }

    @Nested
    class ThroughTheDirectAlarmActionAndEventBridge {

        private static final String ALARM_DATA = """
                {"alarmName":"lambda-demo-metric-alarm",
                 "state":{"value":"ALARM","reason":"Threshold Crossed","timestamp":"2023-08-04T12:36:15.490+0000",
                   "reasonData":"{\\"version\\":\\"1.0\\",\\"statistic\\":\\"Average\\",\\"period\\":60,\\"threshold\\":5.0}"},
                 "previousState":{"value":"INSUFFICIENT_DATA","reason":"Insufficient Data","timestamp":"2023-08-04T12:31:29.595+0000"},
                 "configuration":{"description":"Metric Alarm to test Lambda actions","metrics":[{"id":"1234",
                   "metricStat":{"metric":{"namespace":"AWS/EC2","name":"CPUUtilization","dimensions":{"InstanceId":"i-12345678"}},
                   "period":60,"stat":"Average","unit":"Percent"},"returnData":true}]}}""";

        @Test
        void readsTheDirectAlarmAction() {
            CloudWatchAlarm alarm = onlyAlarm(Json.parseObject("""
                    {"source":"aws.cloudwatch","alarmArn":"arn:aws:cloudwatch:us-east-1:444455556666:alarm:lambda-demo-metric-alarm",
                     "accountId":"444455556666","time":"2023-08-04T12:36:15.490+0000","region":"us-east-1","alarmData":""" + ALARM_DATA + "}"));

            assertEquals(AlarmSource.ALARM_ACTION, alarm.source());
            assertEquals("lambda-demo-metric-alarm", alarm.name());
            assertEquals("444455556666", alarm.accountId());
            assertEquals("us-east-1", alarm.region());
            assertEquals(AlarmState.ALARM, alarm.state());
            assertEquals(AlarmState.INSUFFICIENT_DATA, alarm.previousState());
            assertEquals("Metric Alarm to test Lambda actions", alarm.description());
            assertEquals(Instant.parse("2023-08-04T12:36:15.490Z"), alarm.stateChangeTime());
            assertEquals(CloudWatchAlarm.Kind.METRIC, alarm.kind());
            AlarmTrigger trigger = alarm.trigger();
            assertEquals("CPUUtilization", trigger.metricName());
            assertEquals("AWS/EC2", trigger.namespace());
            assertEquals("Average", trigger.statistic());
            assertEquals("Percent", trigger.unit());
            assertEquals(60L, trigger.periodSeconds());
            assertEquals(5.0, trigger.threshold());
            assertNull(trigger.comparisonOperator());
            assertEquals("i-12345678", trigger.dimension("InstanceId"));
        }

        @Test
        void readsTheEventBridgeStateChangeWithTheArnFromResources() {
            CloudWatchAlarm alarm = onlyAlarm(Json.parseObject("""
                    {"version":"0","detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","account":"123456789012",
                     "time":"2019-10-02T17:04:40Z","region":"us-east-1",
                     "resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:lambda-demo-metric-alarm"],"detail":""" + ALARM_DATA + "}"));

            assertEquals(AlarmSource.EVENTBRIDGE, alarm.source());
            assertEquals("arn:aws:cloudwatch:us-east-1:123456789012:alarm:lambda-demo-metric-alarm", alarm.arn());
            assertEquals("123456789012", alarm.accountId());
            assertEquals("CPUUtilization", alarm.trigger().metricName());
        }

        @Test
        void readsACompositeAlarmsTriggeringChildrenFromItsReasonData() {
            CloudWatchAlarm alarm = onlyAlarm(Json.parseObject("""
                    {"detail-type":"CloudWatch Alarm State Change","source":"aws.cloudwatch","account":"123456789012","region":"us-east-1",
                     "resources":["arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServiceAggregatedAlarm"],
                     "detail":{"alarmName":"ServiceAggregatedAlarm","state":{"value":"ALARM","reason":"child transitioned",
                       "reasonData":"{\\"triggeringAlarms\\":[{\\"arn\\":\\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ServerCpuTooHigh\\",\\"state\\":{\\"value\\":\\"ALARM\\"}}]}",
                       "timestamp":"2022-07-22T15:57:45.394+0000"},
                      "configuration":{"alarmRule":"ALARM(ServerCpuTooHigh) OR ALARM(TotalNetworkTrafficTooHigh)"}}}"""));

            assertEquals(CloudWatchAlarm.Kind.COMPOSITE, alarm.kind());
            assertEquals("ServerCpuTooHigh", alarm.triggeringChildren().get(0).name());
            assertEquals(AlarmState.ALARM, alarm.triggeringChildren().get(0).state());
        }

        @Test
        void readsAMetricMathAndAnAnomalyBandFromTheMetricsList() {
            CloudWatchAlarm alarm = onlyAlarm(Json.parseObject("""
                    {"source":"aws.cloudwatch","alarmArn":"arn:aws:cloudwatch:us-east-1:1:alarm:band","alarmData":{"alarmName":"band",
                     "state":{"value":"ALARM"},"configuration":{"metrics":[
                       {"id":"m1","metricStat":{"metric":{"namespace":"AWS/EC2","name":"CPUUtilization","dimensions":{}},"period":60,"stat":"Average"},"returnData":true},
                       {"id":"ad1","expression":"ANOMALY_DETECTION_BAND(m1, 0.8)","label":"CPUUtilization (expected)","returnData":true}]}}}"""));

            assertEquals(CloudWatchAlarm.Kind.ANOMALY_DETECTION, alarm.kind());
            assertEquals("ANOMALY_DETECTION_BAND(m1, 0.8)", alarm.trigger().anomalyBand().expression());
        }

        @Test
        void rejectsAnAlarmEventWithoutAKnownState() {
            assertThrows(InvalidEventException.class, () -> AlarmEvents.parse(Json.parseObject(
                    "{\"source\":\"aws.cloudwatch\",\"alarmData\":{\"alarmName\":\"a\",\"state\":{\"value\":\"??\"}}}")));
        }
    }

    @Test
    void rejectsAnEventOfAnyOtherShape() {
        InvalidEventException e = assertThrows(InvalidEventException.class,
                () -> AlarmEvents.parse(Json.parseObject("{\"detail-type\":\"ECS Task State Change\",\"detail\":{}}")));
        assertTrue(e.getMessage().contains("ECS Task State Change"));
    }

    @Test
    void parsesAlarmTimestampsInEveryStyleAlarmsUse() {
        assertEquals(Instant.parse("2018-04-16T15:34:56.438Z"), AlarmTimes.parse("2018-04-16T15:34:56.438+0000"));
        assertEquals(Instant.parse("2018-04-16T10:04:56.438Z"), AlarmTimes.parse("2018-04-16T15:34:56.438+0530"));
        assertEquals(Instant.parse("2019-10-02T17:04:40Z"), AlarmTimes.parse("2019-10-02T17:04:40Z"));
        assertEquals(Instant.parse("2019-10-02T17:04:40.985Z"), AlarmTimes.parse("2019-10-02T17:04:40.985+00:00"));
        assertEquals(Instant.parse("2019-10-02T17:04:40Z"), AlarmTimes.parse("2019-10-02T17:04:40"));
        assertNull(AlarmTimes.parse("yesterday"));
        assertNull(AlarmTimes.parse(null));
    }

    @Test
    void readsTheAlarmNameOfAnAlarmArnEvenWithColonsInIt() {
        assertEquals("a:b", Arn.parse("arn:aws:cloudwatch:us-east-1:1:alarm:a:b").alarmName());
        assertNull(Arn.parse("arn:aws:sns:us-east-1:1:topic").alarmName());
        assertNull(Arn.parse("not an arn"));
    }
}
