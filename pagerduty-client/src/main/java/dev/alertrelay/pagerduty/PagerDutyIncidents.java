package dev.alertrelay.pagerduty;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.SecretResolver;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where an incident is, for a link back from Slack: the Events API answers a trigger with its dedup key only, so the
 * incident's page is found through the REST API ({@code GET /incidents?incident_key=...}, a read-only API key) once
 * PagerDuty has made it. PagerDuty makes incidents from events asynchronously, so a trigger sent a moment ago may not
 * have one yet: a few short tries within a small budget, then none. A link is a convenience; nothing waits for it.
 */
public final class PagerDutyIncidents {

    private static final RetryPolicy POLICY = new RetryPolicy(1, 0, 0, 500, 800, 0);
    private static final int TRIES = 3;
    private static final long BETWEEN_TRIES_MILLIS = 250;
    /** What must be left of the invocation for one more try: the click still has Slack to update. */
    private static final long RESERVE_MILLIS = 1_500;

    private final PagerDutyRestApi api;

    PagerDutyIncidents(PagerDutyRestApi api) {
        this.api = api;
    }

    /** The lookup when a PagerDuty REST API key is configured (and not in a dry run, which reads no secret). */
    public static Optional<PagerDutyIncidents> fromEnvironment(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        if (dryRun || !secrets.isConfigured(PagerDutyRestApi.API_KEY_SECRET)) {
            return Optional.empty();
        }
        return Optional.of(new PagerDutyIncidents(PagerDutyRestApi.fromEnvironment(env, secrets, POLICY)));
    }

    /** The incident's web page ({@code html_url}) for {@code dedupKey}, if PagerDuty shows one in time. */
    public Optional<String> webPage(String dedupKey, Deadline deadline) {
        for (int attempt = 1; attempt <= TRIES && deadline.remainingMillis() > RESERVE_MILLIS; attempt++) {
            try {
                Optional<String> page = lookUp(dedupKey, deadline);
                if (page.isPresent()) {
                    return page;
                }
                deadline.pause(BETWEEN_TRIES_MILLIS);
            } catch (DeliveryException e) {
                Log.info("the PagerDuty incident's link is not known (" + e.getMessage() + "); the thread shows the page without it");
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private Optional<String> lookUp(String dedupKey, Deadline deadline) {
        String body = api.get("/incidents?incident_key=" + URLEncoder.encode(dedupKey, StandardCharsets.UTF_8)
                + "&statuses%5B%5D=triggered&statuses%5B%5D=acknowledged", deadline);
        JsonElement answer = Json.tryParse(body);
        if (answer == null || !answer.isJsonObject() || Json.array(answer.getAsJsonObject(), "incidents") == null
                || Json.array(answer.getAsJsonObject(), "incidents").isEmpty()) {
            return Optional.empty();
        }
        JsonObject incident = Json.objectAt(Json.array(answer.getAsJsonObject(), "incidents"), 0);
        String page = incident == null ? null : Json.string(incident, "html_url");
        return page != null && page.startsWith("https://") && page.length() <= 500 ? Optional.of(page) : Optional.empty();
    }
}
