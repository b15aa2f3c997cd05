package dev.alertrelay.common.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP exchange over {@link HttpURLConnection}: the one place alert-relay talks HTTP (webhooks, the Events API,
 * KMS and SSM).
 *
 * <p>Why not {@code java.net.http.HttpClient}: building one initialises the whole TLS stack and loads about 900
 * classes even for a plain-http call, which tripled a cold invocation. HttpURLConnection loads TLS only for https, and
 * keeps connections alive between invocations of a warm container. Its one trap, silently re-sending a POST after some
 * I/O errors, is switched off below: retries are {@link HttpDelivery}'s decision alone.
 */
public final class HttpTransport {

    static {
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /** What came back: the status, the body (at most 64 KiB) and the first value of each header. */
    public record Response(int status, String body, Map<String, String> headers) {
        public String header(String name) {
            for (Map.Entry<String, String> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name)) {
                    return entry.getValue();
                }
            }
            return null;
        }
    }

    /** The connection could not be made in time. */
    public static final class ConnectTimeoutException extends IOException {
        ConnectTimeoutException() {
            super("connection timed out");
        }
    }

    /** Connected, but no complete answer within the read timeout. */
    public static final class ResponseTimeoutException extends IOException {
        ResponseTimeoutException() {
            super("no response within the request timeout");
        }
    }

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private HttpTransport() {
    }

    /**
     * POSTs {@code body}; a null body makes a GET. Every status comes back as a response; only I/O failures throw.
     *
     * @param readTimeoutMillis how long the answer may take once connected. HttpURLConnection's own read timeout bounds
     *                          each read; the body is also read against connect + read in total, so a server that
     *                          trickles its answer a byte at a time cannot hold an attempt past the deadline.
     */
    public static Response exchange(URI uri, Map<String, String> headers, byte[] body, int connectTimeoutMillis,
                                    int readTimeoutMillis) throws IOException {
        long deadlineNanos = System.nanoTime() + (Math.max(1, connectTimeoutMillis) + (long) Math.max(1, readTimeoutMillis)) * 1_000_000L;
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(Math.max(1, connectTimeoutMillis));
        connection.setReadTimeout(Math.max(1, readTimeoutMillis));
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        headers.forEach(connection::setRequestProperty);
        try {
            if (body != null) {
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setFixedLengthStreamingMode(body.length);
            }
            try {
                connection.connect();
            } catch (SocketTimeoutException e) {
                throw new ConnectTimeoutException();
            }
            try {
                if (body != null) {
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body);
                    }
                }
                int status = connection.getResponseCode();
                InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
                String text = stream == null ? "" : read(stream, deadlineNanos);
                Map<String, String> responseHeaders = new HashMap<>();
                connection.getHeaderFields().forEach((name, values) -> {
                    if (name != null && !values.isEmpty()) {
                        responseHeaders.put(name, values.get(0));
                    }
                });
                return new Response(status, text, responseHeaders);
            } catch (SocketTimeoutException e) {
                throw new ResponseTimeoutException();
            }
        } catch (IOException e) {
            connection.disconnect();
            throw e;
        }
    }

    /** The body, at most 64 KiB of it (an error page is never worth more), read fully so the connection can be reused. */
    private static String read(InputStream stream, long deadlineNanos) throws IOException {
        try (stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = stream.read(buffer)) > 0) {
                if (System.nanoTime() > deadlineNanos) {
                    throw new ResponseTimeoutException();
                }
                if (out.size() < MAX_BODY_BYTES) {
                    out.write(buffer, 0, Math.min(n, MAX_BODY_BYTES - out.size()));
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
