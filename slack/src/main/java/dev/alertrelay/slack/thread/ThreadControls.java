package dev.alertrelay.slack.thread;

import com.google.gson.JsonObject;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controls at the end of a thread's top message: a line saying who acknowledged, silenced or paged it, and, while
 * the thread is open, the buttons that do so (answered by the slack-actions function). Each button's value is the
 * thread's id, so a click names the record it acts on; nothing else in the click is trusted to say which thread.
 */
public final class ThreadControls {

    /** The block ids of the controls, so that they read as alert-relay's in Slack's payloads and logs. */
    static final String BUTTONS_BLOCK = "alert-relay-actions";
    static final String HANDLING_BLOCK = "alert-relay-handling";
    /** How a thread's controls and replies tell the time: short, and the same for everyone (the alarm's own time is a date token). */
    static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    /** What a button does; its action id is {@code alert-relay:<name>}. */
    public enum Action {
        ACKNOWLEDGE("acknowledge"),
        SILENCE_HOUR("silence-1h"),
        SILENCE_UNTIL_OK("silence-until-ok"),
        UNSILENCE("unsilence"),
        PAGE("page");

        private static final String PREFIX = "alert-relay:";
        private final String name;

        Action(String name) {
            this.name = name;
        }

        public String actionId() {
            return PREFIX + name;
        }

        /** The action of a clicked button, if it is one of these. */
        public static Optional<Action> ofActionId(String actionId) {
            for (Action action : values()) {
                if (action.actionId().equals(actionId)) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    private ThreadControls() {
    }

    /**
     * {@code top} with the thread's controls: what people did (kept after the thread closes) and, while it is open,
     * the buttons.
     *
     * @param pageable whether the thread says what a page sends (its record's incident)
     */
    static SlackMessage render(SlackMessage top, String threadId, ThreadHandling handling, boolean open, boolean pageable, Instant now) {
        List<JsonObject> trailing = new ArrayList<>();
        List<Mrkdwn> marks = marks(handling, open, now);
        if (!marks.isEmpty()) {
            JsonObject line = Blocks.context(marks);
            line.addProperty("block_id", HANDLING_BLOCK);
            trailing.add(line);
        }
        if (open) {
            trailing.add(Blocks.buttons(BUTTONS_BLOCK, buttons(threadId, handling, pageable, now)));
        }
        return top.withTrailingBlocks(trailing);
    }

    /** "Acknowledged by @alice at 03:07 UTC", "Silenced by @bob until 04:07 UTC", "Paged by @carol at 03:09 UTC". */
    static List<Mrkdwn> marks(ThreadHandling handling, boolean open, Instant now) {
        List<Mrkdwn> marks = new ArrayList<>();
        if (handling.acknowledged()) {
            marks.add(Mrkdwn.trusted(":raising_hand: Acknowledged by ").then(Mrkdwn.user(handling.acknowledgedBy()))
                    .then(at(handling.acknowledgedAt())));
        }
        if (open && handling.silencedAt(now)) {
            // A closed thread's silence is over (the OK ended it): only what people did stays.
            marks.add(Mrkdwn.trusted(":no_bell: Silenced by ").then(Mrkdwn.user(handling.silencedBy()))
                    .then(handling.untilOk() ? " until OK" : " until " + CLOCK.format(handling.silencedUntil())));
        }
        if (handling.paged()) {
            Mrkdwn paged = Mrkdwn.trusted(":pager: Paged by ").then(Mrkdwn.user(handling.pagedBy())).then(at(handling.pagedAt()));
            if (handling.pageLink() != null) {
                paged = paged.thenTrusted(" \u00b7 ").then(Mrkdwn.link(handling.pageLink(), "incident"));
            }
            marks.add(paged);
        }
        return marks;
    }

    private static List<Blocks.ActionButton> buttons(String threadId, ThreadHandling handling, boolean pageable, Instant now) {
        List<Blocks.ActionButton> buttons = new ArrayList<>();
        if (!handling.acknowledged()) {
            buttons.add(new Blocks.ActionButton("Acknowledge", Action.ACKNOWLEDGE.actionId(), threadId, "primary", null));
        }
        if (handling.silencedAt(now)) {
            buttons.add(new Blocks.ActionButton("Unsilence", Action.UNSILENCE.actionId(), threadId, null, null));
        } else {
            buttons.add(new Blocks.ActionButton("Silence 1 h", Action.SILENCE_HOUR.actionId(), threadId, null, null));
            buttons.add(new Blocks.ActionButton("Silence until OK", Action.SILENCE_UNTIL_OK.actionId(), threadId, null, null));
        }
        if (pageable) {
            buttons.add(new Blocks.ActionButton("Page on-call", Action.PAGE.actionId(),
                    threadId, "danger", "This triggers a PagerDuty incident for the person on call now."));
        }
        return buttons;
    }

    static String at(Instant when) {
        return when == null ? "" : " at " + CLOCK.format(when);
    }
}
