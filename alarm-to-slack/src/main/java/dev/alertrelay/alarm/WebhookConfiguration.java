package dev.alertrelay.alarm;

import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.slack.SlackOverrides;
import dev.alertrelay.slack.SlackSender;

import java.util.Locale;
import java.util.function.Function;

/**
 * Where messages go. The usual {@code SLACK_WEBHOOK_URL} / {@code _ENCRYPTED} / {@code _PARAMETER}, or, so that users
 * of AWS's cloudwatch-alarm-to-slack blueprint can switch without re-encrypting anything, the blueprint's
 * {@code kmsEncryptedHookUrl} (KMS ciphertext of the URL, which the blueprint stores without its scheme) and
 * {@code slackChannel}.
 */
final class WebhookConfiguration {

    static final String BLUEPRINT_ENCRYPTED_URL = "kmsEncryptedHookUrl";
    static final String BLUEPRINT_CHANNEL = "slackChannel";

    private WebhookConfiguration() {
    }

    static SlackSender sender(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        SlackOverrides overrides = SlackOverrides.fromEnvironment(env).withDefaultChannel(env.apply(BLUEPRINT_CHANNEL));
        String blueprintUrl = env.apply(BLUEPRINT_ENCRYPTED_URL);
        if (secrets.isConfigured(SlackSender.WEBHOOK_SECRET) || blueprintUrl == null || blueprintUrl.isBlank()) {
            return SlackSender.create(secrets.secret(SlackSender.WEBHOOK_SECRET), overrides, dryRun);
        }
        return SlackSender.create(secrets.encryptedVariable(BLUEPRINT_ENCRYPTED_URL).map(WebhookConfiguration::withHttpsScheme),
                overrides, dryRun);
    }

    /** The blueprint prepends {@code https://} to the decrypted value; a value that has a scheme keeps it. */
    static String withHttpsScheme(String url) {
        String trimmed = url.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? trimmed : "https://" + trimmed;
    }
}
