package dev.alertrelay.common.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback Slack Web API that answers like Slack (https://api.slack.com/web): HTTP 200 with {@code ok} and a
 * {@code ts} for messages, {@code ok: false} with an {@code error} code for refusals, 429 with {@code Retry-After}
 * when rate limited, and the external upload flow with an upload URL on this same server. It checks the bot token like
 * Slack does (a wrong one is {@code invalid_auth}) and records every call with its arguments, JSON or form-encoded.
 * {@code users.lookupByEmail} finds the people it was told of ({@link #knowsUser}), and answers {@code users_not_found}
 * for anyone else.
 */
public final class SlackWebApiStandIn implements AutoCloseable {

    /** One Web API call as Slack received it. */
    public record Call(String method, JsonObject arguments, String authorization, String contentType) {
        public String argument(String name) {
            JsonElement value = arguments.get(name);
            return value == null || value.isJsonNull() ? null : value.isJsonPrimitive() ? value.getAsString() : value.toString();
        }
    }

    /** A scripted refusal: {@code error} as Slack names it, or a 429 with {@code Retry-After} when {@code retryAfter} is set. */
    private record Refusal(String error, String retryAfter) {
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Refusal>> refusals = new HashMap<>();
    private final Set<String> deletedMessages = new HashSet<>();
    private final List<byte[]> uploads = new ArrayList<>();
    private final Map<String, String> usersByEmail = new HashMap<>();
    private final AtomicLong nextTs = new AtomicLong(1);
    private volatile String validToken;

    private SlackWebApiStandIn(String validToken) throws IOException {
        this.validToken = validToken;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 32);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "slack-web-api-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/api/", this::api);
        server.createContext("/upload/", this::upload);
        server.start();
    }

    public static SlackWebApiStandIn start(String validToken) {
        try {
            return new SlackWebApiStandIn(validToken);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Slack Web API stand-in", e);
        }
    }

    /** The value for {@code SLACK_API_URL}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** The token Slack accepts from now on (a rotation: the old one is refused with invalid_auth). */
    public void acceptOnly(String token) {
        validToken = token;
    }

    /** The next call of {@code method} is refused with {@code error}. */
    public synchronized SlackWebApiStandIn refuseNext(String method, String error) {
        refusals.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Refusal(error, null));
        return this;
    }

    /** The next call of {@code method} gets 429 ratelimited with {@code Retry-After: seconds}. */
    public synchronized SlackWebApiStandIn rateLimitNext(String method, String retryAfterSeconds) {
        refusals.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Refusal("ratelimited", retryAfterSeconds));
        return this;
    }

    /** Slack has a person with this email, by this user id (users.lookupByEmail finds them). */
    public synchronized SlackWebApiStandIn knowsUser(String email, String userId) {
        usersByEmail.put(email, userId);
        return this;
    }

    /** Someone deleted this message: chat.update answers message_not_found. */
    public synchronized void delete(String ts) {
        deletedMessages.add(ts);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> calls(String method) {
        return calls.stream().filter(call -> call.method().equals(method)).toList();
    }

    /** Top-level messages: chat.postMessage calls without thread_ts that Slack accepted. */
    public List<Call> topLevelPosts() {
        return accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") == null).toList();
    }

    public synchronized List<Call> accepted(String method) {
        return calls.stream().filter(call -> call.method().equals(method) && call.arguments().has("_accepted")).toList();
    }

    public synchronized List<byte[]> uploads() {
        return List.copyOf(uploads);
    }

    private void api(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestURI().getPath().substring("/api/".length());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        JsonObject arguments = contentType != null && contentType.startsWith("application/json")
                ? JsonParser.parseString(body).getAsJsonObject() : form(body);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        JsonObject answer = new JsonObject();
        int status = 200;
        Map<String, String> headers = new HashMap<>();
        synchronized (this) {
            Call call = new Call(method, arguments, authorization, contentType);
            calls.add(call);
            Deque<Refusal> scripted = refusals.get(method);
            Refusal refusal = scripted == null ? null : scripted.poll();
            if (!("Bearer " + validToken).equals(authorization)) {
                refusal = new Refusal(authorization == null ? "not_authed" : "invalid_auth", null);
            } else if (refusal == null && method.equals("chat.update") && deletedMessages.contains(call.argument("ts"))) {
                refusal = new Refusal("message_not_found", null);
            } else if (refusal == null && method.equals("users.lookupByEmail") && !usersByEmail.containsKey(call.argument("email"))) {
                refusal = new Refusal("users_not_found", null);
            }
            if (refusal != null) {
                answer.addProperty("ok", false);
                answer.addProperty("error", refusal.error());
                if (refusal.retryAfter() != null) {
                    status = 429;
                    headers.put("Retry-After", refusal.retryAfter());
                }
            } else {
                arguments.addProperty("_accepted", true);
                answer.addProperty("ok", true);
                answer(method, call, answer);
            }
        }
        send(exchange, status, answer.toString(), headers);
    }

    private void answer(String method, Call call, JsonObject answer) {
        switch (method) {
            case "chat.postMessage" -> {
                answer.addProperty("channel", call.argument("channel"));
                answer.addProperty("ts", String.format("1764558000.%06d", nextTs.getAndIncrement()));
            }
            case "chat.update" -> {
                answer.addProperty("channel", call.argument("channel"));
                answer.addProperty("ts", call.argument("ts"));
            }
            case "files.getUploadURLExternal" -> {
                String id = "F" + nextTs.getAndIncrement();
                answer.addProperty("upload_url", "http://127.0.0.1:" + server.getAddress().getPort() + "/upload/" + id);
                answer.addProperty("file_id", id);
            }
            case "files.completeUploadExternal" -> answer.add("files", new JsonArray());
            case "chat.postEphemeral" -> answer.addProperty("message_ts", String.format("1764559000.%06d", nextTs.getAndIncrement()));
            case "users.lookupByEmail" -> {
                JsonObject user = new JsonObject();
                user.addProperty("id", usersByEmail.get(call.argument("email")));
                answer.add("user", user);
            }
            default -> {
                answer.addProperty("ok", false);
                answer.addProperty("error", "unknown_method");
            }
        }
    }

    private void upload(HttpExchange exchange) throws IOException {
        byte[] bytes = exchange.getRequestBody().readAllBytes();
        synchronized (this) {
            uploads.add(bytes);
        }
        send(exchange, 200, "OK - " + bytes.length, Map.of());
    }

    private static JsonObject form(String body) {
        JsonObject arguments = new JsonObject();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                arguments.addProperty(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return arguments;
    }

    private static void send(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("{") ? "application/json; charset=utf-8" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
