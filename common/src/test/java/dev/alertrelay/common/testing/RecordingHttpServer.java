package dev.alertrelay.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A loopback HTTP server that records every request and answers like Slack or PagerDuty would: scripted answers are
 * used in order, then the default answer. It can also accept a request and never answer.
 */
public final class RecordingHttpServer implements AutoCloseable {

    /** One recorded request. */
    public record Request(String method, String path, Map<String, List<String>> headers, String body, long receivedAtNanos) {
        public String header(String name) {
            for (var entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue().isEmpty() ? null : entry.getValue().get(0);
                }
            }
            return null;
        }
    }

    /**
     * A scripted answer; {@code hangs} means accept the request and never answer, {@code trickles} means answer 200
     * and then send the body one byte at a time, slowly, for as long as the client listens.
     */
    public record Answer(int status, String body, Map<String, String> headers, boolean hangs, boolean trickles) {
        public static Answer of(int status, String body) {
            return new Answer(status, body, Map.of(), false, false);
        }

        public static Answer withHeader(int status, String body, String header, String value) {
            return new Answer(status, body, Map.of(header, value), false, false);
        }

        public static Answer neverAnswer() {
            return new Answer(0, "", Map.of(), true, false);
        }

        public static Answer trickle() {
            return new Answer(200, "", Map.of(), false, true);
        }
    }

    public static final Answer SLACK_OK = Answer.of(200, "ok");
    public static final Answer PAGERDUTY_ACCEPTED = Answer.of(202,
            "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"recorded\"}");

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private Answer defaultAnswer;

    private RecordingHttpServer(Answer defaultAnswer) throws IOException {
        this.defaultAnswer = defaultAnswer;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "recording-http-server");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A server that answers {@code defaultAnswer} to every request not scripted otherwise. */
    public static RecordingHttpServer start(Answer defaultAnswer) {
        try {
            return new RecordingHttpServer(defaultAnswer);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the local HTTP server", e);
        }
    }

    /** Queues answers for the next requests, in order. */
    public synchronized RecordingHttpServer thenAnswer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    public synchronized void answerByDefault(Answer answer) {
        defaultAnswer = answer;
    }

    /** The URL of {@code path} on this server, e.g. {@code url("/services/T000/B000/XXX")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime()));
            answer = script.isEmpty() ? defaultAnswer : script.poll();
        }
        if (answer.hangs()) {
            try {
                released.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (answer.trickles()) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 400 && released.getCount() > 0; i++) {
                    out.write('o');
                    out.flush();
                    released.await(250, TimeUnit.MILLISECONDS);
                }
            } catch (IOException | InterruptedException clientGone) {
                // the client gave up, as it should
            }
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.getResponseHeaders().add("Content-Type", answer.body().startsWith("{") ? "application/json" : "text/html");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
