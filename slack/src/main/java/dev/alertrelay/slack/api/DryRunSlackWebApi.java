package dev.alertrelay.slack.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.slack.SlackMessage;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints the Web API calls a run would make, in order, one JSON document per line: {@code {"method": ..., "arguments": ...}}.
 * Posted messages get made-up timestamps so that later calls show which message they reply to or update.
 */
final class DryRunSlackWebApi implements SlackWebApi {

    private final AtomicLong nextTs = new AtomicLong(1);

    @Override
    public PostedMessage postMessage(String channel, SlackMessage message, String threadTs, Deadline deadline) {
        print("chat.postMessage", SlackWebApiCalls.postMessage(channel, message, threadTs));
        return new PostedMessage(channel, "dry-run." + String.format("%06d", nextTs.getAndIncrement()));
    }

    @Override
    public void update(PostedMessage original, SlackMessage message, Deadline deadline) {
        print("chat.update", SlackWebApiCalls.update(original, message));
    }

    @Override
    public void postEphemeral(String channel, String user, SlackMessage message, Deadline deadline) {
        print("chat.postEphemeral", SlackWebApiCalls.postEphemeral(channel, user, message));
    }

    @Override
    public void uploadFile(PostedMessage thread, String filename, String title, byte[] content, Deadline deadline) {
        JsonObject reserve = new JsonObject();
        reserve.addProperty("filename", filename);
        if (content.length > 0) {
            reserve.addProperty("length", content.length);
        } else {
            reserve.addProperty("length", "(the image's size in bytes)");
        }
        reserve.addProperty("alt_txt", title);
        print("files.getUploadURLExternal", reserve);
        JsonObject complete = new JsonObject();
        JsonArray files = new JsonArray();
        JsonObject file = new JsonObject();
        file.addProperty("id", "(the file id Slack returns)");
        file.addProperty("title", title);
        files.add(file);
        complete.add("files", files);
        complete.addProperty("channel_id", thread.channel());
        complete.addProperty("thread_ts", thread.ts());
        print("files.completeUploadExternal", complete);
    }

    /** Nobody is looked up in a dry run: the call is printed and the person is not found. */
    @Override
    public Optional<String> userIdByEmail(String email, Deadline deadline) {
        JsonObject arguments = new JsonObject();
        arguments.addProperty("email", email);
        print("users.lookupByEmail", arguments);
        return Optional.empty();
    }

    private static void print(String method, JsonObject arguments) {
        JsonObject call = new JsonObject();
        call.addProperty("method", method);
        call.add("arguments", arguments);
        DryRun.print(call);
    }
}
