package dev.alertrelay.common.alarm;

import dev.alertrelay.common.aws.AwsPartitions;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * AWS console pages for an alarm. Region, account and resource ids come from the event, which anyone allowed to
 * publish to the topic can forge, so each is checked against its strict form before it goes into a URL: no link is
 * better than a link to somewhere else.
 */
public final class AlarmConsoleLinks {

    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern TARGET_GROUP = Pattern.compile("targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,32}");
    private static final Pattern LOAD_BALANCER = Pattern.compile("(app|net|gwy)/[A-Za-z0-9-]{1,32}/[0-9a-f]{1,32}");
    private static final String AWS_NAMESPACE_PREFIX = "AWS/";

    private AlarmConsoleLinks() {
    }

    /**
     * The alarm's page in the CloudWatch console, or null without a valid region. The console reads the name from the
     * URL fragment percent-encoded with {@code $} in place of {@code %} (so {@code /} is {@code $2F}).
     */
    public static String alarm(CloudWatchAlarm alarm) {
        if (!AwsPartitions.isRegion(alarm.region())) {
            return null;
        }
        String encodedName = URLEncoder.encode(alarm.name(), StandardCharsets.UTF_8).replace("+", "%20").replace('%', '$');
        return AwsPartitions.console(alarm.region()) + "/cloudwatch/home?region=" + alarm.region() + "#alarmsV2:alarm/" + encodedName;
    }

    /** The EC2 console page of the target group an ELB alarm watches, or null when it watches none. */
    public static String targetGroup(CloudWatchAlarm alarm) {
        return elbPage(alarm, "TargetGroup", TARGET_GROUP, "TargetGroup:targetGroupArn=", "");
    }

    /** The EC2 console page of the load balancer an ELB alarm watches, or null when it watches none. */
    public static String loadBalancer(CloudWatchAlarm alarm) {
        return elbPage(alarm, "LoadBalancer", LOAD_BALANCER, "LoadBalancer:loadBalancerArn=", "loadbalancer/");
    }

    private static String elbPage(CloudWatchAlarm alarm, String dimension, Pattern valueForm, String fragment,
                                  String resourcePrefix) {
        String value = elbDimension(alarm.trigger(), dimension);
        if (value == null || !valueForm.matcher(value).matches() || !AwsPartitions.isRegion(alarm.region())
                || alarm.accountId() == null || !ACCOUNT.matcher(alarm.accountId()).matches()) {
            return null;
        }
        String arn = "arn:" + AwsPartitions.partition(alarm.region()) + ":elasticloadbalancing:" + alarm.region() + ":"
                + alarm.accountId() + ":" + resourcePrefix + value;
        return AwsPartitions.console(alarm.region()) + "/ec2/home?region=" + alarm.region() + "#" + fragment + arn;
    }

    /** The dimension of the alarm's ELB metric, or of the first ELB metric a metric math or anomaly alarm reads. */
    private static String elbDimension(AlarmTrigger trigger, String dimension) {
        if (trigger == null) {
            return null;
        }
        if (isElb(trigger.namespace()) && trigger.dimension(dimension) != null) {
            return trigger.dimension(dimension);
        }
        for (MetricQuery query : trigger.metrics()) {
            if (isElb(query.namespace())) {
                for (Dimension candidate : query.dimensions()) {
                    if (candidate.name().equals(dimension)) {
                        return candidate.value();
                    }
                }
            }
        }
        return null;
    }

    /** AWS/ApplicationELB, AWS/NetworkELB, AWS/GatewayELB: the namespaces whose dimensions name ELBv2 resources. */
    private static boolean isElb(String namespace) {
        return namespace != null && namespace.startsWith(AWS_NAMESPACE_PREFIX) && namespace.endsWith("ELB");
    }
}
