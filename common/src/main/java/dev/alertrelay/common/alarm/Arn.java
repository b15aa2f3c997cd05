package dev.alertrelay.common.alarm;

/**
 * The parts of an ARN ({@code arn:partition:service:region:account:resource}) that alarms need.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
record Arn(String partition, String service, String region, String accountId, String resource) {

    private static final String ALARM_PREFIX = "alarm:";

    /** The ARN's parts, or null if {@code text} is not an ARN. Empty region or account parts read as null. */
    public static Arn parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return null;
        }
        String[] parts = text.strip().split(":", 6);
        if (parts.length < 6 || parts[1].isEmpty() || parts[2].isEmpty()) {
            return null;
        }
        return new Arn(parts[1], parts[2], emptyToNull(parts[3]), emptyToNull(parts[4]), parts[5]);
    }

    /** The alarm name in a CloudWatch alarm ARN ({@code ...:alarm:<name>}), or null for any other ARN. */
    public String alarmName() {
        return "cloudwatch".equals(service) && resource.startsWith(ALARM_PREFIX) && resource.length() > ALARM_PREFIX.length()
                ? resource.substring(ALARM_PREFIX.length()) : null;
    }

    private static String emptyToNull(String part) {
        return part.isEmpty() ? null : part;
    }
}
