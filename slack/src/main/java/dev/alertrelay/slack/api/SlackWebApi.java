package dev.alertrelay.slack.api;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.slack.SlackMessage;

import java.util.Optional;
import java.util.function.Function;

/**
 * The Slack Web API calls a Slack app makes (https://api.slack.com/web): post a message or a reply in its thread,
 * update it, upload a file into a thread, and find a person by email. The bot token needs the scopes
 * {@code chat:write} and {@code files:write}, and {@code users:read.email} to mention who is on call in PagerDuty.
 */
public interface SlackWebApi {

    String TOKEN_SECRET = "SLACK_BOT_TOKEN";
    String CHANNEL_VARIABLE = "SLACK_CHANNEL_ID";
    String API_URL_VARIABLE = "SLACK_API_URL";
    String DEFAULT_API_URL = "https://slack.com/api";

    /** Where a posted message is: its channel id and timestamp, the pair that names it in every later call. */
    record PostedMessage(String channel, String ts) {
    }

    /**
     * {@code chat.postMessage}: a new message, or with {@code threadTs} a reply in that thread.
     *
     * @throws DeliveryException naming Slack's error code ({@link #errorCode})
     */
    PostedMessage postMessage(String channel, SlackMessage message, String threadTs, Deadline deadline);

    /** {@code chat.update}: replaces the text, blocks and attachments of {@code original}. */
    void update(PostedMessage original, SlackMessage message, Deadline deadline);

    /**
     * {@code chat.postEphemeral}: a message only {@code user} sees (the answer to a click that changed nothing); scope
     * {@code chat:write}.
     */
    void postEphemeral(String channel, String user, SlackMessage message, Deadline deadline);

    /**
     * The external upload flow: {@code files.getUploadURLExternal}, the bytes to the upload URL, then
     * {@code files.completeUploadExternal} sharing the file into {@code thread}'s thread.
     */
    void uploadFile(PostedMessage thread, String filename, String title, byte[] content, Deadline deadline);

    /**
     * {@code users.lookupByEmail} (scope {@code users:read.email}): the Slack user id of the person with this email,
     * or empty when Slack has nobody by it ({@code users_not_found}).
     *
     * @throws DeliveryException for any other refusal or failure
     */
    Optional<String> userIdByEmail(String email, Deadline deadline);

    /** Slack's {@code error} code of a refused call (e.g. {@code channel_not_found}), or "" for any other failure. */
    static String errorCode(DeliveryException failure) {
        String answer = failure.answer();
        int space = answer.indexOf(' ');
        return space < 0 ? answer : answer.substring(0, space);
    }

    /** Whether {@code chat.update} failed because the original message is gone or cannot be edited by this app. */
    static boolean originalIsGone(DeliveryException failure) {
        String code = errorCode(failure);
        return code.equals("message_not_found") || code.equals("cant_update_message") || code.equals("edit_window_closed");
    }

    /**
     * The Web API for this process: a printout of the calls in a dry run, else the API at {@code SLACK_API_URL}
     * (default {@value #DEFAULT_API_URL}) with the bot token, which is read on first use only.
     */
    static SlackWebApi create(Secret token, Function<String, String> env, boolean dryRun) {
        if (dryRun) {
            return new DryRunSlackWebApi();
        }
        String configured = env.apply(API_URL_VARIABLE);
        String base = configured == null || configured.isBlank() ? DEFAULT_API_URL : configured.strip();
        Endpoint.parse(base, API_URL_VARIABLE);
        return new SlackWebApiClient(token, base.endsWith("/") ? base.substring(0, base.length() - 1) : base,
                new HttpDelivery(RetryPolicy.DEFAULT, "alert-relay"));
    }
}
