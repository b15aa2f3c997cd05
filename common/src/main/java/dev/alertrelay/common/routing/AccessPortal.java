package dev.alertrelay.common.routing;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Function;

/**
 * Console links that open in the right account: with an IAM Identity Center access portal ({@code ACCESS_PORTAL_URL},
 * such as {@code https://d-1234567890.awsapps.com/start}) and a permission set (the account's {@code role} in the
 * routes document, else {@code ACCESS_PORTAL_ROLE}), a console URL becomes the portal's documented shortcut link
 * {@code <start URL>/#/console?account_id=<id>&role_name=<permission set>&destination=<URL-encoded console URL>}, which
 * signs the reader into that account and role and opens the exact page. Without a portal, the link is unchanged.
 */
public final class AccessPortal {

    public static final String URL_VARIABLE = "ACCESS_PORTAL_URL";
    public static final String ROLE_VARIABLE = "ACCESS_PORTAL_ROLE";
    public static final AccessPortal NONE = new AccessPortal(null, null);

    private final String start;
    private final String defaultRole;

    private AccessPortal(String start, String defaultRole) {
        this.start = start;
        this.defaultRole = defaultRole;
    }

    /**
     * @throws IllegalArgumentException when ACCESS_PORTAL_URL is set but not an https URL, at start-up
     */
    public static AccessPortal fromEnvironment(Function<String, String> env) {
        String url = env.apply(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return NONE;
        }
        String start = url.strip();
        if (!start.toLowerCase(Locale.ROOT).startsWith("https://") || URI.create(start).getHost() == null) {
            throw new IllegalArgumentException(URL_VARIABLE + " must be the access portal's https start URL, such as"
                    + " https://d-1234567890.awsapps.com/start");
        }
        while (start.endsWith("/")) {
            start = start.substring(0, start.length() - 1);
        }
        String role = env.apply(ROLE_VARIABLE);
        return new AccessPortal(start, role == null || role.isBlank() ? null : role.strip());
    }

    /** The link to {@code consoleUrl} in {@code accountId}, through the portal when there is one and a role is known. */
    public String link(String consoleUrl, String accountId, Routes.Account account) {
        String role = account != null && account.role() != null ? account.role() : defaultRole;
        if (start == null || role == null || accountId == null || !accountId.matches("\\d{12}") || !isConsole(consoleUrl)) {
            return consoleUrl;
        }
        return start + "/#/console?account_id=" + accountId + "&role_name=" + encode(role) + "&destination=" + encode(consoleUrl);
    }

    public boolean configured() {
        return start != null;
    }

    /** A console page of any partition (aws, aws-cn, aws-us-gov). */
    static boolean isConsole(String url) {
        if (url == null || !url.startsWith("https://")) {
            return false;
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        return host != null && (host.endsWith(".console.aws.amazon.com") || host.equals("console.aws.amazon.com")
                || host.endsWith(".console.amazonaws.cn") || host.endsWith(".console.amazonaws-us-gov.com"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
