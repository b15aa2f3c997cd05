package dev.alertrelay.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TextPrefixTest {

    private static String message(String line) {
        return line.substring(TextPrefix.of(line).end()).strip();
    }

    @Test
    void rdsPostgresqlGluesTheLevelOnWithColons() {
        String line = "2026-11-21 03:05:01 UTC:10.0.1.23(53412):app@orders:[7781]:ERROR:  duplicate key value";
        assertEquals(LogLevel.ERROR, TextPrefix.of(line).level());
        assertEquals("duplicate key value", message(line));
        assertEquals(LogLevel.INFO, TextPrefix.of("2026-11-21 03:05:01 UTC::@:[5306]:LOG:  checkpoint starting: time").level());
    }

    @Test
    void postgresqlContinuationLinesReadAsInfo() {
        assertEquals(LogLevel.INFO, TextPrefix.of("2026-11-21 03:05:01 UTC:10.0.1.23(53412):app@orders:[7781]:DETAIL:  Key (id)=(1) already exists.").level());
        assertEquals(LogLevel.INFO, TextPrefix.of("2026-11-21 03:05:01.117 UTC [7802] STATEMENT:  SELECT 1").level());
    }

    @Test
    void postgresqlsDefaultPrefixHasATimeZoneAndAPid() {
        String line = "2026-11-21 03:05:04.117 UTC [7802] FATAL:  the database system is shutting down";
        assertEquals(LogLevel.FATAL, TextPrefix.of(line).level());
        assertEquals("the database system is shutting down", message(line));
    }

    @Test
    void mysqlHasAThreadNumberBeforeItsBracketedLevel() {
        String line = "2026-11-21T03:05:02.334455Z 14 [ERROR] [MY-012592] [InnoDB] Operating system error number 28";
        assertEquals(LogLevel.ERROR, TextPrefix.of(line).level());
        assertEquals("Operating system error number 28", message(line));
        assertEquals(LogLevel.INFO, TextPrefix.of("2026-11-21T03:05:00.512345Z 0 [Note] [MY-010914] [Server] Aborted connection").level());
    }

    @Test
    void nginxLosesItsPidAndConnectionNumber() {
        String line = "2026/11/21 03:05:02 [error] 29#29: *120 connect() failed (111: Connection refused)";
        assertEquals(LogLevel.ERROR, TextPrefix.of(line).level());
        assertEquals("connect() failed (111: Connection refused)", message(line));
        assertEquals(LogLevel.INFO, TextPrefix.of("2026/11/21 03:05:00 [notice] 1#1: start worker process 29").level());
    }

    @Test
    void syslogsPriorityCarriesTheSeverity() {
        assertEquals(LogLevel.ERROR, TextPrefix.of("<131>Nov 21 03:05:01 web-1 shop[812]: payment gateway unreachable").level());
        assertEquals("shop[812]: payment gateway unreachable", message("<131>Nov 21 03:05:01 web-1 shop[812]: payment gateway unreachable"));
        assertEquals(LogLevel.INFO, TextPrefix.of("<134>Nov  1 03:05:00 web-1 shop[812]: stored").level());
        String rfc5424 = "<165>1 2026-11-21T03:05:03.003Z web-1 shop 812 ID47 [exampleSDID@32473 iut=\"3\" x=\"a\\]b\"] ERROR budget report sent";
        assertEquals(LogLevel.INFO, TextPrefix.of(rfc5424).level());
        assertEquals("ERROR budget report sent", message(rfc5424));
        assertEquals(LogLevel.FATAL, TextPrefix.of("<10>1 2026-11-21T03:05:04.000Z web-1 shop 812 - - disk /var is full").level());
    }

    @Test
    void pythonsDefaultFormatsNameTheLevelBesideTheLogger() {
        assertEquals(LogLevel.ERROR, TextPrefix.of("ERROR:shop.orders:order 55120 could not be saved").level());
        assertEquals("order 55120 could not be saved", message("ERROR:shop.orders:order 55120 could not be saved"));
        String asctime = "2026-11-21 03:05:01,000 - shop.payments - ERROR - payment 4711 failed";
        assertEquals(LogLevel.ERROR, TextPrefix.of(asctime).level());
        assertEquals("payment 4711 failed", message(asctime));
    }

    @Test
    void logfmtReadsItsLevelKey() {
        String line = "time=\"2026-11-21T03:05:01Z\" level=error msg=\"failed to flush\"";
        assertEquals(LogLevel.ERROR, TextPrefix.of(line).level());
        assertEquals("\"failed to flush\"", message(line));
    }

    @Test
    void lambdaTextLinesCarryTheirRequestId() {
        TextPrefix prefix = TextPrefix.of("2026-11-21T03:04:05.123Z\t8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11\tERROR\tPayment failed");
        assertEquals("8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11", prefix.requestId());
        assertEquals(LogLevel.ERROR, prefix.level());
    }

    @Test
    void aSentenceStartingWithAnAmbiguousWordHasNoLevel() {
        assertNull(TextPrefix.of("System failure: disk full").level());
        assertEquals(0, TextPrefix.of("System failure: disk full").end());
    }

    @Test
    void longHostilePrefixesAreReadInOnePassWithoutALevelTheyDoNotName() {
        assertNull(TextPrefix.of("2026-11-21 " + ":A".repeat(200_000)).level());
        assertEquals(LogLevel.FATAL, TextPrefix.of("<1>1 a b c d e [" + "\\]".repeat(100_000)).level());
    }
}
