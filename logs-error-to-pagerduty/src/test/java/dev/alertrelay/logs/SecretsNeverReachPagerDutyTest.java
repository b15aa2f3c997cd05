package dev.alertrelay.logs;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Realistic secrets in error lines, in every log format the parser reads, never reach PagerDuty: no text the event
 * carries (summary, custom_details samples, links, anything) contains the secret, and the incident shows where it was.
 * Each secret is freshly generated, so the rules are tested against the shape of a credential, not one example.
 */
class SecretsNeverReachPagerDutyTest {

    private static final LogsErrorSettings SETTINGS = new LogsErrorSettings(Severity.ERROR, 20, 5, Redactor.BUILT_IN_ONLY, "eu-west-1", false, 0);

    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String HEX = "0123456789abcdef";

    /** A kind of secret: how to make one, and lines that carry it ({@code %s} is the secret). */
    record Secret(String kind, Function<Random, String> value, List<String> lines) {
    }

    /** A secret written into an error line, and the whole log message carrying it. */
    record Leak(String kind, String secret, String message) {
        @Override
        public String toString() {
            return kind + ": " + message;
        }
    }

    private static final List<Secret> SECRETS = List.of(
            new Secret("AWS access key id", r -> (r.nextBoolean() ? "AKIA" : "ASIA") + chars(r, UPPER_DIGITS, 16), List.of(
                    "AccessDenied for %s on s3:GetObject",
                    "{\"AccessKeyId\":\"%s\",\"Expiration\":\"2026-11-21T04:00:00Z\"} rejected",
                    "InvalidClientTokenId: The security token included in the request is invalid (key %s)")),
            new Secret("AWS secret access key", SecretsNeverReachPagerDutyTest::awsSecretKey, List.of(
                    "could not sign: aws_secret_access_key=%s",
                    "env dump AWS_SECRET_ACCESS_KEY=%s AWS_REGION=eu-west-1",
                    "credentials {\"SecretAccessKey\": \"%s\"} expired",
                    "SignatureDoesNotMatch with secret %s")),
            new Secret("bearer token", r -> chars(r, ALPHANUMERIC + "-._~", 20 + r.nextInt(40)), List.of(
                    "401 from upstream; sent Authorization: Bearer %s",
                    "request headers {Authorization=Bearer %s, Accept=application/json} rejected")),
            new Secret("basic credentials", r -> Base64.getEncoder().encodeToString(
                    ("svc-" + chars(r, ALPHANUMERIC, 6) + ":" + chars(r, ALPHANUMERIC, 12)).getBytes(StandardCharsets.UTF_8)), List.of(
                    "proxy answered 407 to Authorization: Basic %s",
                    "Basic %s was refused by the registry")),
            new Secret("JWT", r -> "eyJ" + chars(r, ALPHANUMERIC, 30) + ".eyJ" + chars(r, ALPHANUMERIC, 60) + "." + chars(r, ALPHANUMERIC + "-_", 43), List.of(
                    "token verification failed for %s",
                    "Cookie: session=%s; theme=dark not accepted")),
            new Secret("password in a URL", r -> chars(r, ALPHANUMERIC + "-_.~", 8 + r.nextInt(16)), List.of(
                    "could not connect to postgres://orders:%s@db.internal:5432/orders",
                    "fetching https://deploy:%s@artifacts.internal/repo/app.jar failed")),
            new Secret("password pair", r -> chars(r, ALPHANUMERIC + "!#$%^*-_", 8 + r.nextInt(16)), List.of(
                    "login failed password=%s user=bob",
                    "ldap bind passwd: %s failed",
                    "connection string Server=db;User Id=app;Password=%s;",
                    "body {\"user\":\"bob\",\"password\":\"%s\"} rejected")),
            new Secret("secret field", r -> chars(r, ALPHANUMERIC, 16 + r.nextInt(16)), List.of(
                    "config {\"name\":\"orders\",\"secret\": \"%s\"} invalid",
                    "oauth client_secret=%s rejected")),
            new Secret("API key", r -> chars(r, HEX, 32), List.of(
                    "GET https://api.example.com/v2/rates?api_key=%s&base=EUR returned 401",
                    "request headers x-api-key: %s rejected",
                    "{\"apiKey\":\"%s\"} is not valid")),
            new Secret("token query parameter", r -> chars(r, ALPHANUMERIC, 12 + r.nextInt(30)), List.of(
                    "callback https://app.example.com/hook?token=%s&retry=1 timed out",
                    "GET /oauth/cb?code=1&access_token=%s&state=x failed")),
            new Secret("Slack webhook", r -> "T" + chars(r, UPPER_DIGITS, 8) + "/B" + chars(r, UPPER_DIGITS, 8) + "/" + chars(r, ALPHANUMERIC, 24), List.of(
                    "POST https://hooks.slack.com/services/%s failed: 404 no_service",
                    "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/%s is invalid")),
            new Secret("PagerDuty routing key", r -> chars(r, HEX, 32), List.of(
                    "PagerDuty answered 400 to {\"routing_key\":\"%s\",\"event_action\":\"trigger\"}",
                    "PAGERDUTY_ROUTING_KEY=%s was rejected",
                    "integration_key: %s is disabled")));

