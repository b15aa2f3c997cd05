#!/usr/bin/env python3
"""Writes the alarm storm samples: SQS batches of CloudWatch alarm notifications as alarm-to-slack's queue receives
them (an SNS topic subscribed by an SQS queue: each body is the SNS notification JSON, its Message the alarm JSON;
https://docs.aws.amazon.com/sns/latest/dg/sns-sqs-as-subscriber.html), in the shape of
https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html.

    python3 events/make-alarm-storm.py

    alarm-sqs-storm.json        one AZ failing: 7 alarms of 3 services go to ALARM within 40 s
    alarm-sqs-storm-mixed.json  4 of them recover (OK) while 3 others go to ALARM, in one batch
    alarm-sqs-redelivered.json  a batch SQS delivers again (ApproximateReceiveCount 2) holding an alarm already shown
    alarm-sqs-storm-recovered.json  the last 3 recover: the storm is over

Standard library only; the output is the same on every run.
"""
import json
import os
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ACCOUNT = "123456789012"
REGION = "ap-northeast-1"
TOPIC = f"arn:aws:sns:{REGION}:{ACCOUNT}:alert-relay-alarms"
QUEUE = f"arn:aws:sqs:{REGION}:{ACCOUNT}:alert-relay-alarm-queue"

# name, namespace, metric, statistic, comparison, threshold, unit, dimensions
ALARMS = [
    ("shop-alb-no-healthy-hosts", "AWS/ApplicationELB", "HealthyHostCount", "MINIMUM", "LessThanThreshold", 1.0, None,
     [("TargetGroup", "targetgroup/shop-web-tg/73e2d6bc24d8a067"), ("LoadBalancer", "app/shop-alb/50dc6c495c0c9188")]),
    ("shop-alb-5xx", "AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "SUM", "GreaterThanThreshold", 50.0, "Count",
     [("LoadBalancer", "app/shop-alb/50dc6c495c0c9188")]),
    ("checkout-api-latency-p99", "AWS/ApplicationELB", "TargetResponseTime", None, "GreaterThanThreshold", 2.0, "Seconds",
     [("LoadBalancer", "app/checkout-alb/8f2e1d0c9b8a7654")]),
    ("orders-db-cpu-high", "AWS/RDS", "CPUUtilization", "AVERAGE", "GreaterThanOrEqualToThreshold", 90.0, "Percent",
     [("DBInstanceIdentifier", "orders-db-1a")]),
    ("orders-db-connections", "AWS/RDS", "DatabaseConnections", "MAXIMUM", "GreaterThanThreshold", 400.0, "Count",
     [("DBInstanceIdentifier", "orders-db-1a")]),
    ("payments-queue-age", "AWS/SQS", "ApproximateAgeOfOldestMessage", "MAXIMUM", "GreaterThanThreshold", 300.0, "Seconds",
     [("QueueName", "payments-events")]),
    ("payments-lambda-errors", "AWS/Lambda", "Errors", "SUM", "GreaterThanThreshold", 5.0, "Count",
     [("FunctionName", "payments-processor")]),
]


def alarm_message(index, state, old_state, second):
    name, namespace, metric, statistic, comparison, threshold, unit, dimensions = ALARMS[index]
    trigger = {"MetricName": metric, "Namespace": namespace, "Unit": unit,
               "Dimensions": [{"value": value, "name": key} for key, value in dimensions],
               "Period": 60, "EvaluationPeriods": 1, "DatapointsToAlarm": 1, "ComparisonOperator": comparison,
               "Threshold": threshold, "TreatMissingData": "missing", "EvaluateLowSampleCountPercentile": ""}
    if statistic is None:
        trigger.update({"StatisticType": "ExtendedStatistic", "ExtendedStatistic": "p99"})
    else:
        trigger.update({"StatisticType": "Statistic", "Statistic": statistic})
    crossed = "less than" if comparison.startswith("Less") else "greater than"
    reason = (f"Threshold Crossed: 1 out of the last 1 datapoints was {crossed} the threshold ({threshold})"
              if state == "ALARM" else f"Threshold Crossed: 1 out of the last 1 datapoints was not {crossed} the threshold ({threshold})")
    return {"AlarmName": name, "AlarmDescription": None, "AWSAccountId": ACCOUNT,
            "AlarmConfigurationUpdatedTimestamp": "2026-11-20T08:12:44.011+0000", "NewStateValue": state,
            "NewStateReason": reason, "StateChangeTime": f"2026-11-21T03:{5 + second // 60:02d}:{second % 60:02d}.402+0000",
            "Region": "Asia Pacific (Tokyo)", "AlarmArn": f"arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{name}",
            "OldStateValue": old_state, "OKActions": [TOPIC], "AlarmActions": [TOPIC], "InsufficientDataActions": [],
            "Trigger": trigger}


def record(message, receive_count=1):
    key = f"{message['AlarmName']}/{message['NewStateValue']}/{message['StateChangeTime']}"
    sns_id = str(uuid.uuid5(uuid.NAMESPACE_URL, "sns:" + key))
    body = {"Type": "Notification", "MessageId": sns_id, "TopicArn": TOPIC,
            "Subject": f"{message['NewStateValue']}: \"{message['AlarmName']}\" in Asia Pacific (Tokyo)"[:100],
            "Message": json.dumps(message, separators=(",", ":")), "Timestamp": "2026-11-21T03:06:00.000Z",
            "SignatureVersion": "1", "Signature": "EXAMPLE", "SigningCertURL": "https://sns.ap-northeast-1.amazonaws.com/SimpleNotificationService-example.pem",
            "UnsubscribeURL": "https://sns.ap-northeast-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":example"}
    return {"messageId": str(uuid.uuid5(uuid.NAMESPACE_URL, "sqs:" + key)), "receiptHandle": "AQEBexample",
            "body": json.dumps(body, separators=(",", ":")),
            "attributes": {"ApproximateReceiveCount": str(receive_count), "SentTimestamp": "1795230360000",
                           "SenderId": "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp": "1795230360010"},
            "messageAttributes": {}, "md5OfBody": "00000000000000000000000000000000", "eventSource": "aws:sqs",
            "eventSourceARN": QUEUE, "awsRegion": REGION}


def write(name, records):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump({"Records": records}, f, indent=2)
        f.write("\n")


def main():
    write("alarm-sqs-storm.json", [record(alarm_message(i, "ALARM", "OK", 12 + 6 * i)) for i in range(len(ALARMS))])
    mixed = [record(alarm_message(i, "OK", "ALARM", 600 + 5 * i)) for i in range(4)]
    mixed += [record(alarm_message(i, "ALARM", "OK", 610 + 5 * i)) for i in range(4, 7)]
    write("alarm-sqs-storm-mixed.json", mixed)
    write("alarm-sqs-storm-recovered.json", [record(alarm_message(i, "OK", "ALARM", 1500 + 5 * i)) for i in range(4, 7)])
    write("alarm-sqs-redelivered.json", [record(alarm_message(0, "ALARM", "OK", 12), receive_count=2),
                                         record(alarm_message(1, "ALARM", "OK", 18), receive_count=2)])


if __name__ == "__main__":
    main()
