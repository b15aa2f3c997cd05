package dev.alertrelay.common.aws;

/**
 * The partition of a region, and the console and ARN spellings that follow from it: China and GovCloud regions have
 * their own (https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html).
 */
public final class AwsPartitions {

    /** Longer than any region code AWS has ({@code ap-southeast-7}, {@code us-isob-east-1}, {@code eusc-de-east-1}). */
    private static final int MAX_REGION_CHARS = 32;

    private AwsPartitions() {
    }

    /**
     * Whether {@code region} has the form of a region code ({@code ap-northeast-1}). Regions come from events anyone
     * allowed to publish can forge, so this is checked before a region goes into a console URL.
     */
    public static boolean isRegion(String region) {
        if (region == null || region.length() > MAX_REGION_CHARS) {
            return false;
        }
        // [a-z]{2,4}(-[a-z]+)+-[0-9]{1,2}, read once: letters, then dash-separated words of letters, then 1-2 digits.
        int n = region.length();
        int i = 0;
        while (i < n && isLower(region.charAt(i))) {
            i++;
        }
        if (i < 2 || i > 4) {
            return false;
        }
        int words = 0;
        while (i < n && region.charAt(i) == '-') {
            int start = ++i;
            while (i < n && isLower(region.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            words++;
        }
        int digits = n - i;
        if (words == 0 || digits < 1 || digits > 2 || region.charAt(i - 1) != '-') {
            return false;
        }
        for (; i < n; i++) {
            if (region.charAt(i) < '0' || region.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLower(char c) {
        return c >= 'a' && c <= 'z';
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
