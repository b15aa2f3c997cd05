package dev.alertrelay.common.secrets;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.log.Log;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One configured secret (a webhook URL, a token, a routing key), read when first needed and cached per container.
 * The value is never logged and never part of an exception message.
 */
public interface Secret {

    /**
     * The value: from the cache while it is younger than {@code SECRET_MAX_AGE_SECONDS}, else read again (KMS, SSM)
     * within the invocation's remaining time.
     *
     * @throws SecretException naming the variable and the cause
     */
    String value(Deadline deadline);

    /**
     * Forgets the cached value because the receiver said the credential is wrong (a rotated webhook, a replaced
     * routing key), so the next {@link #value} reads it again.
     *
     * @return whether reading again can give a different value (false for a plain-text variable)
     */
    boolean refresh();

    /** The environment variable the secret comes from, named in messages instead of the value. */
    String source();

    /**
     * Runs {@code use} with the value; when it fails with a delivery the receiver refused because of the credential
     * itself ({@code refusesCredential}: a rotated webhook, a replaced routing key), reads the value once more and,
     * if it changed, runs {@code use} again with the new one. Any other failure, or a value that did not change,
     * stands.
     */
    default void useRereadingOnRefusal(Deadline deadline, Predicate<DeliveryException> refusesCredential, Consumer<String> use) {
        applyRereadingOnRefusal(deadline, refusesCredential, value -> {
            use.accept(value);
            return null;
        });
    }

    /** {@link #useRereadingOnRefusal} for a use that answers something (the Slack Web API's message timestamp). */
    default <T> T applyRereadingOnRefusal(Deadline deadline, Predicate<DeliveryException> refusesCredential,
                                          Function<String, T> use) {
        String value = value(deadline);
        try {
            return use.apply(value);
        } catch (DeliveryException e) {
            if (!refusesCredential.test(e) || !refresh()) {
                throw e;
            }
            String reread = value(deadline);
            if (reread.equals(value)) {
                throw e;
            }
            Log.info("the receiver refused the credential from " + source() + "; sending again with the value read anew");
            return use.apply(reread);
        }
    }

    /** This secret with {@code transform} applied to its value (the Slack blueprint stores its URL without a scheme). */
    default Secret map(UnaryOperator<String> transform) {
        Secret secret = this;
        return new Secret() {
            @Override
            public String value(Deadline deadline) {
                return transform.apply(secret.value(deadline));
            }

            @Override
            public boolean refresh() {
                return secret.refresh();
            }

            @Override
            public String source() {
                return secret.source();
            }
        };
    }
}
