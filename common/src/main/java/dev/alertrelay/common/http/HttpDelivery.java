package dev.alertrelay.common.http;

import dev.alertrelay.common.text.Truncate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * POSTs JSON (or GETs what an API answers) with the one retry discipline every receiver gets:
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>429: wait as long as {@code Retry-After} says (or back off), then retry;</li>
 *   <li>408, 5xx, connection errors and timeouts: retry with bounded exponential back-off and jitter;</li>
 *   <li>any other 4xx: fail at once with the receiver's error body (retrying cannot help);</li>
 * </ul>
 * and never waits or sends past the invocation's deadline. Failures raise {@link DeliveryException}.
 */
public final class HttpDelivery {

    private static final int ERROR_BODY_MAX = 500;

    private final RetryPolicy policy;
    private final String userAgent;

    public HttpDelivery(RetryPolicy policy, String userAgent) {
        this.policy = policy;
        this.userAgent = userAgent;
    }

    /** What a receiver's 2xx answer means: some APIs (Slack's Web API) answer 200 to a request they refused. */
    public enum Verdict { ACCEPTED, RETRY, REJECTED }

    /** Reads a 2xx answer; the plain webhook and Events API contract accepts every one of them. */
    @FunctionalInterface
    public interface AnswerCheck {
        AnswerCheck ACCEPT_2XX = response -> Verdict.ACCEPTED;

        Verdict verdict(HttpTransport.Response response);

        /** What the rejection or retry is about, named in errors (Slack's {@code error} code); the body by default. */
        default String problem(HttpTransport.Response response) {
            return response.body() == null ? "" : response.body().strip();
        }
    }

