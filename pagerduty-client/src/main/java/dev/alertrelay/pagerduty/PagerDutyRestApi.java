package dev.alertrelay.pagerduty;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.Endpoint;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.secrets.SecretResolver;

import java.util.Map;
import java.util.function.Function;

/**
 * PagerDuty's REST API (https://developer.pagerduty.com/api-reference), read-only, with an API key
 * ({@code PAGERDUTY_API_KEY}, a secret like the others): who is on call, where an incident is. The key goes in the
 * {@code Authorization} header only, never in a URL, a log or an error; a 401 reads it once more from its secret (a
 * rotated key) before it fails.
 */
public final class PagerDutyRestApi {

    public static final String API_KEY_SECRET = "PAGERDUTY_API_KEY";
    public static final String API_URL_VARIABLE = "PAGERDUTY_API_URL";
    static final String DEFAULT_API_URL = "https://api.pagerduty.com";
    private static final String RECEIVER = "PagerDuty REST API";
    private static final String KEY_PLACEHOLDER = "[api key]";

    private final Secret apiKey;
    private final String baseUrl;
    private final HttpDelivery delivery;

    /** @param baseUrl {@code https://api.pagerduty.com}, or a loopback stand-in */
    public PagerDutyRestApi(Secret apiKey, String baseUrl, HttpDelivery delivery) {
        this.apiKey = apiKey;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.delivery = delivery;
    }

    /**
     * The API at {@code PAGERDUTY_API_URL} (default {@value #DEFAULT_API_URL}, or the EU service region's), the key
     * read on first use only, with {@code policy}'s retries and timeouts (each caller has its own budget).
     */
    public static PagerDutyRestApi fromEnvironment(Function<String, String> env, SecretResolver secrets, RetryPolicy policy) {
        String configured = env.apply(API_URL_VARIABLE);
        String base = configured == null || configured.isBlank() ? DEFAULT_API_URL : configured.strip();
        Endpoint.parse(base, API_URL_VARIABLE);
        return new PagerDutyRestApi(secrets.secret(API_KEY_SECRET), base, new HttpDelivery(policy, "alert-relay"));
    }

    /**
     * The body of {@code GET <base><pathAndQuery>} (such as {@code /oncalls?schedule_ids%5B%5D=P1}).
     *
     * @throws DeliveryException when PagerDuty refuses, fails or does not answer in time (the key never in the message)
     */
    public String get(String pathAndQuery, Deadline deadline) {
        Endpoint endpoint = Endpoint.parse(baseUrl + pathAndQuery, API_URL_VARIABLE);
        return apiKey.applyRereadingOnRefusal(deadline, refusal -> refusal.status() == 401,
                key -> delivery.get(endpoint.hiding(key, KEY_PLACEHOLDER),
                        Map.of("Authorization", "Token token=" + key, "Accept", "application/vnd.pagerduty+json;version=2"),
                        deadline, RECEIVER, HttpDelivery.AnswerCheck.ACCEPT_2XX).body());
    }
}
