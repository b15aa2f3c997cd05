package dev.alertrelay.slack.thread;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.api.SlackWebApi.PostedMessage;
import dev.alertrelay.slack.thread.ThreadControls.Action;

import java.time.Duration;
import java.time.Instant;

/**
 * A click on a thread's button, applied to its record and shown in Slack: the record first (a conditional write, so a
 * click and a notification racing for the same thread both land), then the top message re-rendered from the record and
 * a reply saying who did what. The same click delivered twice changes the thread once: its id is kept with the
 * notifications the thread already carries.
 */
public final class ThreadActions {

    /** How long "Silence 1 h" silences. */
    static final Duration SILENCE_HOUR = Duration.ofHours(1);
    private static final int MAX_ROUNDS = 20;

    /**
     * One click, as Slack's signed request names it.
     *
     * @param threadId  the button's value: the thread it acts on
     * @param channel   where the clicked message is
     * @param messageTs the clicked message (it must be the thread's top message)
     * @param clickId   the same for every delivery of this click (the action's {@code action_ts})
     */
    public record Click(String threadId, Action action, String user, String channel, String messageTs, String clickId) {

        String key() {
            return "click|" + clickId + "|" + user + "|" + action.actionId();
        }
    }

    /** What came of a click. */
    public sealed interface Result {
    }

    /**
     * The thread changed. {@code problem} is null, or says what Slack refused after the change was recorded (the
     * next update of the thread shows it anyway).
     */
    public record Applied(Action action, String problem) implements Result {
    }

    /** This click was already applied (a retried delivery): nothing changed. */
    public record AlreadyApplied() implements Result {
    }

    /** Nothing changed, and {@code answer} tells the person who clicked why (an ephemeral message). */
    public record Declined(Mrkdwn answer) implements Result {

        Declined(String answer) {
            this(Mrkdwn.text(answer));
        }
    }

    /** Triggers the on-call's incident for a thread. */
    public interface Pager {

        /**
         * @param incident what the thread says a page sends
         * @return where the incident is, or null when not known
         * @throws DeliveryException when PagerDuty did not accept it
         */
        String page(IncidentSpec incident, Deadline deadline);
    }

    private final SlackWebApi slack;
    private final ThreadStore store;

    public ThreadActions(SlackWebApi slack, ThreadStore store) {
        this.slack = slack;
        this.store = store;
    }

    public Result apply(Click click, Pager pager, Deadline deadline) {
        ThreadRecord record = store.read(click.threadId(), deadline).orElse(null);
        Result unchanged = unchanged(click, record, deadline.now());
        if (unchanged != null) {
            return unchanged;
        }
        String pageLink = null;
        if (click.action() == Action.PAGE) {
            try {
                pageLink = pager.page(IncidentSpec.of(record.incident()).orElseThrow(), deadline);
            } catch (DeliveryException e) {
                Log.error("a Page on-call click on thread " + click.threadId() + " was not accepted by PagerDuty: " + e.getMessage());
                return new Declined("PagerDuty did not accept the page (" + e.getMessage() + "). Nothing was changed: try again,"
                        + " or page from PagerDuty.");
            } catch (RuntimeException e) {
                // A routing key that cannot be read (not configured for this route, access denied): not worth a retry,
                // and its details (parameter names, AWS messages) belong in the log, not in the channel.
                Log.error("a Page on-call click on thread " + click.threadId() + " could not page: " + e.getMessage());
                return new Declined("Page on-call is not set up for this alert's route (its PagerDuty routing key cannot be read),"
                        + " so nothing was sent: page from PagerDuty, and see the slack-actions log.");
            }
        }
        ThreadRecord written = null;
        for (int round = 0; round < MAX_ROUNDS && written == null; round++) {
            ThreadRecord stored = round == 0 ? record : store.read(click.threadId(), deadline).orElse(null);
            Result now = unchanged(click, stored, deadline.now());
            if (now instanceof Declined reason && click.action() == Action.PAGE) {
                // Once PagerDuty has the page, the clicker must not read "nothing was changed".
                return new Applied(Action.PAGE, "paged, but the thread could not show it (" + reason.answer().render(200) + ")");
            }
            if (now != null) {
                return now;
            }
            ThreadRecord next = stored.withHandling(changed(stored.handled(), click, deadline.now(), pageLink).toMap())
                    .withDelivered(click.key());
            if (store.write(next, stored.version(), SlackThreads.expiry(next, deadline.now().toEpochMilli()), deadline)) {
                written = next;
            }
        }
        if (written == null && click.action() == Action.PAGE) {
            return new Applied(Action.PAGE, "paged, but the thread kept changing and does not show it yet");
        }
        if (written == null) {
            throw new DeliveryException("the Slack thread " + click.threadId() + " kept changing; the click was not recorded", MAX_ROUNDS);
        }
        return new Applied(click.action(), show(click, written, deadline));
    }

