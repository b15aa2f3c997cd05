package dev.alertrelay.alarm;

import dev.alertrelay.common.aws.AwsClients;
import dev.alertrelay.common.aws.OnFirstUse;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.text.Truncate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Tag;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * An alarm's CloudWatch tags, for routes that match on {@code tags}: {@code cloudwatch:ListTagsForResource}
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_ListTagsForResource.html), asked only when a
 * route uses tags, once per alarm per container, within the invocation's time. A lookup that fails is one log line
 * and the alarm is routed as if it had no tags: it is never dropped for it.
 */
final class AlarmTags {

    /** Alarms remembered per container: a storm's alarms, not every alarm of the account. */
    private static final int REMEMBERED = 2048;
    private static final long LOOKUP_MILLIS = 2_000;

    private final Supplier<CloudWatchClient> client;
    private final Map<String, Map<String, String>> byArn = new ConcurrentHashMap<>();

    AlarmTags(Function<String, String> env) {
        this(OnFirstUse.of(() -> AwsClients.configured(CloudWatchClient.builder(), env).build()));
    }

    AlarmTags(Supplier<CloudWatchClient> client) {
        this.client = client;
    }

    Map<String, String> of(String alarmArn, Deadline deadline) {
        if (alarmArn == null) {
            return Map.of();
        }
        Map<String, String> known = byArn.get(alarmArn);
        if (known != null) {
            return known;
        }
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            for (Tag tag : client.get().listTagsForResource(r -> r.resourceARN(alarmArn)
                    .overrideConfiguration(AwsClients.within(deadline.within(LOOKUP_MILLIS)))).tags()) {
                tags.put(tag.key(), tag.value());
            }
            if (byArn.size() < REMEMBERED) {
                byArn.put(alarmArn, Map.copyOf(tags));
            }
            return tags;
        } catch (SdkException e) {
            Log.warn("alarm-to-slack: the tags of " + Truncate.toLength(alarmArn, 200) + " could not be read ("
                    + Truncate.toLength(String.valueOf(e.getMessage()), 200) + "); routed as if it had none");
            return Map.of();
        }
    }
}
