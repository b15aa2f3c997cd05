package dev.alertrelay.common.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A delivery URL checked once: https, or plain http only to a loopback address (local tests). Its text is secret for
 * webhooks, so {@link #toString()} never shows it and errors name only the {@code description}.
 */
public final class Endpoint {

    private static final java.util.regex.Pattern LOOPBACK_IPV4 =
            java.util.regex.Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private final URI uri;
    private final String description;

    private Endpoint(URI uri, String description) {
        this.uri = uri;
        this.description = description;
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
            return new Endpoint(uri, description);
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

    /** Removes every trace of the URL from a message that may have come from the network stack. */
    String scrub(String message) {
        if (message == null) {
            return "";
        }
        String scrubbed = message.replace(uri.toString(), "[url]");
        if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
            scrubbed = scrubbed.replace(uri.getRawPath(), "[path]");
        }
        return scrubbed;
    }

    @Override
    public String toString() {
        return description;
    }
}
