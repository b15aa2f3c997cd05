package dev.alertrelay.common.testing;

import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.secrets.SecretResolver;

import java.util.Map;

/** Secrets for tests, resolved exactly as the functions resolve them. */
public final class TestSecrets {

    private TestSecrets() {
    }

    /** The secret {@code name} configured in plain text. */
    public static Secret plain(String name, String value) {
        return new SecretResolver(Map.of(name, value)::get).secret(name);
    }
}
