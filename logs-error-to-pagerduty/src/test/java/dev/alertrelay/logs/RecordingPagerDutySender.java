package dev.alertrelay.logs;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.pagerduty.PagerDutyEvent;
import dev.alertrelay.pagerduty.PagerDutySender;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Keeps the events it is given; can be told to reject some, as PagerDuty would with a 400. */
final class RecordingPagerDutySender implements PagerDutySender {

    final List<PagerDutyEvent> attempted = new ArrayList<>();
    private final Predicate<PagerDutyEvent> rejects;

    RecordingPagerDutySender() {
        this(event -> false);
    }

    RecordingPagerDutySender(Predicate<PagerDutyEvent> rejects) {
        this.rejects = rejects;
    }

    @Override
    public void send(PagerDutyEvent event, Deadline deadline) {
        attempted.add(event);
        if (rejects.test(event)) {
            throw new DeliveryException("PagerDuty rejected the request: HTTP 400 (not retried)", 1);
        }
    }
}
