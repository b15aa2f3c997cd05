package dev.alertrelay.common.testing;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * moto_server, the AWS API emulator, on a free loopback port: real KMS and SSM API calls in tests. It must be on the
 * PATH (CI installs it); a missing moto_server fails the test loudly instead of skipping it.
 */
public final class MotoServer implements AutoCloseable {

    public static final String REGION = "us-east-1";

    private final Process process;
    private final int port;
    private KmsClient kms;
    private SsmClient ssm;

    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        useCredentials(new IamUser("test", "test"));
    }

    private void useCredentials(IamUser user) {
        if (kms != null) {
            kms.close();
            ssm.close();
        }
        URI endpoint = URI.create(endpoint());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey()));
        this.kms = KmsClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
                .credentialsProvider(credentials).endpointOverride(endpoint).build();
        this.ssm = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
                .credentialsProvider(credentials).endpointOverride(endpoint).build();
    }

    public static MotoServer start() {
        return start(Map.of());
    }

    /** Credentials of an IAM user created in moto. */
    public record IamUser(String accessKeyId, String secretAccessKey) {
    }

    /**
     * A moto that verifies request signatures and enforces IAM, as AWS does, with two users: {@code allowed} may use
     * KMS and SSM, {@code denied} may do nothing. moto lets exactly the first N requests through unauthenticated
     * (INITIAL_NO_AUTH_ACTION_COUNT): the five IAM calls that create these users.
     */
    public static AuthenticatedMoto startEnforcingAuth() {
        MotoServer moto = start(Map.of("INITIAL_NO_AUTH_ACTION_COUNT", "5"));
        IamUser allowed = moto.createUser("alert-relay-allowed",
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"kms:*\",\"ssm:*\"],\"Resource\":\"*\"}]}");
        IamUser denied = moto.createUser("alert-relay-denied", null);
        return new AuthenticatedMoto(moto, allowed, denied);
    }

    /** A signature-verifying moto and its two users; KMS and SSM setup calls run as {@code allowed}. */
    public record AuthenticatedMoto(MotoServer server, IamUser allowed, IamUser denied) implements AutoCloseable {
        public Map<String, String> environmentFor(IamUser user) {
            Map<String, String> env = server.awsEnvironment();
            env.put("AWS_ACCESS_KEY_ID", user.accessKeyId());
            env.put("AWS_SECRET_ACCESS_KEY", user.secretAccessKey());
            return env;
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private IamUser createUser(String name, String policy) {
        aws("iam", "create-user", "--user-name", name);
        String[] key = aws("iam", "create-access-key", "--user-name", name, "--query",
                "[AccessKey.AccessKeyId,AccessKey.SecretAccessKey]", "--output", "text").strip().split("\\s+");
        if (policy != null) {
            aws("iam", "put-user-policy", "--user-name", name, "--policy-name", "alert-relay", "--policy-document", policy);
        }
        IamUser user = new IamUser(key[0], key[1]);
        if (policy != null) {
            useCredentials(user);
        }
        return user;
    }

    /** Runs the AWS CLI against this moto (for IAM, which the tests have no SDK module for). */
    private String aws(String... args) {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("aws", "--endpoint-url", endpoint(), "--region", REGION));
        command.addAll(java.util.List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("aws " + String.join(" ", args) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("the AWS CLI is required for this test: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static MotoServer start(Map<String, String> motoEnvironment) {
        int port = freePort();
        Path log;
        Process process;
        try {
            log = Files.createTempFile("moto", ".log");
            ProcessBuilder builder = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(motoEnvironment);
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("moto_server is required for this test and could not be started"
                    + " (is it installed and on the PATH?): " + e.getMessage(), e);
        }
        long until = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited at start; see " + log);
            }
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/moto-api/").toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() > 0) {
                    return new MotoServer(process, port, log);
                }
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not answer within 30 s; see " + log);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Environment for a process or resolver that should reach this moto: endpoint, region, dummy credentials. */
    public Map<String, String> awsEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", endpoint());
        env.put("AWS_REGION", REGION);
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        return env;
    }

    /**
     * The same as {@link #awsEnvironment} as the SDK's system properties, for SDK clients created inside the test JVM
     * (the SDK reads credentials and endpoints from the process environment, which a test cannot set).
     */
    public Map<String, String> sdkSystemProperties() {
        return Map.of("aws.endpointUrl", endpoint(), "aws.region", REGION, "aws.accessKeyId", "test", "aws.secretAccessKey", "test");
    }

    /** A Secrets Manager secret, readable through SSM as {@code /aws/reference/secretsmanager/<name>}. */
    public void createSecret(String name, String value) {
        try (var secrets = software.amazon.awssdk.services.secretsmanager.SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create()).region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .endpointOverride(URI.create(endpoint())).build()) {
            secrets.createSecret(r -> r.name(name).secretString(value));
        }
    }

    public String createKey() {
        return kms.createKey(r -> r.description("alert-relay test")).keyMetadata().keyId();
    }

    /** Base64 ciphertext as the Lambda console's encryption helper makes it (context LambdaFunctionName). */
    public String encryptForFunction(String keyId, String plaintext, String functionName) {
        return encrypt(keyId, plaintext, Map.of("LambdaFunctionName", functionName));
    }

    /** Base64 ciphertext with the given encryption context (empty: none, as the plain CLI makes it). */
    public String encrypt(String keyId, String plaintext, Map<String, String> context) {
        EncryptRequest.Builder request = EncryptRequest.builder().keyId(keyId)
                .plaintext(SdkBytes.fromString(plaintext, StandardCharsets.UTF_8));
        if (!context.isEmpty()) {
            request.encryptionContext(context);
        }
        return Base64.getEncoder().encodeToString(kms.encrypt(request.build()).ciphertextBlob().asByteArray());
    }

    public void putSecureString(String name, String value) {
        ssm.putParameter(PutParameterRequest.builder().name(name).value(value).type(ParameterType.SECURE_STRING)
                .overwrite(true).build());
    }

    @Override
    public void close() {
        kms.close();
        ssm.close();
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        JarProcess.deleteQuietly(log);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
