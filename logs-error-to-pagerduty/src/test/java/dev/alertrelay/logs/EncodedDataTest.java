package dev.alertrelay.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EncodedDataTest {

    @Test
    void aLongBase64RunStandsInForWhatItIs() {
        String blob = "H4sIAAAAAAAA/" + "zWOwQqDMBBE/2XPWUg0aHIr9Qvak".repeat(10);
        assertEquals("payload <encoded data, " + blob.length() + " chars> dropped", EncodedData.elide("payload " + blob + " dropped"));
    }

    @Test
    void wordsClassNamesAndShortIdsStay() {
        String text = "java.lang.IllegalStateException: order 8f14e45f-ceea-467f-a0e6-3c3f9b1d2a11 failed";
        assertEquals(text, EncodedData.elide(text));
        String letters = "a".repeat(200);
        assertEquals(letters, EncodedData.elide(letters), "no digits: not encoded data");
    }

    @Test
    void unicodeAroundARunIsKept() {
        String blob = "Ab1".repeat(30);
        assertEquals("注文 <encoded data, 90 chars> 😀", EncodedData.elide("注文 " + blob + " 😀"));
    }
}
