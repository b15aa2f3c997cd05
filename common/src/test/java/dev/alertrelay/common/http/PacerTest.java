package dev.alertrelay.common.http;

import dev.alertrelay.common.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one pacing discipline of Slack posts and PagerDuty events: a burst, then one request per interval. */
class PacerTest {

    @Test
    void aBurstGoesAtOnceThenOneRequestPerInterval() {
        VirtualClock clock = new VirtualClock();
        Deadline deadline = Deadline.in(60_000, clock);
        Pacer pacer = new Pacer(3, 500, 1_000, "Test");
        List<Long> startedAt = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pacer.acquire(deadline);
            startedAt.add(clock.elapsedMillis());
        }
        assertTrue(startedAt.get(2) < 100, "three at once: " + startedAt);
        for (int i = 3; i < 6; i++) {
            assertTrue(startedAt.get(i) - startedAt.get(i - 1) >= 499, "then one per interval: " + startedAt);
        }
    }

    @Test
    void aWaitThatWouldPassTheDeadlineFailsTheRequestInsteadOfWaiting() {
        VirtualClock clock = new VirtualClock();
        Deadline deadline = Deadline.in(1_200, clock);
        Pacer pacer = new Pacer(1, 1_000, 500, "Slack");
        pacer.acquire(deadline);
        DeliveryException e = assertThrows(DeliveryException.class, () -> pacer.acquire(deadline));
        assertTrue(e.getMessage().startsWith("Slack: the next request would have to wait"), e.getMessage());
        assertTrue(clock.elapsedMillis() < 100, "it did not wait");
    }
}
