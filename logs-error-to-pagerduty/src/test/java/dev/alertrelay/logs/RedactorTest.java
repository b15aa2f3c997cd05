package dev.alertrelay.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedactorTest {

    private final Redactor redactor = Redactor.BUILT_IN_ONLY;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            access key id                | using AKIAIOSFODNN7EXAMPLE now                          | using [REDACTED] now
            temporary access key id      | key ASIAY34FZKBOKMUTVV7A expired                        | key [REDACTED] expired
            secret access key            | secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY here      | secret [REDACTED] here
            bearer token                 | Authorization header Bearer abc.def-ghi_jkl~mno rejected | Authorization header Bearer [REDACTED] rejected
            basic credentials            | sent Basic dXNlcjpwYXNzd29yZA== to proxy                | sent Basic [REDACTED] to proxy
            authorization header value   | Authorization: Bearer abcdefghijklmnop                  | Authorization: [REDACTED]
            JWT                          | token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk was bad | token [REDACTED] was bad
            password in a URL            | connect to postgres://orders:s3cr3t@db.internal:5432/orders | connect to postgres://orders:[REDACTED]@db.internal:5432/orders
            password key=value           | login failed password=hunter2 user=bob                  | login failed password=[REDACTED] user=bob
            db_password key=value        | DB_PASSWORD=hunter2;                                    | DB_PASSWORD=[REDACTED];
            secret key: value            | client_secret: abc123xyz                                 | client_secret: [REDACTED]
            token in a query string      | GET /cb?code=1&access_token=ya29.a0AfH6SM&state=x        | GET /cb?code=1&access_token=[REDACTED]&state=x
            api key                      | call with apiKey=9f8e7d6c5b4a                            | call with apiKey=[REDACTED]
            JSON field                   | {"user":"bob","password":"hunter 2","n":1}              | {"user":"bob","password":"[REDACTED]","n":1}
            escaped JSON field           | body={\\"api_key\\":\\"k-123\\"}                          | body={\\"api_key\\":\\"[REDACTED]\\"}
            single-quoted value          | secret='p@ss word'                                       | secret='[REDACTED]'
            PEM private key              | key -----BEGIN RSA PRIVATE KEY-----MIIEabc-----END RSA PRIVATE KEY----- loaded | key [REDACTED] loaded
            """)
    void hidesCredentials(String kind, String text, String expected) {
        assertEquals(expected, redactor.redact(text), kind);
    }

    /** Secrets as they turn up in real logs: SDK dumps, env listings, HTTP headers, connection strings, request bodies. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            access key id in JSON           | {"AccessKeyId":"ASIAY34FZKBOKMUTVV7A","Expiration":"2026-11-21T04:00:00Z"}        | ASIAY34FZKBOKMUTVV7A
            secret key in an ini file       | aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY                  | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            secret key in the environment   | AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY AWS_REGION=eu-west-1 | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            secret key in JSON              | {"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "Token": "x"}      | wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
            session token in JSON           | {"SessionToken":"IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD"}         | IQoJb3JpZ2luX2VjEJr//////////wEaCWV1LXdlc3QtMSJHMEUCIQD
            bearer header                   | GET /v1/orders headers={Authorization: Bearer 4f9c2f7d0c5a4d5e9b1e8a7c6d5e4f3a}     | 4f9c2f7d0c5a4d5e9b1e8a7c6d5e4f3a
            basic header                    | proxy said 407 to Authorization: Basic b3JkZXJzOmh1bnRlcjI=                        | b3JkZXJzOmh1bnRlcjI=
            JWT in a cookie                 | Cookie: session=eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl; theme=dark | eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJib2IifQ.c2lnbmF0dXJl
            password in an https URL        | fetching https://deploy:Tr0ub4dor-3@artifacts.internal/repo/app.jar failed         | Tr0ub4dor-3
            password in a redis URL         | redis://:s3cr3tP4ss@cache.internal:6379/0 unreachable                              | s3cr3tP4ss
            passwd colon                    | ldap bind passwd: correct-horse-battery failed                                     | correct-horse-battery
            secret JSON field               | config loaded {"name":"orders","secret": "k8s-Secr3t-Value"}                        | k8s-Secr3t-Value
            api_key query parameter         | GET https://api.example.com/v2/rates?api_key=3f9a7c2e11d04b&base=EUR returned 401   | 3f9a7c2e11d04b
            token query parameter           | callback https://app.example.com/hook?token=pZ9xK2mQ7vL4&retry=1 timed out          | pZ9xK2mQ7vL4
            x-api-key header                | request headers x-api-key: 9b8c7d6e5f4a3b2c1d0e rejected                           | 9b8c7d6e5f4a3b2c1d0e
            Slack webhook URL               | POST https://hooks.slack.com/services/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 failed: 404 | Xk2mQ9vL4pZ7wR1tY8uN3bC5
            Slack workflow webhook URL      | posting to https://hooks.slack.com/workflows/T0AB12CD3/A0EF45GH6/412345678/Xk2mQ9vL4pZ7wR1tY8uN3bC5 | Xk2mQ9vL4pZ7wR1tY8uN3bC5
            PagerDuty routing key in JSON   | PagerDuty said 400 to {"routing_key":"e93facc04764012d7bfb002500d5d1a6","event_action":"trigger"} | e93facc04764012d7bfb002500d5d1a6
            PagerDuty routing key pair      | PAGERDUTY_ROUTING_KEY=R0123456789ABCDEFGHIJKLMNOPQRSTU loaded                        | R0123456789ABCDEFGHIJKLMNOPQRSTU
            PagerDuty integration key       | integration_key: e93facc04764012d7bfb002500d5d1a6                                  | e93facc04764012d7bfb002500d5d1a6
            """)
    void hidesRealisticSecretsWherever(String kind, String line, String secret) {
        String redacted = redactor.redact(line);
        assertFalse(redacted.contains(secret), kind + ": " + redacted);
        assertTrue(redacted.contains(Redactor.REDACTED), kind + ": " + redacted);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a sha1 commit id    | deployed 3f2a9b1c7d0e3f2a9b1c7d0e3f2a9b1c7d0e4a5b
            a class name        | java.lang.IllegalStateException: card declined
            a path              | /var/task/lib/aws-lambda-java-core-1.4.0.jar not found
            an ordinary url     | GET https://api.example.com:8443/v1/orders/42 returned 503
            """)
    void leavesOrdinaryTextAlone(String kind, String text) {
        assertEquals(text, redactor.redact(text), kind);
    }

    @Test
    void extraPatternsFromRedactPatternsAreHiddenToo() {
        Redactor withExtras = Redactor.withExtraPatterns("cus_[A-Za-z0-9]{8,} ;; \\b\\d{3}-\\d{2}-\\d{4}\\b");
        assertEquals("customer [REDACTED] ssn [REDACTED]", withExtras.redact("customer cus_N8fK2mQ9xLp ssn 123-45-6789"));
    }

    @Test
    void anInvalidExtraPatternStopsTheFunctionWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Redactor.withExtraPatterns("ok;;[unclosed"));
        assertTrue(e.getMessage().contains("[unclosed"), e.getMessage());
    }

    @Test
    void aSecretThatACutGoesThroughIsStillHidden() {
        String line = "x".repeat(590) + " password=hunter2-and-more-of-the-secret";
        String kept = redactor.redactPrefix(line, 600);
        assertFalse(kept.contains("hunter"), kept);
        assertTrue(kept.length() <= 600);
    }

    @Test
    void redactionIsIdempotent() {
        String once = redactor.redact("password=hunter2 Authorization: Bearer abcdefghijkl AKIAIOSFODNN7EXAMPLE");
        assertEquals(once, redactor.redact(once));
    }

    @Test
    void aPasswordWrittenAfterTheWordIsHiddenButOrdinaryWordsStay() {
        Redactor redactor = Redactor.BUILT_IN_ONLY;
        assertEquals("login failed for user bob with password [REDACTED]",
                redactor.redact("login failed for user bob with password hunter2"));
        assertEquals("password is [REDACTED] for admin", redactor.redact("password is S3cret! for admin"));
        assertEquals("password expired for user bob", redactor.redact("password expired for user bob"));
        assertEquals("password mismatch", redactor.redact("password mismatch"));
    }

    @Test
    void tokensWithAKnownPrefixAreHiddenWherever() {
        Redactor redactor = Redactor.BUILT_IN_ONLY;
        for (String token : new String[] {"ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp",
                "sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "glpat-xxxxXXXXxxxxXXXXxxxx", "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
                "npm_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8"}) {
            String redacted = redactor.redact("push rejected: key " + token + " is revoked");
            assertEquals("push rejected: key [REDACTED] is revoked", redacted, token);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            AuthorizationErrorException: An error occurred (AuthorizationError) when calling the Publish operation
            TokenExpiredException: jwt expired at 2026-11-21T03:00:00Z
            SecretsManagerException: Secrets Manager can't find the specified secret.
            PasswordResetRequiredException: Password reset required for the user
            botocore.errorfactory.AccessTokenExpiredError: The access token has expired
            com.shop.auth.CredentialsFault: upstream said no
            """)
    void exceptionNamesThatContainAKeyWordAreNotSecrets(String line) {
        assertEquals(line, redactor.redact(line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            token:                      | token: abc123                        | token: [REDACTED]
            password=                   | password=hunter2x                    | password=[REDACTED]
            Authorization:              | Authorization: Basic dXNlcjpwYXNz     | Authorization: [REDACTED]
            key word ending in error    | token_error=abc123                   | token_error=[REDACTED]
            """)
    void credentialsAfterTheirKeyWordsAreStillHidden(String kind, String text, String expected) {
        assertEquals(expected, redactor.redact(text), kind);
    }

    /**
     * Characters whose lower case is longer than themselves ("\u0130" lower-cases to two chars) used to shift every
     * offset found in a lower-cased copy, so the wrong characters were cut out of the original.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            dotted capital I       | \u0130\u0130\u0130\u0130 login password=hunter2x user=bob
            Kelvin sign            | \u212a\u212a login password=hunter2x user=bob
            surrogate pairs        | \ud83d\udd25\ud83d\udd25 login password=hunter2x user=bob
            combining marks        | e\u0301e\u0301 login password=hunter2x user=bob
            right-to-left text     | \u05e9\u05dc\u05d5\u05dd \u200f login password=hunter2x user=bob
            control characters     | \u0007\u001b[31m login password=hunter2x user=bob
            """)
    void textThatChangesLengthWhenLowerCasedIsRedactedAtTheRightPlace(String kind, String text) {
        String unescaped = unescape(text);
        String prefix = unescaped.substring(0, unescaped.indexOf(" login"));
        assertEquals(prefix + " login password=[REDACTED] user=bob", redactor.redact(unescaped), kind);
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (text.startsWith("\\u", i) && i + 6 <= text.length()) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }
}
