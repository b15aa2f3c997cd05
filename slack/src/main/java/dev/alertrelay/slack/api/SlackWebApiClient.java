package dev.alertrelay.slack.api;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.HttpTransport;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.slack.SlackMessage;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The Web API over HTTPS with the bot token in the {@code Authorization} header (never in a URL, a log or an error).
 * Slack answers HTTP 200 with {@code "ok": false} and an {@code error} code to most refusals
 * (https://api.slack.com/web#evaluating_responses), so each answer is read before it counts as delivered:
 * <ul>
 *   <li>{@code ratelimited} (HTTP 429 with {@code Retry-After}, https://api.slack.com/apis/rate-limits) and Slack's own
 *       transient errors are retried by {@link HttpDelivery}'s discipline, within the invocation's deadline;</li>
 *   <li>a refused token ({@code invalid_auth}, {@code token_revoked}, ...) is read once more from its secret and the
 *       call made again if it changed (a rotated token);</li>
 *   <li>anything else ({@code not_in_channel}, {@code channel_not_found}, {@code msg_too_long}, {@code missing_scope},
 *       ...) fails the call at once with the error named.</li>
 * </ul>
 */
final class SlackWebApiClient implements SlackWebApi {

    /** https://api.slack.com/methods/chat.postMessage#errors and the common errors of every method. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    private static final Set<String> CREDENTIAL_ERRORS = Set.of("invalid_auth", "not_authed", "account_inactive",
            "token_revoked", "token_expired");
    private static final String RECEIVER = "Slack Web API";

    private static final HttpDelivery.AnswerCheck WEB_API_ANSWER = new HttpDelivery.AnswerCheck() {
        @Override
        public HttpDelivery.Verdict verdict(HttpTransport.Response response) {
            JsonObject answer = parse(response);
            if (answer != null && Json.bool(answer, "ok")) {
                return HttpDelivery.Verdict.ACCEPTED;
            }
            return TRANSIENT_ERRORS.contains(error(answer)) ? HttpDelivery.Verdict.RETRY : HttpDelivery.Verdict.REJECTED;
        }

        @Override
        public String problem(HttpTransport.Response response) {
            JsonObject answer = parse(response);
            if (answer == null) {
                return "an answer that is not JSON";
            }
            String needed = Json.string(answer, "needed");
            return error(answer) + (needed == null ? "" : " (needed scope: " + needed + ")");
        }
    };

    private final Secret token;
    private final String baseUrl;
    private final HttpDelivery delivery;

    SlackWebApiClient(Secret token, String baseUrl, HttpDelivery delivery) {
        this.token = token;
        this.baseUrl = baseUrl;
        this.delivery = delivery;
    }

    @Override
    public PostedMessage postMessage(String channel, SlackMessage message, String threadTs, Deadline deadline) {
        JsonObject arguments = SlackWebApiCalls.postMessage(channel, message, threadTs);
        JsonObject answer = callJson("chat.postMessage", arguments, deadline);
        String ts = Json.string(answer, "ts");
        String postedChannel = Json.string(answer, "channel");
        if (ts == null) {
            throw new DeliveryException(RECEIVER + " chat.postMessage answered ok without a message timestamp", 1);
        }
        return new PostedMessage(postedChannel == null ? channel : postedChannel, ts);
    }

    @Override
    public void update(PostedMessage original, SlackMessage message, Deadline deadline) {
        callJson("chat.update", SlackWebApiCalls.update(original, message), deadline);
    }

    @Override
    public void postEphemeral(String channel, String user, SlackMessage message, Deadline deadline) {
        callJson("chat.postEphemeral", SlackWebApiCalls.postEphemeral(channel, user, message), deadline);
    }

    @Override
    public void uploadFile(PostedMessage thread, String filename, String title, byte[] content, Deadline deadline) {
        Map<String, String> reserve = new LinkedHashMap<>();
        reserve.put("filename", filename);
        reserve.put("length", String.valueOf(content.length));
        reserve.put("alt_txt", title);
        JsonObject upload = callForm("files.getUploadURLExternal", reserve, deadline);
        String uploadUrl = Json.string(upload, "upload_url");
        String fileId = Json.string(upload, "file_id");
        if (uploadUrl == null || fileId == null) {
            throw new DeliveryException(RECEIVER + " files.getUploadURLExternal answered ok without an upload URL", 1);
        }
        delivery.post(Endpoint.parse(uploadUrl, "the Slack upload URL"), "application/octet-stream", content, Map.of(),
                deadline, "Slack file upload", HttpDelivery.AnswerCheck.ACCEPT_2XX);
        JsonArray files = new JsonArray();
        JsonObject file = new JsonObject();
        file.addProperty("id", fileId);
        file.addProperty("title", title);
        files.add(file);
        Map<String, String> complete = new LinkedHashMap<>();
        complete.put("files", Json.toJson(files));
        complete.put("channel_id", thread.channel());
        complete.put("thread_ts", thread.ts());
        callForm("files.completeUploadExternal", complete, deadline);
    }

    @Override
    public Optional<String> userIdByEmail(String email, Deadline deadline) {
        final JsonObject answer;
        try {
            answer = callForm("users.lookupByEmail", Map.of("email", email), deadline);
        } catch (DeliveryException e) {
            if (SlackWebApi.errorCode(e).equals("users_not_found")) {
                return Optional.empty();
            }
            throw e;
        }
        JsonObject user = Json.object(answer, "user");
        String id = user == null ? null : Json.string(user, "id");
        if (id == null) {
            throw new DeliveryException(RECEIVER + " users.lookupByEmail answered ok without a user id", 1);
        }
        return Optional.of(id);
    }

    private JsonObject callJson(String method, JsonObject arguments, Deadline deadline) {
        byte[] body = Json.toJson(arguments).getBytes(StandardCharsets.UTF_8);
        return call(method, "application/json; charset=utf-8", body, deadline);
    }

    private JsonObject callForm(String method, Map<String, String> arguments, Deadline deadline) {
        StringJoiner form = new StringJoiner("&");
        arguments.forEach((name, value) -> form.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return call(method, "application/x-www-form-urlencoded", form.toString().getBytes(StandardCharsets.UTF_8), deadline);
    }

    private JsonObject call(String method, String contentType, byte[] body, Deadline deadline) {
        Endpoint endpoint = Endpoint.parse(baseUrl + "/" + method, SlackWebApi.API_URL_VARIABLE);
        return token.applyRereadingOnRefusal(deadline,
                refusal -> CREDENTIAL_ERRORS.contains(SlackWebApi.errorCode(refusal)),
                value -> parse(delivery.post(endpoint.hiding(value, "[token]"), contentType, body,
                        Map.of("Authorization", "Bearer " + value), deadline, RECEIVER + " " + method, WEB_API_ANSWER)));
    }

    private static JsonObject parse(HttpTransport.Response response) {
        JsonElement element = Json.tryParse(response.body());
        return element != null && element.isJsonObject() ? element.getAsJsonObject() : null;
    }

    private static String error(JsonObject answer) {
        String error = answer == null ? null : Json.string(answer, "error");
        return error == null ? "unknown_error" : error;
    }
}
