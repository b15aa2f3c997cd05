package dev.alertrelay.common.alarm;

import java.time.Instant;

/**
 * A message on an SNS topic that is not a CloudWatch alarm (plain text, or JSON of another shape). It is still
 * delivered: whoever published it to the alarm topic meant someone to read it.
 *
 * @param subject  the SNS Subject, or null
 * @param topicArn the topic it was published to, or null
 * @param body     the Message exactly as published (may be empty, never null)
 * @param region   the region code from the topic ARN, or null
 * @param accountId the account from the topic ARN, or null
 */
public record OtherSnsMessage(String subject, String topicArn, String body, Instant timestamp, String region,
                              String accountId) implements AlarmNotification {

    public OtherSnsMessage {
        body = body == null ? "" : body;
    }

    /** The topic's name (the last part of its ARN), or null. */
    public String topicName() {
        Arn arn = Arn.parse(topicArn);
        return arn == null ? null : arn.resource();
    }
}