    private static String chars(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    /** 40 characters of base64 with upper case, lower case and a digit, as AWS issues them. */
    private static String awsSecretKey(Random random) {
        return chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1) + chars(random, "abcdefghijklmnopqrstuvwxyz", 1) + chars(random, "0123456789", 1)
                + chars(random, ALPHANUMERIC + "/+", 37);
    }

    /** The error line as each log format writes it. */
    private static final List<Function<String, String>> FORMATS = List.of(
            line -> "2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\tERROR\t" + line + "\n",
            line -> "[ERROR]\t2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\t" + line + "\n",
            line -> "2026-11-21 03:04:05,123 [http-nio-8080-exec-3] ERROR c.s.web.OrderController - " + line
                    + "\norg.springframework.web.client.HttpClientErrorException: 401\n\tat com.shop.web.Client.call(Client.java:42)",
            line -> "2026-11-21 03:04:05,123 ERROR Order 55120 failed\njava.lang.IllegalStateException: " + line
                    + "\n\tat com.shop.web.OrderService.save(OrderService.java:88)",
            line -> json(Map.of("level", "ERROR", "message", line, "service", "orders")),
            line -> json(Map.of("level", "ERROR", "errorType", "Error", "errorMessage", line)),
            line -> json(Map.of("timestamp", "2026-11-21T03:04:05.123Z", "level", "ERROR", "message", "upstream call failed",
                    "stackTrace", "Error: " + line + "\n    at call (/var/task/index.js:12:9)")));

    private static String json(Map<String, String> fields) {
        JsonObject object = new JsonObject();
        fields.forEach(object::addProperty);
        return Json.toJson(object);
    }

    @Provide
    Arbitrary<Leak> leaks() {
        return Arbitraries.randomValue(random -> {
            Secret secret = SECRETS.get(random.nextInt(SECRETS.size()));
            String value = secret.value().apply(random);
            String line = secret.lines().get(random.nextInt(secret.lines().size())).formatted(value);
            return new Leak(secret.kind(), value, FORMATS.get(random.nextInt(FORMATS.size())).apply(line));
        });
    }

    /** The seed this property ran with before seeds were drawn fresh, kept as a fixed example. */
    @Property(tries = 300, seed = "6301")
    void noSecretReachesAnyTextOfThePagerDutyEventWithKeptSeed6301(@ForAll("leaks") Leak leak) {
        noSecretReachesAnyTextOfThePagerDutyEvent(leak);
    }

    @Property(tries = 300)
    void noSecretReachesAnyTextOfThePagerDutyEvent(@ForAll("leaks") Leak leak) {
        RecordingPagerDutySender pagerDuty = new RecordingPagerDutySender();
        String event = LogBatches.subscriptionEvent(LogBatches.of(leak.message()));
        new LogsErrorToPagerDutyHandler(SETTINGS, pagerDuty).handleRequest(
                new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(), TestContext.of("logs"));

        assertTrue(!pagerDuty.attempted.isEmpty(), "an error line must page: " + leak);
        for (PagerDutyEvent sent : pagerDuty.attempted) {
            for (String text : strings(sent.toJson())) {
                assertFalse(text.contains(leak.secret()), leak.kind() + " reached PagerDuty: " + text);
            }
        }
        assertTrue(strings(pagerDuty.attempted.get(0).toJson()).stream().anyMatch(text -> text.contains(Redactor.REDACTED)),
                "the incident shows where the secret was: " + leak);
    }

    /** Every string in the event: values and keys, at any depth. */
    private static List<String> strings(JsonElement element) {
        List<String> out = new ArrayList<>();
        collect(element, out);
        return out;
    }

    private static void collect(JsonElement element, List<String> out) {
        if (element instanceof JsonObject object) {
            object.entrySet().forEach(entry -> {
                out.add(entry.getKey());
                collect(entry.getValue(), out);
            });
        } else if (element != null && element.isJsonArray()) {
            element.getAsJsonArray().forEach(item -> collect(item, out));
        } else if (element instanceof JsonPrimitive primitive) {
            out.add(primitive.getAsString());
        }
    }
}
