package dev.alertrelay.actions;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.Secret;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a request is Slack's: a POST whose v0 signature matches the signing secret, signed within five minutes.
 * When the signature does not match, the secret is read once more (it may have been rotated since it was cached),
 * but at most once a minute per container, so a flood of forged requests cannot turn into a flood of SSM reads.
 */
final class SignedRequests {

    private static final long REREAD_INTERVAL_MILLIS = 60_000;

    private final Secret signingSecret;
    private final AtomicLong lastReread = new AtomicLong(Long.MIN_VALUE / 2);

    SignedRequests(Secret signingSecret) {
        this.signingSecret = signingSecret;
    }

    /** Why the request is refused, or null when it is Slack's. */
    String refusal(FunctionUrlRequest request, Deadline deadline) {
        if (!"POST".equals(request.method())) {
            return "method " + (request.method() == null ? "(none)" : request.method().replaceAll("[^A-Za-z]", "?"));
        }
        String timestamp = request.header("x-slack-request-timestamp");
        String signature = request.header("x-slack-signature");
        String problem = SlackSignature.problemWithHeaders(timestamp, signature, deadline.now());
        if (problem != null) {
            return problem;
        }
        String secret = signingSecret.value(deadline);
        if (SlackSignature.matches(secret, timestamp, request.body(), signature)) {
            return null;
        }
        long now = deadline.now().toEpochMilli();
        long last = lastReread.get();
        if (now - last >= REREAD_INTERVAL_MILLIS && lastReread.compareAndSet(last, now) && signingSecret.refresh()) {
            String reread = signingSecret.value(deadline);
            if (!reread.equals(secret) && SlackSignature.matches(reread, timestamp, request.body(), signature)) {
                Log.info("the Slack signing secret from " + signingSecret.source() + " changed; requests are verified with the new one");
                return null;
            }
        }
        return "a signature that does not match the signing secret from " + signingSecret.source();
    }
}
