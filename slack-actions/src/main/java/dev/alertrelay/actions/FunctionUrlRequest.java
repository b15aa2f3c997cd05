package dev.alertrelay.actions;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Lambda function URL request (payload format 2.0): its method, headers (names in lower case, as function URLs
 * deliver them; looked up without regard to case anyway) and the raw body bytes, decoded from base64 when the event
 * says so. The signature is over exactly these bytes, so nothing here re-encodes them.
 */
record FunctionUrlRequest(String method, Map<String, String> headers, byte[] body) {

    /** Why a request could not be read: answered 401, with nothing read past this point. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param maxBodyBytes the largest body taken: a longer one is refused before it is decoded
     */
    static FunctionUrlRequest of(JsonObject event, int maxBodyBytes) throws Unreadable {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (event.get("headers") instanceof JsonObject given) {
            for (Map.Entry<String, JsonElement> header : given.entrySet()) {
                if (header.getValue().isJsonPrimitive()) {
                    headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().getAsString());
                }
            }
        }
        String method = null;
        if (event.get("requestContext") instanceof JsonObject context && context.get("http") instanceof JsonObject http
                && http.get("method") != null && http.get("method").isJsonPrimitive()) {
            method = http.get("method").getAsString();
        }
        JsonElement rawBody = event.get("body");
        if (rawBody == null || !rawBody.isJsonPrimitive()) {
            throw new Unreadable("no body");
        }
        String text = rawBody.getAsString();
        boolean base64 = event.get("isBase64Encoded") != null && event.get("isBase64Encoded").isJsonPrimitive()
                && event.get("isBase64Encoded").getAsBoolean();
        // Every body byte takes at least one character, and base64 four characters for three bytes: a text that long
        // is refused before anything is decoded or copied.
        if ((base64 ? text.length() / 4L * 3 : text.length()) > maxBodyBytes) {
            throw new Unreadable("a body over " + maxBodyBytes + " bytes");
        }
        byte[] body;
        try {
            body = base64 ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("a body that is not base64 although isBase64Encoded says so");
        }
        if (body.length > maxBodyBytes) {
            throw new Unreadable("a body over " + maxBodyBytes + " bytes");
        }
        return new FunctionUrlRequest(method, headers, body);
    }

    String header(String name) {
        return headers.get(name);
    }
}
