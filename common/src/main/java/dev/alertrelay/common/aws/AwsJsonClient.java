package dev.alertrelay.common.aws;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import dev.alertrelay.common.http.HttpTransport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A minimal client for AWS services that speak the JSON 1.1 protocol (KMS, SSM): one signed POST per call.
 *
 * <p>Why not the AWS SDK: alert-relay makes exactly two calls (KMS Decrypt, SSM GetParameter), once per container. The
 * SDK's KMS and SSM modules weigh about 12 MB (SSM alone about 6 MB) and add about a second to a cold start, which is
 * most of the function's work. This client is a few hundred lines, signs with SigV4 (checked in the tests against the
 * SDK's own signer and against moto with signature verification on) and follows the SDK's environment conventions for
 * region, endpoints and credentials.
 */
public final class AwsJsonClient {

    private static final int MAX_ATTEMPTS = 3;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 5_000;
    /**
     * All attempts of one call together; the KMS fallback makes at most two calls, so resolving a secret can never take
     * more than about 16 s of a 30 s invocation and a stuck endpoint fails with an error naming the variable, not a
     * Lambda timeout.
     */
    private static final long CALL_BUDGET_MILLIS = 8_000;
    private static final int MIN_ATTEMPT_MILLIS = 300;
    private static final Set<String> RETRYABLE_ERRORS = Set.of("ThrottlingException", "Throttling",
            "ThrottledException", "RequestLimitExceeded", "TooManyRequestsException", "ServiceUnavailable",
            "InternalFailure", "InternalServerError", "KMSInternalException", "InternalServerErrorException");

    private final String signingName;
    private final String targetPrefix;
    private final String region;
    private final URI endpoint;
    private final CredentialsProvider credentials;

    private AwsJsonClient(String signingName, String targetPrefix, String region, URI endpoint,
                          CredentialsProvider credentials) {
        this.signingName = signingName;
        this.targetPrefix = targetPrefix;
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
    }

    /** A KMS client configured from {@code env} (AWS_REGION, AWS_ENDPOINT_URL_KMS or AWS_ENDPOINT_URL, credentials). */
    public static AwsJsonClient kms(Function<String, String> env) {
        return create("kms", "KMS", "TrentService", env);
    }

    /** An SSM client configured from {@code env}. */
    public static AwsJsonClient ssm(Function<String, String> env) {
        return create("ssm", "SSM", "AmazonSSM", env);
    }

    private static AwsJsonClient create(String service, String serviceEnvId, String targetPrefix, Function<String, String> env) {
        String region = firstSet(env.apply("AWS_REGION"), env.apply("AWS_DEFAULT_REGION"));
        if (region == null) {
            throw new AwsServiceException("NoRegion", "AWS_REGION is not set", 0);
        }
        return new AwsJsonClient(service, targetPrefix, region, AwsEndpoints.resolve(service, serviceEnvId, region, env),
                new CredentialsProvider(env));
    }

    /**
     * Calls {@code operation} with {@code request} and returns the response document.
     *
     * @throws AwsServiceException with the service's error code for any failure, after retrying throttling, 5xx and
     *                             connection errors
     */
    public JsonObject call(String operation, JsonObject request) {
        byte[] body = Json.toJson(request).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + CALL_BUDGET_MILLIS * 1_000_000L;
        AwsServiceException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left < MIN_ATTEMPT_MILLIS) {
                break;
            }
            try {
                return attempt(operation, body, (int) left);
            } catch (AwsServiceException e) {
                if (!retryable(e) || attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                last = e;
                pause(100L << attempt);
            }
        }
        throw last != null ? last : new AwsServiceException("Timeout", operation + " did not finish within "
                + CALL_BUDGET_MILLIS + " ms", 0);
    }

    private JsonObject attempt(String operation, byte[] body, int budgetMillis) {
        Map<String, String> signed = SigV4Signer.sign(endpoint,
                Map.of("content-type", "application/x-amz-json-1.1", "x-amz-target", targetPrefix + "." + operation),
                body, credentials.get(), region, signingName, Instant.now());
        Map<String, String> headers = new HashMap<>(signed);
        headers.remove("host");
        final HttpTransport.Response response;
        try {
            int connect = Math.min(CONNECT_TIMEOUT_MILLIS, budgetMillis / 3);
            response = HttpTransport.exchange(endpoint, headers, body, connect,
                    Math.min(READ_TIMEOUT_MILLIS, budgetMillis - connect));
        } catch (IOException e) {
            throw new AwsServiceException("ConnectionError", e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), 0);
        }
        JsonElement document = Json.tryParse(response.body());
        JsonObject object = document instanceof JsonObject o ? o : new JsonObject();
        if (response.status() / 100 == 2) {
            return object;
        }
        throw new AwsServiceException(errorCode(object, response), errorMessage(object, response.body()), response.status());
    }

    /**
     * {@code __type} may carry a namespace ("com.amazonaws.kms#InvalidCiphertextException"); the header is the fallback,
     * then an XML {@code <Code>} (what an authentication layer in front of the service may answer).
     */
    private static String errorCode(JsonObject error, HttpTransport.Response response) {
        String type = Json.string(error, "__type");
        if (type == null) {
            type = response.header("x-amzn-ErrorType");
        }
        if (type == null) {
            type = xmlElement(response.body(), "Code");
        }
        if (type == null) {
            return "HTTP" + response.status();
        }
        int hash = type.lastIndexOf('#');
        type = hash >= 0 ? type.substring(hash + 1) : type;
        int colon = type.indexOf(':');
        return colon >= 0 ? type.substring(0, colon) : type;
    }

    private static String errorMessage(JsonObject error, String body) {
        String message = Json.string(error, "message");
        if (message == null) {
            message = Json.string(error, "Message");
        }
        return message != null ? message : xmlElement(body, "Message");
    }

    private static String xmlElement(String body, String name) {
        if (body == null) {
            return null;
        }
        int start = body.indexOf("<" + name + ">");
        int end = body.indexOf("</" + name + ">");
        return start >= 0 && end > start ? body.substring(start + name.length() + 2, end).strip() : null;
    }

    private static boolean retryable(AwsServiceException e) {
        return e.status() >= 500 || e.errorCode().equals("ConnectionError") || RETRYABLE_ERRORS.contains(e.errorCode());
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String firstSet(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b != null && !b.isBlank() ? b.strip() : null;
    }

    @Override
    public String toString() {
        return "AwsJsonClient[" + signingName + " " + region + " " + endpoint.getHost().toLowerCase(Locale.ROOT) + "]";
    }
}
