package dev.alertrelay.common.http;

import com.google.gson.JsonPrimitive;
import dev.alertrelay.common.json.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A delivery URL checked once: https, or plain http only to a loopback address (local tests). Its text is secret for
 * webhooks, so {@link #toString()} never shows it and errors name only the {@code description}.
 */
public final class Endpoint {

    private static final java.util.regex.Pattern LOOPBACK_IPV4 =
            java.util.regex.Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    /** Shorter secrets are not scrubbed: replacing every "T0" or "v2" in a message would hide the message, not a secret. */
    private static final int MIN_SECRET_CHARS = 6;
    /** A path segment this long is treated as a credential wherever it appears (Slack's webhook token is 24). */
    private static final int SECRET_SEGMENT_CHARS = 16;
    /** A shorter one only when it mixes letters and digits, as ids and tokens do and words ("enqueue") do not. */
    private static final int ID_SEGMENT_CHARS = 8;

    private final URI uri;
    private final String description;
    /** Every text that must not appear in an error, longest first, mapped to what replaces it. */
    private final Map<String, String> hidden;

    private Endpoint(URI uri, String description, Map<String, String> hidden) {
        this.uri = uri;
        this.description = description;
        this.hidden = hidden;
    }

    /**
     * @param url the URL, possibly secret
     * @param description what it is for error messages, e.g. "the Slack webhook URL (SLACK_WEBHOOK_URL)"
     */
    public static Endpoint parse(String url, String description) {
        final URI uri;
        try {
            uri = new URI(url == null ? "" : url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(description + " is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException(description + " has no host");
        }
        if (scheme.equals("https") || (scheme.equals("http") && isLoopback(host))) {
            return new Endpoint(uri, description, hiddenForms(uri));
        }
        throw new IllegalArgumentException(description + " must use https (plain http is allowed only to a loopback address)");
    }

    /** Only a literal 127.x.y.z, localhost or ::1: a name such as 127.example.com is not loopback. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || LOOPBACK_IPV4.matcher(h).matches();
    }

    public URI uri() {
        return uri;
    }

    public String description() {
        return description;
    }

    /**
     * The same endpoint, whose errors also hide {@code secret} (a routing key in the body, a token in a header) in
     * every form {@link #scrub} knows. Cheap: made per request when the secret may have been re-read.
     */
    public Endpoint hiding(String secret, String placeholder) {
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            return this;
        }
        Map<String, String> more = new LinkedHashMap<>(hidden);
        addForms(more, secret, placeholder);
        return new Endpoint(uri, description, sortedLongestFirst(more));
    }

    /**
     * Removes every trace of the URL and of the secrets this endpoint hides from a message that may have come from the
     * network stack or from a receiver that echoes what it got: as written, JSON-escaped ({@code \/}, {@code \u003d}),
     * URL-encoded, the URL's path, and any long segment of it (a webhook's token alone). Scrub before cutting: a cut
     * secret is no longer found.
     */
    public String scrub(String message) {
        if (message == null) {
            return "";
        }
        String scrubbed = message;
        for (Map.Entry<String, String> form : hidden.entrySet()) {
            if (scrubbed.contains(form.getKey())) {
                scrubbed = scrubbed.replace(form.getKey(), form.getValue());
            }
        }
        return scrubbed;
    }

    private static Map<String, String> hiddenForms(URI uri) {
        Map<String, String> forms = new LinkedHashMap<>();
        addForms(forms, uri.toString(), "[url]");
        String path = uri.getRawPath();
        if (path != null && path.length() > 1) {
            addForms(forms, path, "[path]");
            String[] segments = path.split("/");
            for (String segment : segments) {
                if (looksLikeAToken(segment)) {
                    addForms(forms, segment, "[path]");
                }
            }
        }
        if (uri.getRawQuery() != null && uri.getRawQuery().length() >= MIN_SECRET_CHARS) {
            addForms(forms, uri.getRawQuery(), "[query]");
        }
        return sortedLongestFirst(forms);
    }

    private static boolean looksLikeAToken(String segment) {
        if (segment.length() >= SECRET_SEGMENT_CHARS) {
            return true;
        }
        return segment.length() >= ID_SEGMENT_CHARS && segment.chars().anyMatch(Character::isDigit)
                && segment.chars().anyMatch(Character::isLetter);
    }

    private static void addForms(Map<String, String> forms, String secret, String placeholder) {
        if (secret.length() < MIN_SECRET_CHARS) {
            return;
        }
        String json = Json.toJson(new JsonPrimitive(secret));
        String jsonEscaped = json.substring(1, json.length() - 1);
        String slashesEscaped = jsonEscaped.replace("/", "\\/");
        List<String> variants = List.of(secret, jsonEscaped, htmlSafeJson(jsonEscaped), slashesEscaped, htmlSafeJson(slashesEscaped),
                URLEncoder.encode(secret, StandardCharsets.UTF_8), URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        for (String variant : variants) {
            forms.putIfAbsent(variant, placeholder);
            forms.putIfAbsent(percentLowerCase(variant), placeholder);
        }
    }

    /** As HTML-safe JSON writers (Gson's default) escape {@code < > & = '}: {@code \\u003d}. */
    private static String htmlSafeJson(String jsonEscaped) {
        StringBuilder out = new StringBuilder(jsonEscaped.length());
        for (int i = 0; i < jsonEscaped.length(); i++) {
            char c = jsonEscaped.charAt(i);
            if ("<>&='".indexOf(c) >= 0) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code %2F} as {@code %2f}: both spellings of a percent-encoding are common. */
    private static String percentLowerCase(String text) {
        StringBuilder out = new StringBuilder(text);
        for (int i = text.indexOf('%'); i >= 0 && i + 2 < text.length(); i = text.indexOf('%', i + 1)) {
            out.setCharAt(i + 1, Character.toLowerCase(text.charAt(i + 1)));
            out.setCharAt(i + 2, Character.toLowerCase(text.charAt(i + 2)));
        }
        return out.toString();
    }

    private static Map<String, String> sortedLongestFirst(Map<String, String> forms) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(forms.entrySet());
        entries.sort((a, b) -> Integer.compare(b.getKey().length(), a.getKey().length()));
        Map<String, String> sorted = new LinkedHashMap<>();
        entries.forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return Collections.unmodifiableMap(sorted);
    }

    @Override
    public String toString() {
        return description;
    }
}
