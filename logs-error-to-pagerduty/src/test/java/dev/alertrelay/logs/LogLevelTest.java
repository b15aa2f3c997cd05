package dev.alertrelay.logs;

import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LogLevelTest {

    private static LogLevel in(String json) {
        JsonObject object = Json.parseObject(json);
        return LogLevel.in(object);
    }

    @Test
    void pinoAndBunyanNumbersReadOnTheirScale() {
        assertEquals(LogLevel.TRACE, in("{\"level\":10}"));
        assertEquals(LogLevel.DEBUG, in("{\"level\":20}"));
        assertEquals(LogLevel.INFO, in("{\"level\":30}"));
        assertEquals(LogLevel.WARN, in("{\"level\":40}"));
        assertEquals(LogLevel.ERROR, in("{\"level\":50}"));
        assertEquals(LogLevel.FATAL, in("{\"level\":60}"));
        assertEquals(LogLevel.INFO, in("{\"level\":35}"), "a custom pino level falls between its neighbours");
    }

    @Test
    void everyCommonLevelFieldIsRead() {
        assertEquals(LogLevel.INFO, in("{\"status\":\"info\"}"));
        assertEquals(LogLevel.WARN, in("{\"levelname\":\"WARNING\"}"));
        assertEquals(LogLevel.FATAL, in("{\"severity\":\"CRITICAL\"}"));
        assertEquals(LogLevel.ERROR, in("{\"log.level\":\"error\"}"));
        assertEquals(LogLevel.DEBUG, in("{\"log\":{\"level\":\"debug\"}}"));
        assertEquals(LogLevel.INFO, in("{\"@l\":\"Information\"}"));
        assertEquals(LogLevel.TRACE, in("{\"@l\":\"Verbose\"}"));
        assertEquals(LogLevel.ERROR, in("{\"lvl\":\"err\"}"));
        assertEquals(LogLevel.ERROR, in("{\"severityText\":\"ERROR\"}"));
        assertEquals(LogLevel.WARN, in("{\"severityNumber\":13}"));
        assertEquals(LogLevel.INFO, in("{\"level_value\":20000}"));
    }

    @Test
    void upperAndLowerCaseAlike() {
        assertEquals(LogLevel.ERROR, LogLevel.of("error"));
        assertEquals(LogLevel.ERROR, LogLevel.of("Error"));
        assertEquals(LogLevel.FATAL, LogLevel.of("EMERGENCY"));
    }

    @Test
    void wordsThatAlsoStartSentencesAreNoLevelOnTheirOwn() {
        assertNull(LogLevel.ofBareWord("System"));
        assertNull(LogLevel.ofBareWord("Note"));
        assertEquals(LogLevel.INFO, LogLevel.of("Note"));
        assertEquals(LogLevel.ERROR, LogLevel.ofBareWord("ERROR"));
    }

    @Test
    void anHttpStatusIsNoLevel() {
        assertNull(in("{\"status\":503}"));
        assertNull(in("{\"status\":\"failed\"}"));
    }
}
