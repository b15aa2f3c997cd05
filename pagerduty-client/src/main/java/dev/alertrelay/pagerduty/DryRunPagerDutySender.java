package dev.alertrelay.pagerduty;

import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;

/** Prints each event instead of sending it, without a routing key: none is resolved in dry-run mode. */
final class DryRunPagerDutySender implements PagerDutySender {

    @Override
    public void send(PagerDutyEvent event, Deadline deadline) {
        DryRun.print(event.toJson());
    }
}