    /**
     * Why a click changes nothing on this record, or null when it applies. A retried delivery of a click already
     * applied is recognised first: what the click did (an acknowledgement, an unsilence) would otherwise decline it.
     */
    private static Result unchanged(Click click, ThreadRecord record, Instant now) {
        if (record == null) {
            return new Declined("This alert's thread is no longer tracked (its record expired), so nothing was changed."
                    + " The next notification about it starts a new thread with its own buttons.");
        }
        if (record.delivered().contains(click.key())) {
            return new AlreadyApplied();
        }
        if (!record.isOpen()) {
            return new Declined("This alert is over (" + (record.state() == null ? "closed" : record.state()) + "), so nothing was"
                    + " changed.");
        }
        if (!record.channel().equals(click.channel()) || !record.ts().equals(click.messageTs())) {
            return new Declined("This message is no longer the alert's current thread, so nothing was changed: use the buttons"
                    + " on its latest message.");
        }
        ThreadHandling handling = record.handled();
        if (click.action() == Action.ACKNOWLEDGE && handling.acknowledged()) {
            return new Declined(Mrkdwn.trusted("Already acknowledged by ").then(Mrkdwn.user(handling.acknowledgedBy()))
                    .then(at(handling.acknowledgedAt()) + "."));
        }
        if (click.action() == Action.PAGE && IncidentSpec.of(record.incident()).isEmpty()) {
            return new Declined("This thread does not say what to page, so nothing was changed: page from PagerDuty.");
        }
        if (click.action() == Action.UNSILENCE && !handling.silencedAt(now)) {
            return new Declined("This alert is not silenced: nothing to undo.");
        }
        return null;
    }

    private static ThreadHandling changed(ThreadHandling handling, Click click, Instant now, String pageLink) {
        return switch (click.action()) {
            case ACKNOWLEDGE -> handling.acknowledge(click.user(), now);
            case SILENCE_HOUR -> handling.silence(click.user(), now, now.plus(SILENCE_HOUR));
            case SILENCE_UNTIL_OK -> handling.silence(click.user(), now, null);
            case UNSILENCE -> handling.unsilence();
            case PAGE -> handling.page(click.user(), now, pageLink);
        };
    }

    /**
     * The top message re-rendered with the change, and a reply saying it. Best effort once the change is recorded:
     * what Slack refuses is returned, and the thread's next update shows the change anyway.
     */
    private String show(Click click, ThreadRecord written, Deadline deadline) {
        PostedMessage top = new PostedMessage(written.channel(), written.ts());
        try {
            if (written.top() != null) {
                slack.update(top, rendered(written, true, deadline.now()), deadline);
                // A notification may have changed the thread meanwhile (a new top, the OK that closed it), and this
                // update may have landed after its own: draw the thread as it stands now, once more.
                ThreadRecord after = store.read(written.id(), deadline).orElse(written);
                if (written.ts().equals(after.ts()) && after.top() != null && (!after.top().equals(written.top())
                        || after.isOpen() != written.isOpen() || !after.handling().equals(written.handling()))) {
                    slack.update(top, rendered(after, after.isOpen(), deadline.now()), deadline);
                }
            }
            slack.postMessage(written.channel(), reply(click, written.handled()), written.ts(), deadline);
            return null;
        } catch (DeliveryException | IllegalStateException e) {
            Log.error("the click on thread " + click.threadId() + " is recorded, but Slack did not show it: " + e.getMessage());
            return "recorded, but Slack did not show it yet (" + e.getMessage() + "); the alert's next update will";
        }
    }

    private static SlackMessage rendered(ThreadRecord record, boolean open, Instant now) {
        return ThreadControls.render(SlackMessage.fromPayload(Json.parseObject(record.top())), record.id(), record.handled(), open,
                !record.incident().isEmpty(), now);
    }

    /** The reply in the thread: who did what, and when. */
    static SlackMessage reply(Click click, ThreadHandling handling) {
        Mrkdwn who = Mrkdwn.user(click.user());
        Mrkdwn line = switch (click.action()) {
            case ACKNOWLEDGE -> Mrkdwn.trusted(":raising_hand: ").then(who).thenTrusted(" acknowledged this" + at(handling.acknowledgedAt()) + ".");
            case SILENCE_HOUR -> Mrkdwn.trusted(":no_bell: ").then(who).thenTrusted(" silenced this until "
                    + ThreadControls.CLOCK.format(handling.silencedUntil()) + ": repeats and flaps update the top message only, with no reply"
                    + " and no mention. OK is always posted.");
            case SILENCE_UNTIL_OK -> Mrkdwn.trusted(":no_bell: ").then(who).thenTrusted(" silenced this until it recovers:"
                    + " repeats and flaps update the top message only, with no reply and no mention.");
            case UNSILENCE -> Mrkdwn.trusted(":bell: ").then(who).thenTrusted(" unsilenced this: every change is posted again.");
            case PAGE -> {
                Mrkdwn paged = Mrkdwn.trusted(":pager: ").then(who).thenTrusted(" paged the on-call" + at(handling.pagedAt()));
                yield handling.pageLink() == null ? paged.thenTrusted(".")
                        : paged.thenTrusted(": ").then(Mrkdwn.link(handling.pageLink(), "the PagerDuty incident"));
            }
        };
        String text = switch (click.action()) {
            case ACKNOWLEDGE -> "Acknowledged";
            case SILENCE_HOUR, SILENCE_UNTIL_OK -> "Silenced";
            case UNSILENCE -> "Unsilenced";
            case PAGE -> "Paged the on-call";
        };
        return SlackMessage.builder().text(text).block(Blocks.section(line)).build();
    }

    private static String at(Instant when) {
        return ThreadControls.at(when);
    }
}
