package dev.alertrelay.slack.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback PagerDuty REST API that answers {@code GET /oncalls} as PagerDuty documents it
 * (https://developer.pagerduty.com/api-reference/3a6b910f11050-list-all-of-the-on-calls): the on-call entries of the
 * schedules asked for in {@code schedule_ids[]}, each user in full with an email only when {@code include[]=users} is
 * asked, 401 for a wrong {@code Authorization: Token token=...}. Answers can be scripted (an error, no answer at all).
 */
public final class PagerDutyRestStandIn implements AutoCloseable {

    /** One request as PagerDuty received it. */
    public record Request(String method, String path, List<String> query, String authorization, String accept) {

        /** The values of one query parameter, in order ({@code schedule_ids[]} -> the ids). */
        public List<String> values(String name) {
            return query.stream().filter(pair -> pair.startsWith(name + "=")).map(pair -> pair.substring(name.length() + 1)).toList();
        }
    }

    private record Entry(String scheduleId, String scheduleName, int level, String userName, String email) {
    }

    /** A scripted answer: {@code status} and {@code body}, or (status 0) never an answer. */
    private record Scripted(int status, String body) {
    }

    private final HttpServer server;
    private final String validKey;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Scripted> script = new ArrayDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);

    private PagerDutyRestStandIn(String validKey) throws IOException {
        this.validKey = validKey;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "pagerduty-rest-stand-in");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static PagerDutyRestStandIn start(String validKey) {
        try {
            return new PagerDutyRestStandIn(validKey);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the PagerDuty REST API stand-in", e);
        }
    }

    /** The value for {@code PAGERDUTY_API_URL}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code userName} ({@code email}) is on call in schedule {@code scheduleId} at escalation level {@code level}. */
    public synchronized PagerDutyRestStandIn onCall(String scheduleId, String scheduleName, int level, String userName, String email) {
        entries.add(new Entry(scheduleId, scheduleName, level, userName, email));
        return this;
    }

    /** The next request is answered {@code status} with {@code body}, whatever it asks. */
    public synchronized PagerDutyRestStandIn answerNext(int status, String body) {
        script.add(new Scripted(status, body));
        return this;
    }

    /** The next request is accepted and never answered. */
    public synchronized PagerDutyRestStandIn neverAnswerNext() {
        script.add(new Scripted(0, ""));
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        List<String> query = new ArrayList<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                query.add(URLDecoder.decode(pair, StandardCharsets.UTF_8));
            }
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), List.copyOf(query),
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Accept"));
        Scripted scripted;
        String body;
        synchronized (this) {
            requests.add(request);
            scripted = script.poll();
            body = scripted != null ? scripted.body() : answer(request).toString();
        }
        if (scripted != null && scripted.status() == 0) {
            try {
                released.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        int status = scripted != null ? scripted.status()
                : ("Token token=" + validKey).equals(request.authorization()) ? 200 : 401;
        if (status == 401 && scripted == null) {
            body = "{\"error\":{\"message\":\"Invalid Credentials\",\"code\":2006}}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private JsonObject answer(Request request) {
        List<String> asked = request.values("schedule_ids[]");
        boolean withUsers = request.values("include[]").contains("users");
        JsonArray oncalls = new JsonArray();
        for (Entry entry : entries) {
            if (!asked.contains(entry.scheduleId())) {
                continue;
            }
            JsonObject schedule = new JsonObject();
            schedule.addProperty("id", entry.scheduleId());
            schedule.addProperty("type", "schedule_reference");
            schedule.addProperty("summary", entry.scheduleName());
            JsonObject user = new JsonObject();
            user.addProperty("id", "PU" + Math.abs(entry.email().hashCode()));
            user.addProperty("type", withUsers ? "user" : "user_reference");
            user.addProperty("summary", entry.userName());
            if (withUsers) {
                user.addProperty("name", entry.userName());
                user.addProperty("email", entry.email());
                user.addProperty("time_zone", "Europe/London");
            }
            JsonObject oncall = new JsonObject();
            oncall.addProperty("escalation_level", entry.level());
            oncall.add("schedule", schedule);
            oncall.add("user", user);
            JsonObject policy = new JsonObject();
            policy.addProperty("id", "PEP0001");
            policy.addProperty("type", "escalation_policy_reference");
            oncall.add("escalation_policy", policy);
            oncall.addProperty("start", "2026-12-01T09:00:00Z");
            oncall.addProperty("end", "2026-12-08T09:00:00Z");
            oncalls.add(oncall);
        }
        JsonObject answer = new JsonObject();
        answer.add("oncalls", oncalls);
        answer.addProperty("limit", 25);
        answer.addProperty("offset", 0);
        answer.addProperty("more", false);
        return answer;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
