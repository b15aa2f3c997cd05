package dev.alertrelay.common.json;

import dev.alertrelay.common.text.Truncate;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * The one place JSON is read and written, and tolerant accessors for event fields.
 *
 * <p>AWS adds fields to its events over time and hostile input can put any type anywhere, so the accessors never
 * throw: a missing key, a JSON null or a value of the wrong type all read as {@code null}.
 */
public final class Json {


    private Json() {
    }

    /** Parses a whole event stream as one JSON object; anything else is an {@link InvalidEventException}. */
    public static JsonObject parseObject(InputStream in) {
        final byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidEventException("could not read the event: " + e.getMessage());
        }
        return parseObject(new String(bytes, StandardCharsets.UTF_8));
    }

    public static JsonObject parseObject(String text) {
        JsonElement element = parse(text);
        if (!element.isJsonObject()) {
            throw new InvalidEventException("the event is JSON but not an object (" + kind(element) + ")");
        }
        return element.getAsJsonObject();
    }

    /** Parses strict JSON (no comments, no unquoted strings) and rejects trailing data. */
    public static JsonElement parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidEventException("the event is empty");
        }
        return parse(new StringReader(text), text.length());
    }

    /** {@link #parseObject(String)} reading from {@code reader}, for documents too large to hold twice. */
    public static JsonObject parseObject(Reader reader) {
        JsonElement element = parse(reader, -1);
        if (!element.isJsonObject()) {
            throw new InvalidEventException("the event is JSON but not an object (" + kind(element) + ")");
        }
        return element.getAsJsonObject();
    }

    /**
     * Gson reports running out of memory and stack as a JsonParseException; a document too large for this function's
     * memory is an OutOfMemoryError again here, saying so, never "not valid JSON".
     */
    private static JsonElement parse(Reader source, long chars) {
        try {
            JsonReader reader = new JsonReader(source);
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != com.google.gson.stream.JsonToken.END_DOCUMENT) {
                throw new InvalidEventException("the event has data after its JSON document");
            }
            return element;
        } catch (JsonParseException | IOException | IllegalStateException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                throw outOfMemory(chars);
            }
            if (e.getCause() instanceof StackOverflowError) {
                throw new InvalidEventException("the event is nested too deeply to parse");
            }
            throw new InvalidEventException("the event is not valid JSON: " + firstLine(e.getMessage()));
        } catch (StackOverflowError e) {
            throw new InvalidEventException("the event is nested too deeply to parse");
        } catch (OutOfMemoryError e) {
            throw outOfMemory(chars);
        }
    }

    private static OutOfMemoryError outOfMemory(long chars) {
        return new OutOfMemoryError("parsing " + (chars < 0 ? "the event" : "a " + chars + "-character event")
                + " needs more heap than this function has (" + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB): raise its MemorySize");
    }

    /** Like {@link #parse} but returns null instead of failing: for embedded documents such as an SNS Message. */
    public static JsonElement tryParse(String text) {
        try {
            return parse(text);
        } catch (InvalidEventException e) {
            return null;
        }
    }

    /**
     * Compact JSON without HTML escaping (Slack and PagerDuty read the characters, not a web page). Written with Gson's
     * streaming writer directly: building a {@code Gson} instance costs a cold start 50-70 ms for nothing, since
     * alert-relay only ever reads and writes JSON trees.
     */
    public static String toJson(JsonElement element) {
        StringWriter out = new StringWriter();
        JsonWriter writer = new JsonWriter(out);
        writer.setHtmlSafe(false);
        writer.setSerializeNulls(false);
        try {
            write(element, writer);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    /** Null members are left out (the writer drops a name followed by a null), as Slack and PagerDuty expect. */
    private static void write(JsonElement element, JsonWriter writer) throws IOException {
        if (element == null || element.isJsonNull()) {
            writer.nullValue();
        } else if (element instanceof JsonPrimitive primitive) {
            if (primitive.isNumber()) {
                writer.value(primitive.getAsNumber());
            } else if (primitive.isBoolean()) {
                writer.value(primitive.getAsBoolean());
            } else {
                writer.value(primitive.getAsString());
            }
        } else if (element instanceof JsonArray array) {
            writer.beginArray();
            for (JsonElement item : array) {
                write(item, writer);
            }
            writer.endArray();
        } else {
            writer.beginObject();
            for (var member : element.getAsJsonObject().entrySet()) {
                writer.name(member.getKey());
                write(member.getValue(), writer);
            }
            writer.endObject();
        }
    }

    /** A string field; numbers and booleans read as their text; objects, arrays, null and absence read as null. */
    public static String string(JsonObject object, String key) {
        if (object == null) {
            return null;
        }
        JsonElement value = object.get(key);
        if (value instanceof JsonPrimitive primitive) {
            return primitive.getAsString();
        }
        return null;
    }

    /** A JSON {@code true}; anything else (false, a string, absence) reads as false. */
    public static boolean bool(JsonObject object, String key) {
        JsonElement value = object == null ? null : object.get(key);
        return value instanceof JsonPrimitive primitive && primitive.isBoolean() && primitive.getAsBoolean();
    }

    /** A string field that is absent, null, blank or of the wrong type reads as the fallback. */
    public static String string(JsonObject object, String key, String fallback) {
        String value = string(object, key);
        return value == null || value.isBlank() ? fallback : value;
    }

    public static JsonObject object(JsonObject object, String key) {
        if (object == null) {
            return null;
        }
        JsonElement value = object.get(key);
        return value instanceof JsonObject nested ? nested : null;
    }

    public static JsonArray array(JsonObject object, String key) {
        if (object == null) {
            return null;
        }
        JsonElement value = object.get(key);
        return value instanceof JsonArray nested ? nested : null;
    }

    /** A numeric field (a JSON number or a numeric string); anything else reads as null. */
    public static Double number(JsonObject object, String key) {
        String text = string(object, key);
        if (text == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A whole-number field; fractions, non-numbers and out-of-range values read as null. */
    public static Long integer(JsonObject object, String key) {
        Double value = number(object, key);
        if (value == null || value != Math.rint(value) || Math.abs(value) > 9.0e15) {
            return null;
        }
        return value.longValue();
    }

    /** The element at index i of an array if it is an object, else null. */
    public static JsonObject objectAt(JsonArray array, int i) {
        if (array == null || i < 0 || i >= array.size()) {
            return null;
        }
        JsonElement value = array.get(i);
        return value instanceof JsonObject nested ? nested : null;
    }

    private static String kind(JsonElement element) {
        if (element.isJsonArray()) {
            return "an array";
        }
        if (element.isJsonNull()) {
            return "null";
        }
        return "a " + (element.getAsJsonPrimitive().isString() ? "string" : "scalar");
    }

    /** Gson's message without its advice to enable lenient parsing, which would confuse a user. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        java.util.regex.Matcher position = java.util.regex.Pattern.compile("at line \\d+ column \\d+").matcher(message);
        if (message.contains("MalformedJsonException") || message.contains("setStrictness")) {
            return "malformed " + (position.find() ? position.group() : "input");
        }
        if (message.contains("EOFException") || message.contains("End of input")) {
            return "it ends too early " + (position.find() ? "(" + position.group() + ")" : "");
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return Truncate.toLength(line, 200);
    }
}
