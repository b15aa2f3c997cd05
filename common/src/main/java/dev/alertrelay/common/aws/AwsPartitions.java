package dev.alertrelay.common.aws;

import java.util.regex.Pattern;

/**
 * The partition of a region, and the console and ARN spellings that follow from it: China and GovCloud regions have
 * their own (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 */
public final class AwsPartitions {

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

    private AwsPartitions() {
    }

    /**
     * Whether {@code region} has the form of a region code ({@code ap-northeast-1}). Regions come from events anyone
     * allowed to publish can forge, so this is checked before a region goes into a console URL.
     */
    public static boolean isRegion(String region) {
        return region != null && REGION.matcher(region).matches();
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
