package dev.alertrelay.common.aws;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;

import dev.alertrelay.common.http.HttpTransport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * Where credentials come from, in the AWS SDKs' order for the sources alert-relay runs with
 * (https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html):
 * <ol>
 *   <li>{@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN}: ordinary Lambda;</li>
 *   <li>static keys of the shared credentials file's profile ({@code AWS_PROFILE}, default {@code default}): local
 *       runs. For SSO, export credentials first: {@code eval "$(aws configure export-credentials --format env)"};</li>
 *   <li>the container credentials endpoint ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with
 *       {@code AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]}, or {@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}): Lambda
 *       SnapStart, which sets no key variables, and ECS.</li>
 * </ol>
 * Web identity and instance metadata are not supported: Lambda never needs them. Temporary container credentials are
 * cached until five minutes before they expire.
 */
final class CredentialsProvider {

    private static final String ECS_HOST = "http://169.254.170.2";

    private final Function<String, String> env;
    private AwsCredentials cached;

    CredentialsProvider(Function<String, String> env) {
        this.env = env;
    }

    synchronized AwsCredentials get() {
        if (cached != null && (cached.expiration() == null
                || Instant.now().isBefore(cached.expiration().minus(Duration.ofMinutes(5))))) {
            return cached;
        }
        cached = load();
        return cached;
    }

    private AwsCredentials load() {
        String accessKey = set("AWS_ACCESS_KEY_ID");
        String secretKey = set("AWS_SECRET_ACCESS_KEY");
        if (accessKey != null && secretKey != null) {
            return new AwsCredentials(accessKey, secretKey, set("AWS_SESSION_TOKEN"), null);
        }
        AwsCredentials fromFile = fromSharedCredentialsFile();
        if (fromFile != null) {
            return fromFile;
        }
        String fullUri = set("AWS_CONTAINER_CREDENTIALS_FULL_URI");
        String relativeUri = set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI");
        if (fullUri != null || relativeUri != null) {
            return fromContainerEndpoint(fullUri != null ? fullUri : ECS_HOST + relativeUri);
        }
        throw new AwsServiceException("NoCredentials", "no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,"
                + " run where the container credentials endpoint is available, or configure a profile", 0);
    }

    private AwsCredentials fromContainerEndpoint(String uri) {
        String token = containerToken();
        try {
            HttpTransport.Response response = HttpTransport.exchange(URI.create(uri),
                    token == null ? Map.of() : Map.of("Authorization", token), null, 1_000, 2_000);
            if (response.status() != 200) {
                throw new AwsServiceException("CredentialsEndpointError",
                        "the container credentials endpoint answered HTTP " + response.status(), 0);
            }
            JsonObject body = Json.parseObject(response.body());
            String expiration = Json.string(body, "Expiration");
            return new AwsCredentials(Json.string(body, "AccessKeyId"), Json.string(body, "SecretAccessKey"),
                    Json.string(body, "Token"), expiration == null ? null : Instant.parse(expiration));
        } catch (IOException | RuntimeException e) {
            if (e instanceof AwsServiceException service) {
                throw service;
            }
            throw new AwsServiceException("CredentialsEndpointError",
                    "could not read the container credentials endpoint: " + e.getClass().getSimpleName(), 0);
        }
    }

    private String containerToken() {
        String token = set("AWS_CONTAINER_AUTHORIZATION_TOKEN");
        if (token != null) {
            return token;
        }
        String file = set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE");
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AwsServiceException("CredentialsEndpointError", "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", 0);
        }
    }

    private AwsCredentials fromSharedCredentialsFile() {
        String configured = set("AWS_SHARED_CREDENTIALS_FILE");
        String home = set("HOME") != null ? set("HOME") : System.getProperty("user.home");
        Path file = configured != null ? Path.of(configured) : Path.of(home == null ? "." : home, ".aws", "credentials");
        if (!Files.isReadable(file)) {
            return null;
        }
        String profile = set("AWS_PROFILE") != null ? set("AWS_PROFILE") : "default";
        try {
            String section = null;
            String accessKey = null;
            String secretKey = null;
            String token = null;
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.startsWith("[") && line.endsWith("]")) {
                    section = line.substring(1, line.length() - 1).strip();
                    continue;
                }
                int equals = line.indexOf('=');
                if (!profile.equals(section) || equals < 0 || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                String key = line.substring(0, equals).strip();
                String value = line.substring(equals + 1).strip();
                switch (key) {
                    case "aws_access_key_id" -> accessKey = value;
                    case "aws_secret_access_key" -> secretKey = value;
                    case "aws_session_token" -> token = value;
                    default -> { }
                }
            }
            return accessKey != null && secretKey != null ? new AwsCredentials(accessKey, secretKey, token, null) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private String set(String variable) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
