package dev.alertrelay.common.aws;

/**
 * The partition of a region, and the console and ARN spellings that follow from it: China and GovCloud regions have
 * their own (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 */
public final class AwsPartitions {

    private AwsPartitions() {
    }

    /** {@code aws}, {@code aws-cn} or {@code aws-us-gov}, the partition segment of an ARN. */
    public static String partition(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** The console of {@code region}, without a trailing slash, e.g. {@code https://eu-west-1.console.aws.amazon.com}. */
    public static String console(String region) {
        return switch (partition(region)) {
            case "aws-cn" -> "https://" + region + ".console.amazonaws.cn";
            case "aws-us-gov" -> "https://" + region + ".console.amazonaws-us-gov.com";
            default -> "https://" + region + ".console.aws.amazon.com";
        };
    }
}
