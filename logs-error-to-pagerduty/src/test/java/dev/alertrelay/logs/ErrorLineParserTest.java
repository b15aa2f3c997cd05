package dev.alertrelay.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorLineParserTest {

    @Test
    void lambdaPlainTextLinesLoseTheirTimestampRequestIdAndLevel() {
        ErrorLine line = ErrorLineParser.parse("2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\tERROR\tPayment 4711 failed\n");
        assertEquals(LogLevel.ERROR, line.level());
        assertEquals("Payment 4711 failed", line.title());
    }

    @Test
    void pythonLinesStartWithTheLevelInBrackets() {
        ErrorLine line = ErrorLineParser.parse("[ERROR]\t2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\tKeyError: 'cart'");
        assertEquals(LogLevel.ERROR, line.level());
        assertEquals("KeyError: 'cart'", line.title());
        assertEquals("KeyError", line.exceptionClass());
    }

    @Test
    void logbackLinesKeepTheLoggerName() {
        ErrorLine line = ErrorLineParser.parse("2026-11-21 03:06:00,000 [http-nio-8080-exec-3] FATAL c.s.web.Boot - cannot start");
        assertEquals(LogLevel.FATAL, line.level());
        assertEquals("c.s.web.Boot - cannot start", line.title());
    }

    @Test
    void aLineWithoutALevelHasNone() {
        ErrorLine line = ErrorLineParser.parse("404 Not Found from upstream");
        assertNull(line.level());
        assertEquals("404 Not Found from upstream", line.title());
    }

    @Test
    void aJavaStackTraceContributesItsExceptionLineAndIsKeptWhole() {
        ErrorLine line = ErrorLineParser.parse("""
                2026-11-21 03:06:00,000 [main] ERROR c.s.web.OrderController - Order 55120 could not be saved
                org.springframework.dao.DataIntegrityViolationException: constraint [orders_pkey]
                \tat com.shop.web.OrderService.save(OrderService.java:88)
                Caused by: org.postgresql.util.PSQLException: duplicate key""");
        assertEquals("c.s.web.OrderController - Order 55120 could not be saved", line.title());
        assertEquals("org.springframework.dao.DataIntegrityViolationException: constraint [orders_pkey]", line.exception());
        assertEquals("org.springframework.dao.DataIntegrityViolationException", line.exceptionClass());
        assertTrue(line.text().contains("Caused by: org.postgresql.util.PSQLException"), line.text());
    }

    @Test
    void aPythonTracebackContributesItsLastLine() {
        ErrorLine line = ErrorLineParser.parse("""
                [ERROR] 2026-11-21T03:04:05.123Z 8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11 Unhandled error
                Traceback (most recent call last):
                  File "/var/task/app.py", line 12, in handler
                    total = cart["total"]
                KeyError: 'total'""");
        assertEquals("Unhandled error", line.title());
        assertEquals("KeyError: 'total'", line.exception());
    }

    @Test
    void jsonLinesGiveLevelMessageRequestIdAndService() {
        ErrorLine line = ErrorLineParser.parse("{\"timestamp\":\"2026-11-21T03:05:00.100Z\",\"level\":\"WARN\",\"message\":\"Stock low\","
                + "\"logger\":\"com.shop.StockClient\",\"requestId\":\"3e1f7c2a-9b8d-4e6f-a1c3-5d7e9f0b2a4c\",\"service\":\"checkout\"}");
        assertEquals(LogLevel.WARN, line.level());
        assertEquals("Stock low", line.title());
        assertEquals("3e1f7c2a-9b8d-4e6f-a1c3-5d7e9f0b2a4c", line.requestId());
        assertEquals("checkout", line.service());
    }

    @Test
    void lambdaErrorRecordsReadAsExceptionAndStackTrace() {
        ErrorLine line = ErrorLineParser.parse("{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"card declined\","
                + "\"stackTrace\":[\"com.shop.Handler.handleRequest(Handler.java:12)\"]}");
        assertEquals(LogLevel.ERROR, line.level());
        assertEquals("java.lang.IllegalStateException: card declined", line.headline());
        assertEquals("java.lang.IllegalStateException", line.exceptionClass());
        assertTrue(line.text().endsWith("com.shop.Handler.handleRequest(Handler.java:12)"), line.text());
    }

    @Test
    void aJsonMessageWithAnErrorRecordNamesBoth() {
        ErrorLine line = ErrorLineParser.parse("{\"level\":\"ERROR\",\"message\":\"Checkout failed\",\"errorType\":\"TypeError\","
                + "\"errorMessage\":\"x is undefined\",\"stack\":[\"TypeError: x is undefined\",\"    at handler (/var/task/index.js:3:9)\"]}");
        assertEquals("Checkout failed \u2014 TypeError: x is undefined", line.headline());
    }

    @Test
    void nodeInvokeErrorLinesCarryTheirErrorRecord() {
        ErrorLine line = ErrorLineParser.parse("2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\tERROR\tInvoke Error \t"
                + "{\"errorType\":\"Error\",\"errorMessage\":\"boom\",\"stack\":[\"Error: boom\",\"    at Runtime.handler (/var/task/index.js:5:11)\"]}");
        assertEquals(LogLevel.ERROR, line.level());
        assertEquals("Error: boom", line.headline());
    }

    @Test
    void theExceptionClassIsFoundInsideAJvmThreadDeathLine() {
        ErrorLine line = ErrorLineParser.parse("Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space");
        assertEquals("java.lang.OutOfMemoryError", line.exceptionClass());
    }

    @Test
    void aLineThatLogsOnlyItsErrorsMessageReadsAsTheErrorItself() {
        ErrorLine pino = ErrorLineParser.parse("{\"level\":50,\"msg\":\"connect ECONNREFUSED\",\"err\":{\"type\":\"Error\","
                + "\"message\":\"connect ECONNREFUSED\",\"stack\":\"Error: connect ECONNREFUSED\\n    at x (y.js:1:1)\"}}");
        assertEquals("Error: connect ECONNREFUSED", pino.headline());
        assertEquals("Error: connect ECONNREFUSED\n    at x (y.js:1:1)", pino.text(), "the error line once, then its frames");
    }

    @Test
    void nodesUnhandledRejectionAndRubysInitErrorCarryTheirRecordOnTheLinesBelow() {
        ErrorLine node = ErrorLineParser.parse("2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\tERROR\tUnhandled Promise Rejection \t"
                + "{\"errorType\":\"Runtime.UnhandledPromiseRejection\",\"errorMessage\":\"TypeError: fetch failed\"}");
        assertEquals("TypeError: fetch failed", node.headline());
        ErrorLine ruby = ErrorLineParser.parse("Init error when loading handler app.handler\n{\n\"errorMessage\": \"uninitialized constant Foo\",\n"
                + "\"errorType\": \"Init<NameError>\"\n}");
        assertEquals("NameError: uninitialized constant Foo", ruby.headline());
    }

    @Test
    void serilogsCompactFormatWithoutALevelIsInformation() {
        assertEquals(LogLevel.INFO, ErrorLineParser.parse("{\"@t\":\"2026-11-21T03:04:05Z\",\"@mt\":\"Error budget {Pct}\",\"Pct\":3}").level());
    }

    @Test
    void logfmtMessagesLoseTheirQuotes() {
        ErrorLine line = ErrorLineParser.parse("time=\"2026-11-21T03:05:01Z\" level=error msg=\"failed to \\\"flush\\\"\" error=\"quota\"");
        assertEquals(LogLevel.ERROR, line.level());
        assertEquals("failed to \"flush\" error=\"quota\"", line.title());
    }

    @Test
    void theDotNetHostsUnhandledExceptionLineReadsAsTheException() {
        ErrorLine line = ErrorLineParser.parse("Unhandled exception. System.InvalidOperationException: no orders\n   at Shop.F.Run()");
        assertEquals("System.InvalidOperationException: no orders", line.headline());
    }

    @Test
    void aLongMessageBesideALongErrorIsReadWithoutSearchingOneInsideTheOther() {
        String message = "a".repeat(300_000);
        String error = "a".repeat(150_000) + "b";
        ErrorLine line = ErrorLineParser.parse("{\"level\":\"ERROR\",\"message\":\"" + message + "\",\"errorType\":\"E\",\"errorMessage\":\""
                + error + "\",\"stackTrace\":[\"" + error + "\"]}");
        assertEquals(LogLevel.ERROR, line.level());
        assertEquals("E: " + error, line.exception());
    }
}
