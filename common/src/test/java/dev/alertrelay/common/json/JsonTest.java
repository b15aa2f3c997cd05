package dev.alertrelay.common.json;

import com.google.gson.JsonObject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void accessorsReadWrongTypesAsAbsent() {
        JsonObject o = Json.parseObject("{\"s\":{\"x\":1},\"n\":\"12\",\"f\":1.5,\"a\":3,\"nul\":null}");
        assertNull(Json.string(o, "s"));
        assertNull(Json.object(o, "n"));
        assertNull(Json.array(o, "a"));
        assertNull(Json.string(o, "nul"));
        assertNull(Json.string(o, "missing"));
        assertEquals(12L, Json.integer(o, "n"));
        assertNull(Json.integer(o, "f"));
        assertEquals("fallback", Json.string(o, "nul", "fallback"));
    }

    @Test
    void truncatedJsonIsAnInvalidEventWithAClearMessage() {
        InvalidEventException failure = assertThrows(InvalidEventException.class, () -> Json.parseObject("{\"Records\": ["));
        assertTrue(failure.getMessage().startsWith("the event is not valid JSON"), failure.getMessage());
    }

    @Test
    void jsonThatIsNotAnObjectIsAnInvalidEvent() {
        InvalidEventException failure = assertThrows(InvalidEventException.class, () -> Json.parseObject("[1,2]"));
        assertEquals("the event is JSON but not an object (an array)", failure.getMessage());
    }

    @Test
    void trailingGarbageAndLenientSyntaxAreRejected() {
        assertThrows(InvalidEventException.class, () -> Json.parseObject("{} x"));
        assertThrows(InvalidEventException.class, () -> Json.parseObject("{a: 'b'}"));
    }

    @Test
    void deepNestingIsAnInvalidEventOrParsesButNeverCrashes() {
        String deep = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);
        try {
            Json.parseObject(deep);
        } catch (InvalidEventException expected) {
            assertTrue(expected.getMessage().contains("nested") || expected.getMessage().contains("JSON"));
        }
    }

    @Test
    void writingIsCompactKeepsUnicodeAndAngleBracketsAndLeavesOutNullMembers() {
        JsonObject o = new JsonObject();
        o.addProperty("text", "<b> & \u65e5\u672c \uD83D\uDD25 \"q\"\n");
        o.addProperty("missing", (String) null);
        o.addProperty("n", 3);
        o.addProperty("ok", true);
        com.google.gson.JsonArray list = new com.google.gson.JsonArray();
        list.add(1.5);
        o.add("list", list);
        assertEquals("{\"text\":\"<b> & \u65e5\u672c \uD83D\uDD25 \\\"q\\\"\\n\",\"n\":3,\"ok\":true,\"list\":[1.5]}", Json.toJson(o));
    }
}
