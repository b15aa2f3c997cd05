package dev.alertrelay.pagerduty;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.re2j.Pattern;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.text.Truncate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2-overview) without its routing key, which
 * only the sender adds so that it can never reach a log or a dry-run printout. The builder keeps PagerDuty's limits:
 * summary {@value #SUMMARY_MAX} characters, dedup_key {@value DedupKey#MAX_LENGTH}, the whole event {@value #EVENT_MAX_BYTES} bytes.
 */
public final class PagerDutyEvent {

    public static final int SUMMARY_MAX = 1024;
    public static final int EVENT_MAX_BYTES = 512 * 1024;
    /** Runs of whitespace in a summary become one space (RE2/J: linear on any text, like every pattern on log text). */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final JsonObject body;

    private PagerDutyEvent(JsonObject body) {
        this.body = body;
    }

    public static Builder trigger(String dedupKey, String summary, String source, Severity severity) {
        return new Builder(dedupKey, summary, source, severity);
    }

    /** Closes the open incident with this key; PagerDuty drops it when none is open. */
    public static PagerDutyEvent resolve(String dedupKey) {
        JsonObject body = new JsonObject();
        body.addProperty("event_action", "resolve");
        body.addProperty("dedup_key", DedupKey.fitted(dedupKey));
        return new PagerDutyEvent(body);
    }

    public String action() {
        return Json.string(body, "event_action");
    }

    public String dedupKey() {
        return Json.string(body, "dedup_key");
    }

    /**
     * This event labelled with the account it is about ({@code prod-payments (111122223333)}): in front of the summary
     * (cut to PagerDuty's limit) and as {@code custom_details.account}, with its environment; a resolve is unchanged.
     */
    public PagerDutyEvent withAccount(String label, String environment) {
        JsonObject payload = Json.object(body, "payload");
        if (payload == null) {
            return this;
        }
        JsonObject copy = body.deepCopy();
        JsonObject newPayload = copy.getAsJsonObject("payload");
        String tag = environment == null ? label : label + ", " + environment;
        newPayload.addProperty("summary", Truncate.toLength("[" + tag + "] " + Json.string(payload, "summary"), SUMMARY_MAX));
        JsonObject details = newPayload.get("custom_details") instanceof JsonObject object ? object : new JsonObject();
        details.addProperty("account", label);
        if (environment != null) {
            details.addProperty("environment", environment);
        }
        newPayload.add("custom_details", details);
        return new PagerDutyEvent(withinLimit(copy));
    }

    /** This event with its links and client URL passed through {@code rewrite} (console links through the access portal). */
    public PagerDutyEvent withLinks(java.util.function.UnaryOperator<String> rewrite) {
        JsonObject copy = body.deepCopy();
        if (copy.get("links") instanceof JsonArray links) {
            for (com.google.gson.JsonElement link : links) {
                if (link instanceof JsonObject object && Json.string(object, "href") != null) {
                    object.addProperty("href", rewrite.apply(Json.string(object, "href")));
                }
            }
        }
        if (Json.string(copy, "client_url") != null) {
            copy.addProperty("client_url", rewrite.apply(Json.string(copy, "client_url")));
        }
        return new PagerDutyEvent(withinLimit(copy));
    }

    /** The payload's severity ({@code critical}, {@code error}, ...), or null for a resolve. */
    public String severity() {
        return Json.string(Json.object(body, "payload"), "severity");
    }

    /** The payload's summary, or null for a resolve. */
    public String summary() {
        return Json.string(Json.object(body, "payload"), "summary");
    }

    /** The request body without {@code routing_key}; a copy, so senders may add to it. */
    public JsonObject toJson() {
        return body.deepCopy();
    }

    @Override
    public String toString() {
        return action() + " " + dedupKey();
    }

    public static final class Builder {
        private final JsonObject body = new JsonObject();
        private final JsonObject payload = new JsonObject();
        private final JsonArray links = new JsonArray();

        private Builder(String dedupKey, String summary, String source, Severity severity) {
            body.addProperty("event_action", "trigger");
            body.addProperty("dedup_key", DedupKey.fitted(dedupKey));
            String oneLine = summary == null || summary.isBlank() ? "alert-relay event" : WHITESPACE.matcher(summary.strip()).replaceAll(" ");
            payload.addProperty("summary", Truncate.toLength(oneLine, SUMMARY_MAX));
            payload.addProperty("source", source == null || source.isBlank() ? "alert-relay" : Truncate.toLength(source, SUMMARY_MAX));
            payload.addProperty("severity", severity.apiValue());
        }

        public Builder timestamp(Instant timestamp) {
            payload.addProperty("timestamp", timestamp.toString());
            return this;
        }

        public Builder component(String component) {
            return optional("component", component);
        }

        public Builder group(String group) {
            return optional("group", group);
        }

        /** PagerDuty's {@code class}: the kind of event, e.g. the exception class. */
        public Builder eventClass(String eventClass) {
            return optional("class", eventClass);
        }

        public Builder customDetails(JsonObject details) {
            payload.add("custom_details", details);
            return this;
        }

        public Builder link(String href, String text) {
            if (href != null) {
                JsonObject link = new JsonObject();
                link.addProperty("href", href);
                link.addProperty("text", text);
                links.add(link);
            }
            return this;
        }

        /** The tool that sent the event; PagerDuty shows "View in {client}" linking to {@code clientUrl}. */
        public Builder client(String client, String clientUrl) {
            body.addProperty("client", client);
            if (clientUrl != null) {
                body.addProperty("client_url", clientUrl);
            }
            return this;
        }

        /** The event, within PagerDuty's size limit (see {@link #withinLimit}). */
        public PagerDutyEvent build() {
            JsonObject event = body.deepCopy();
            event.add("payload", payload.deepCopy());
            if (!links.isEmpty()) {
                event.add("links", links.deepCopy());
            }
            return new PagerDutyEvent(withinLimit(event));
        }

        private Builder optional(String key, String value) {
            if (value != null && !value.isBlank()) {
                payload.addProperty(key, Truncate.toLength(value, SUMMARY_MAX));
            }
            return this;
        }
    }

    /**
     * The exact body POSTed: this event with {@code routing_key} first, within {@value #EVENT_MAX_BYTES} bytes as
     * sent (the key itself counts: a check made before adding it let a 524,334-byte request through).
     */
    byte[] requestBody(String routingKey) {
        JsonObject request = new JsonObject();
        request.addProperty("routing_key", routingKey);
        body.entrySet().forEach(field -> request.add(field.getKey(), field.getValue().deepCopy()));
        return Json.toJson(withinLimit(request)).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Formatters keep custom_details within their own budget; should an event still pass PagerDuty's size limit, its
     * custom_details are replaced by a note, and if that is not enough (links built from a huge log group name), its
     * links go too, so that the incident itself is not lost to a 400. What is left is text cut to {@value #SUMMARY_MAX}
     * characters a field, far below the limit.
     */
    private static JsonObject withinLimit(JsonObject event) {
        if (utf8Bytes(event) > EVENT_MAX_BYTES) {
            JsonObject note = new JsonObject();
            note.addProperty("note", "custom details left out: the event was larger than PagerDuty's 512 KB limit");
            event.getAsJsonObject("payload").add("custom_details", note);
        }
        if (utf8Bytes(event) > EVENT_MAX_BYTES) {
            event.remove("links");
            event.remove("client_url");
            event.getAsJsonObject("payload").getAsJsonObject("custom_details")
                    .addProperty("note", "custom details and links left out: the event was larger than PagerDuty's 512 KB limit");
        }
        return event;
    }

    static int utf8Bytes(JsonObject json) {
        return Json.toJson(json).getBytes(StandardCharsets.UTF_8).length;
    }
}
