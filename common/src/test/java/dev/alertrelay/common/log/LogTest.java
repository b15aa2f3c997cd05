package dev.alertrelay.common.log;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogTest {

    @Test
    void newlinesAndControlCharactersFromEventsCannotSplitOrForgeALine() {
        assertEquals("alarm a\\nINFO forged\\r \\u001b[31mred\\u0000", Log.oneLine("alarm a\nINFO forged\r \u001b[31mred\u0000"));
    }

    @Test
    void aHugeMessageIsCutAndSaysSo() {
        String line = Log.oneLine("x".repeat(100_000));
        assertTrue(line.length() <= Log.MAX_LINE + 10, "length " + line.length());
        assertTrue(line.endsWith("\u2026 (cut)"), line.substring(line.length() - 20));
    }

    @Test
    void ordinaryTextIsUntouched() {
        assertEquals("sent ALARM shop-alb-no-healthy-hosts \u65e5\u672c", Log.oneLine("sent ALARM shop-alb-no-healthy-hosts \u65e5\u672c"));
    }
}
