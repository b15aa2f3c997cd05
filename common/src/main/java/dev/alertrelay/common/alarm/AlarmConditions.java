package dev.alertrelay.common.alarm;

import java.math.BigDecimal;

/**
 * An alarm's condition in words, as plain text for any destination: {@code HealthyHostCount < 1} in short, and
 * {@code HealthyHostCount < 1: Minimum over 1 min, 1 of 1 datapoints} in full.
 */
public final class AlarmConditions {

    private AlarmConditions() {
    }

    /** What breaches, e.g. {@code HealthyHostCount < 1}; for a composite alarm its rule; null when nothing is known. */
    public static String summary(CloudWatchAlarm alarm) {
        if (alarm.isComposite()) {
            return alarm.alarmRule();
        }
        AlarmTrigger trigger = alarm.trigger();
        if (trigger == null) {
            return null;
        }
        String subject = subject(trigger);
        if (alarm.kind() == CloudWatchAlarm.Kind.ANOMALY_DETECTION) {
            return join(subject, band(trigger.comparisonOperator()));
        }
        String threshold = trigger.threshold() == null ? null : number(trigger.threshold()) + unit(trigger.unit());
        String operator = operator(trigger.comparisonOperator());
        if (operator == null) {
            return threshold == null ? subject : join(subject, "vs threshold " + threshold);
        }
        return join(join(subject, operator), threshold);
    }

    /** The summary with how it is evaluated, e.g. {@code HealthyHostCount < 1: Minimum over 1 min, 1 of 1 datapoints}. */
    public static String inWords(CloudWatchAlarm alarm) {
        String summary = summary(alarm);
        AlarmTrigger trigger = alarm.trigger();
        if (alarm.isComposite() || trigger == null) {
            return summary;
        }
        StringBuilder evaluation = new StringBuilder();
        String statistic = trigger.statistic();
        if (statistic == null && trigger.evaluatedQuery() != null) {
            statistic = trigger.evaluatedQuery().statistic();
        }
        Long period = trigger.periodSeconds();
        if (period == null && trigger.evaluatedQuery() != null) {
            period = trigger.evaluatedQuery().periodSeconds();
        }
        if (statistic != null) {
            evaluation.append(statistic);
        }
        if (period != null) {
            evaluation.append(evaluation.isEmpty() ? "over " : " over ").append(duration(period));
        }
        if (trigger.evaluationPeriods() != null) {
            long required = trigger.datapointsToAlarm() == null ? trigger.evaluationPeriods() : trigger.datapointsToAlarm();
            evaluation.append(evaluation.isEmpty() ? "" : ", ").append(required).append(" of ")
                    .append(trigger.evaluationPeriods()).append(" datapoints");
        }
        if (summary == null) {
            return evaluation.isEmpty() ? null : evaluation.toString();
        }
        return evaluation.isEmpty() ? summary : summary + ": " + evaluation;
    }

    /** What is measured: the metric's name, a metric math alarm's label or expression. */
    public static String subject(AlarmTrigger trigger) {
        if (trigger.metricName() != null) {
            return trigger.metricName();
        }
        MetricQuery evaluated = trigger.evaluatedQuery();
        if (evaluated == null) {
            return null;
        }
        if (evaluated.metricName() != null) {
            return evaluated.metricName();
        }
        return evaluated.label() != null ? evaluated.label() : evaluated.expression();
    }

    /** A period in the units the console uses: {@code 10 s}, {@code 5 min}, {@code 1 h}, {@code 1 day}. */
    public static String duration(long seconds) {
        if (seconds >= 86_400 && seconds % 86_400 == 0) {
            return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
        }
        if (seconds >= 3_600 && seconds % 3_600 == 0) {
            return seconds / 3_600 + " h";
        }
        if (seconds >= 60 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** {@code 1.0} as {@code 1}, {@code 0.25} as {@code 0.25}, no exponent. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String operator(String comparisonOperator) {
        if (comparisonOperator == null) {
            return null;
        }
        return switch (comparisonOperator) {
            case "GreaterThanThreshold" -> ">";
            case "GreaterThanOrEqualToThreshold" -> "≥";
            case "LessThanThreshold" -> "<";
            case "LessThanOrEqualToThreshold" -> "≤";
            default -> comparisonOperator;
        };
    }

    private static String band(String comparisonOperator) {
        String where = comparisonOperator == null ? "outside" : switch (comparisonOperator) {
            case "LessThanLowerThreshold" -> "below";
            case "GreaterThanUpperThreshold" -> "above";
            default -> "outside";
        };
        return where + " the expected band";
    }

    private static String unit(String unit) {
        if (unit == null) {
            return "";
        }
        return switch (unit) {
            case "Percent" -> "%";
            case "Seconds" -> " s";
            case "Milliseconds" -> " ms";
            case "Microseconds" -> " µs";
            case "Bytes" -> " bytes";
            default -> "";
        };
    }

    private static String join(String left, String right) {
        if (left == null) {
            return right;
        }
        return right == null ? left : left + " " + right;
    }
}
