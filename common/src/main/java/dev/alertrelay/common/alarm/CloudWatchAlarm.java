package dev.alertrelay.common.alarm;

import dev.alertrelay.common.aws.AwsPartitions;

import java.time.Instant;
import java.util.List;

/**
 * A CloudWatch alarm state change, whichever path delivered it. Plain data: no Slack, no PagerDuty.
 *
 * @param name               the alarm name (never null)
 * @param arn                the alarm ARN; null in old SNS messages
 * @param accountId          the AWS account, or null
 * @param region             the region code (e.g. {@code ap-northeast-1}), never a display name; null if unknown
 * @param state              the new state (never null)
 * @param previousState      the state before, or null
 * @param description        the alarm description; null when absent or blank
 * @param reason             CloudWatch's explanation of the new state, or null
 * @param stateChangeTime    when the state changed, or null
 * @param trigger            what a metric alarm evaluates; null for composite alarms
 * @param alarmRule          a composite alarm's rule; null for metric alarms
 * @param triggeringChildren the child alarms that made a composite alarm change state (empty otherwise)
 * @param source             the delivery path
 */
public record CloudWatchAlarm(String name, String arn, String accountId, String region, AlarmState state,
                              AlarmState previousState, String description, String reason, Instant stateChangeTime,
                              AlarmTrigger trigger, String alarmRule, List<ChildAlarm> triggeringChildren,
                              AlarmSource source) implements AlarmNotification {

    /** The kinds of alarm that read differently. */
    public enum Kind { METRIC, METRIC_MATH, ANOMALY_DETECTION, COMPOSITE }

    public CloudWatchAlarm {
        triggeringChildren = triggeringChildren == null ? List.of() : List.copyOf(triggeringChildren);
    }

    public Kind kind() {
        if (alarmRule != null) {
            return Kind.COMPOSITE;
        }
        if (trigger != null && trigger.isAnomalyDetection()) {
            return Kind.ANOMALY_DETECTION;
        }
        if (trigger != null && trigger.isMetricMath()) {
            return Kind.METRIC_MATH;
        }
        return Kind.METRIC;
    }

    /** The namespace of the alarm's metric; for metric math, that of its first metric; null for a composite. */
    public String metricNamespace() {
        if (trigger == null) {
            return null;
        }
        if (trigger.namespace() != null) {
            return trigger.namespace();
        }
        return trigger.metrics().stream().map(MetricQuery::namespace).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    public boolean isComposite() {
        return kind() == Kind.COMPOSITE;
    }

    /**
     * The alarm's ARN, or for an old SNS message without one the ARN built from its account, region and name, so that
     * messages with and without the ARN name the same alarm (an unknown account or region is left empty in it).
     */
    public String arnOrDerived() {
        if (arn != null) {
            return arn;
        }
        String regionCode = region == null ? "" : region;
        return "arn:" + AwsPartitions.partition(regionCode) + ":cloudwatch:" + regionCode + ":"
                + (accountId == null ? "" : accountId) + ":alarm:" + name;
    }
}
