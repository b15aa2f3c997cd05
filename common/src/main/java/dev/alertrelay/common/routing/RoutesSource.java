package dev.alertrelay.common.routing;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.secrets.SecretException;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.text.Truncate;

import java.util.function.Function;

/**
 * The routes document of this function: {@code ROUTES} inline, or (recommended) the name of an SSM parameter in
 * {@code ROUTES_PARAMETER}, read like a secret: once per container, cached for {@code SECRET_MAX_AGE_SECONDS}. A
 * document is parsed once per value. Without either variable nothing is routed: every notification goes to the
 * function's own destination, as before.
 *
 * <p>An invalid document never loses a notification: it goes to the function's own destination, carrying a line that
 * says the routes are invalid and why, and an error is logged for the stack's own alarm.
 */
public final class RoutesSource {

    public static final String VARIABLE = "ROUTES";

    private final Secret document;
    private final Function<String, String> env;
    private String parsedValue;
    private Routes parsed;
    private RoutesException invalid;

    private RoutesSource(Secret document, Function<String, String> env) {
        this.document = document;
        this.env = env;
    }

    public static RoutesSource fromEnvironment(Function<String, String> env, SecretResolver secrets) {
        return new RoutesSource(secrets.isConfigured(VARIABLE) ? secrets.secret(VARIABLE) : null, env);
    }

    /** Inline routes (tests, the local runner's --check-routes). */
    public static RoutesSource of(Secret document, Function<String, String> env) {
        return new RoutesSource(document, env);
    }

    public boolean configured() {
        return document != null;
    }

    /**
     * The routes, checked (including that every secret variable they name is set).
     *
     * @throws RoutesException when the document is invalid
     */
    public synchronized Routes routes(Deadline deadline) {
        String value = document.value(deadline);
        if (!value.equals(parsedValue)) {
            parsedValue = value;
            try {
                parsed = Routes.parse(value);
                parsed.requireSecrets(env);
                invalid = null;
            } catch (RoutesException e) {
                parsed = null;
                invalid = e;
            }
        }
        if (invalid != null) {
            throw invalid;
        }
        return parsed;
    }

    /** The account as the routes document names it; null without routes, with an invalid document, or for an unknown id. */
    public Routes.Account account(String id, Deadline deadline) {
        if (document == null || id == null) {
            return null;
        }
        try {
            return routes(deadline).account(id);
        } catch (RoutesException | SecretException e) {
            return null;
        }
    }

    /** Where a notification with these facts goes; see the class comment for an invalid or unreadable document. */
    public Routes.Decision decide(RouteFacts facts, Deadline deadline) {
        if (document == null) {
            return Routes.Decision.OWN_CONFIGURATION;
        }
        try {
            return routes(deadline).route(facts);
        } catch (RoutesException | SecretException e) {
            String problem = "the routes document (" + document.source() + ") is invalid: " + Truncate.toLength(e.getMessage(), 300);
            Log.error(problem + "; this notification goes to the function's own destination");
            return Routes.Decision.invalidRoutes(problem);
        }
    }
}
