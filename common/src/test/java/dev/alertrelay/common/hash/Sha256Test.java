package dev.alertrelay.common.hash;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Sha256Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void theFips180TestVectorsHold() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", HEX.formatHex(Sha256.digest("")));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", HEX.formatHex(Sha256.digest("abc")));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                HEX.formatHex(Sha256.digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")));
    }

    @Test
    void theRfc4231HmacTestVectorHolds() {
        byte[] key = new byte[20];
        java.util.Arrays.fill(key, (byte) 0x0b);
        assertEquals("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
                HEX.formatHex(Sha256.hmac(key, "Hi There".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void digestAndHmacAgreeWithTheJdkOnRandomInputOfEveryLengthAroundTheBlockBoundaries() throws Exception {
        SplittableRandom random = new SplittableRandom(20261122);
        MessageDigest jdkDigest = MessageDigest.getInstance("SHA-256");
        Mac jdkMac = Mac.getInstance("HmacSHA256");
        for (int length = 0; length < 300; length++) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            byte[] key = new byte[random.nextInt(1, 150)];
            random.nextBytes(key);
            assertArrayEquals(jdkDigest.digest(message), Sha256.digest(message), "length " + length);
            jdkMac.init(new SecretKeySpec(key, "HmacSHA256"));
            assertArrayEquals(jdkMac.doFinal(message), Sha256.hmac(key, message), "length " + length);
        }
    }
}