    /**
     * Delivers {@code json} to {@code endpoint}, retrying as described above.
     *
     * @param receiver the receiver's name for messages, e.g. "Slack"
     * @return the accepted response
     */
    public HttpTransport.Response postJson(Endpoint endpoint, String json, Deadline deadline, String receiver) {
        return post(endpoint, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8), Map.of(), deadline,
                receiver, AnswerCheck.ACCEPT_2XX);
    }

    /**
     * POSTs {@code body} with the same discipline; {@code headers} may carry a credential (they never appear in errors),
     * and {@code check} decides what a 2xx answer means.
     */
    public HttpTransport.Response post(Endpoint endpoint, String contentType, byte[] body, Map<String, String> headers,
                                       Deadline deadline, String receiver, AnswerCheck check) {
        Map<String, String> allHeaders = new java.util.HashMap<>(headers);
        allHeaders.put("Content-Type", contentType);
        return exchange(endpoint, allHeaders, body, deadline, receiver, check);
    }

    /** GETs {@code endpoint} (a read-only API such as PagerDuty's REST API) with the same discipline as {@link #post}. */
    public HttpTransport.Response get(Endpoint endpoint, Map<String, String> headers, Deadline deadline, String receiver,
                                      AnswerCheck check) {
        return exchange(endpoint, new java.util.HashMap<>(headers), null, deadline, receiver, check);
    }

    /** @param body null for a GET */
    private HttpTransport.Response exchange(Endpoint endpoint, Map<String, String> allHeaders, byte[] body, Deadline deadline,
                                            String receiver, AnswerCheck check) {
        allHeaders.put("User-Agent", userAgent);
        String lastProblem = "no attempt was made";
        for (int attempt = 1; attempt <= policy.maxAttempts(); attempt++) {
            long timeLeft = deadline.remainingMillis() - policy.reserveMillis();
            if (timeLeft <= 0) {
                throw new DeliveryException(receiver + " delivery gave up after " + (attempt - 1)
                        + " attempt(s): the invocation's time ran out; last: " + lastProblem, attempt - 1);
            }
            final HttpTransport.Response response;
            try {
                response = send(endpoint, allHeaders, body, Math.min(policy.requestTimeoutMillis(), timeLeft));
            } catch (HttpTransport.ConnectTimeoutException | HttpTransport.ResponseTimeoutException e) {
                lastProblem = endpoint.scrub(e.getMessage());
                waitBeforeRetry(attempt, policy.backoffMillis(attempt), deadline, receiver, lastProblem);
                continue;
            } catch (IOException e) {
                lastProblem = "connection failed (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + endpoint.scrub(e.getMessage())) + ")";
                waitBeforeRetry(attempt, policy.backoffMillis(attempt), deadline, receiver, lastProblem);
                continue;
            }
            int status = response.status();
            if (status >= 200 && status < 300) {
                Verdict verdict = check.verdict(response);
                if (verdict == Verdict.ACCEPTED) {
                    return response;
                }
                String problem = endpoint.scrub(check.problem(response));
                lastProblem = "HTTP " + status + " " + Truncate.toLength(problem.replaceAll("\\s+", " "), ERROR_BODY_MAX);
                if (verdict == Verdict.REJECTED) {
                    throw new DeliveryException(receiver + " rejected the request: " + lastProblem + " (not retried)", attempt,
                            status, problem);
                }
                long wait = retryAfterMillis(response).orElse(policy.backoffMillis(attempt));
                waitBeforeRetry(attempt, wait, deadline, receiver, lastProblem);
                continue;
            }
            lastProblem = "HTTP " + status + describeBody(endpoint, response.body());
            if (status == 429) {
                long wait = retryAfterMillis(response).orElse(policy.backoffMillis(attempt));
                waitBeforeRetry(attempt, wait, deadline, receiver, lastProblem);
            } else if (status == 408 || status >= 500) {
                waitBeforeRetry(attempt, policy.backoffMillis(attempt), deadline, receiver, lastProblem);
            } else {
                String answer = response.body() == null ? "" : endpoint.scrub(check.problem(response));
                throw new DeliveryException(receiver + " rejected the request: " + lastProblem + " (not retried)", attempt, status,
                        answer);
            }
        }
        throw new DeliveryException(receiver + " delivery failed after " + policy.maxAttempts() + " attempts; last: "
                + lastProblem, policy.maxAttempts());
    }

    private HttpTransport.Response send(Endpoint endpoint, Map<String, String> headers, byte[] body, long timeoutMillis)
            throws IOException {
        int timeout = (int) Math.max(2, timeoutMillis);
        // Connecting (and over https the handshake) gets at most a third of the attempt, the answer the rest.
        int connect = (int) Math.min(policy.connectTimeoutMillis(), Math.max(1, timeout / 3));
        return HttpTransport.exchange(endpoint.uri(), headers, body, connect, timeout - connect);
    }

    /** Sleeps before the next attempt, or fails now if that attempt could not start before the deadline. */
    private void waitBeforeRetry(int attempt, long waitMillis, Deadline deadline, String receiver, String problem) {
        if (attempt >= policy.maxAttempts()) {
            return;
        }
        long wait = waitMillis;
        long timeLeft = deadline.remainingMillis() - policy.reserveMillis();
        if (wait >= timeLeft) {
            throw new DeliveryException(receiver + " delivery gave up after " + attempt + " attempt(s): the next try ("
                    + waitMillis + " ms from now) would pass the invocation's deadline; last: " + problem, attempt);
        }
        try {
            deadline.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(receiver + " delivery interrupted after " + attempt + " attempt(s); last: " + problem, attempt);
        }
    }

    private static String describeBody(Endpoint endpoint, String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = endpoint.scrub(body.strip()).replaceAll("\\s+", " ");
        return " " + Truncate.toLength(oneLine, ERROR_BODY_MAX);
    }

    /** Retry-After in seconds (Slack, PagerDuty); an HTTP date is rare here and falls back to back-off. */
    private static Optional<Long> retryAfterMillis(HttpTransport.Response response) {
        String retryAfter = response.header("Retry-After");
        if (retryAfter == null) {
            return Optional.empty();
        }
        try {
            double seconds = Double.parseDouble(retryAfter.strip());
            return seconds >= 0 && Double.isFinite(seconds) ? Optional.of((long) Math.ceil(seconds * 1000)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
