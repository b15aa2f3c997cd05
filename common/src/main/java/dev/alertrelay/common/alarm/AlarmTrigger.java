package dev.alertrelay.common.alarm;

import java.util.List;
import java.util.Locale;

/**
 * What a metric alarm evaluates and when it fires. Every field may be null: SNS messages carry the whole
 * configuration, the direct alarm action and EventBridge events only the metrics (the threshold comes from the
 * state's reason data) and old SNS messages omit newer fields.
 *
 * <p>A single-metric alarm has {@code metricName}; a metric math alarm has no {@code metricName} and its
 * {@code metrics}; an anomaly detection alarm also names the band in {@code thresholdMetricId} and has no threshold.
 *
 * @param statistic          the CloudWatch statistic name: {@code Minimum}, {@code SampleCount}, {@code p99}, ...
 * @param comparisonOperator the CloudWatch operator name, e.g. {@code LessThanThreshold}
 * @param treatMissingData   {@code missing}, {@code breaching}, {@code notBreaching} or {@code ignore}
 */
public record AlarmTrigger(String namespace, String metricName, String statistic, String unit, List<Dimension> dimensions,
                           Long periodSeconds, Long evaluationPeriods, Long datapointsToAlarm, String comparisonOperator,
                           Double threshold, String thresholdMetricId, String treatMissingData, List<MetricQuery> metrics) {

    private static final String ANOMALY_BAND_FUNCTION = "ANOMALY_DETECTION_BAND";

    public AlarmTrigger {
        dimensions = dimensions == null ? List.of() : List.copyOf(dimensions);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }

    public boolean isMetricMath() {
        return metricName == null && !metrics.isEmpty();
    }

    public boolean isAnomalyDetection() {
        return thresholdMetricId != null || anomalyBand() != null;
    }

    /** The {@code ANOMALY_DETECTION_BAND(...)} entry the alarm compares against, or null. */
    public MetricQuery anomalyBand() {
        for (MetricQuery query : metrics) {
            if (query.isExpression() && (query.id() != null && query.id().equals(thresholdMetricId)
                    || query.expression().strip().toUpperCase(Locale.ROOT).startsWith(ANOMALY_BAND_FUNCTION))) {
                return query;
            }
        }
        return null;
    }

    /** The entry whose values are compared: the returned expression of a metric math alarm, or the banded metric. */
    public MetricQuery evaluatedQuery() {
        MetricQuery band = anomalyBand();
        for (MetricQuery query : metrics) {
            if (query.returnData() && query != band) {
                return query;
            }
        }
        return null;
    }

    /** The value of the dimension called {@code name}, or null. */
    public String dimension(String name) {
        for (Dimension dimension : dimensions) {
            if (dimension.name().equals(name)) {
                return dimension.value();
            }
        }
        return null;
    }
}
