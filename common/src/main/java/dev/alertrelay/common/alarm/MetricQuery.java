package dev.alertrelay.common.alarm;

import java.util.List;

/**
 * One entry of a metric math or anomaly detection alarm: either an {@code expression} over other entries' ids, or a
 * metric with its statistic. Fields that the delivery path does not carry are null.
 *
 * @param statistic     the CloudWatch statistic, e.g. {@code Sum} or {@code p99}
 * @param periodSeconds the statistic's period
 * @param returnData    whether CloudWatch evaluates this entry (the alarm's own time series)
 */
public record MetricQuery(String id, String expression, String label, boolean returnData, String namespace,
                          String metricName, List<Dimension> dimensions, String statistic, Long periodSeconds) {

    public MetricQuery {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
    }

    public boolean isExpression() {
        return expression != null;
    }

    /**
     * A Metrics Insights query ({@code SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId)}): a whole alarm
     * in one entry, with no other entries as inputs.
     * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch-metrics-insights-alarms.html
     */
    public boolean isInsightsQuery() {
        return expression != null && expression.stripLeading().regionMatches(true, 0, "SELECT ", 0, 7);
    }
}
