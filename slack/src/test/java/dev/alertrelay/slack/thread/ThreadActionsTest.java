package dev.alertrelay.slack.thread;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestSecrets;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.thread.SlackThreads.Outcome;
import dev.alertrelay.slack.thread.ThreadActions.AlreadyApplied;
import dev.alertrelay.slack.thread.ThreadActions.Applied;
import dev.alertrelay.slack.thread.ThreadActions.Click;
import dev.alertrelay.slack.thread.ThreadActions.Declined;
import dev.alertrelay.slack.thread.ThreadActions.Result;
import dev.alertrelay.slack.thread.ThreadControls.Action;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The buttons of a thread as its channel sees them: who acknowledged, silenced or paged shows on the top message and
 * in a reply; a silence keeps repeats out of the thread (and so rings nobody) but never the OK; a new lifecycle starts
 * clean; a click that cannot apply changes nothing.
 */
class ThreadActionsTest {

    private static final String TOKEN = "xoxb-thread-actions";
    private static final String CHANNEL = "C0ALERTS01";
    private static final String THREAD = "alarm|arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx";
    private static final String MENTION = "<!subteam^S0PAYMENTS>";
    private static final Instant T0 = Instant.parse("2026-11-21T03:05:00Z");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final IncidentSpec INCIDENT = new IncidentSpec("alarm", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx",
            "checkout-5xx is in ALARM", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx", "critical", "checkout",
            "payments", "https://console.aws.amazon.com/cloudwatch/home#alarmsV2:alarm/checkout-5xx", "Alarm", "PAGERDUTY_KEY_PAYMENTS");

    private final VirtualClock clock = new VirtualClock();
    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final SlackWebApi api = SlackWebApi.create(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, TOKEN),
            Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
    private final InMemoryThreadStore store = new InMemoryThreadStore();
    private final SlackThreads threads = new SlackThreads(api, store, true);
    private final ThreadActions actions = new ThreadActions(api, store);
    private final List<IncidentSpec> pages = new ArrayList<>();
    private final ThreadActions.Pager pager = (incident, deadline) -> {
        pages.add(incident);
        return null;
    };
    private int clicks;
    private int notifications;

    @AfterEach
    void stop() {
        slack.close();
    }

    private Deadline deadline() {
        return Deadline.in(10_000, clock);
    }

    private ThreadRecord record() {
        return store.read(THREAD, deadline()).orElseThrow();
    }

    /**
     * A state change of the alarm, as alarm-to-slack delivers it: ALARM starts a thread when none is open, any other
     * change replies (mentioning the route's team) and updates the top message, and OK closes it.
     */
    private Outcome deliver(String state) {
        Instant at = T0.plusSeconds(60L * ++notifications);
        String color = state.equals("OK") ? SlackMessage.COLOR_GOOD : SlackMessage.COLOR_DANGER;
        SlackMessage top = SlackMessage.builder().text(state + ": checkout-5xx").color(color)
                .attachmentBlock(Blocks.header("checkout-5xx is " + state)).build();
        SlackMessage reply = SlackMessage.builder().text("now " + state).build().withMentions(List.of(MENTION));
        return threads.deliver(CHANNEL, THREAD, state + "@" + at, current -> current == null || !current.isOpen()
                ? ThreadPost.start(top.withMentions(List.of(MENTION)), at, state, Map.of(), null).withIncident(INCIDENT)
                : ThreadPost.reply(reply, top, state.equals("OK"), state, at, Map.of()), deadline());
    }

    private Result click(Action action, String user) {
        return click(action, user, record().ts());
    }

    private Result click(Action action, String user, String messageTs) {
        return actions.apply(new Click(THREAD, action, user, CHANNEL, messageTs, "1795230450." + String.format("%06d", ++clicks)),
                pager, deadline());
    }

    private List<SlackWebApiStandIn.Call> replies() {
        return slack.accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") != null).toList();
    }

    /** The top message as the channel sees it now: the last post or update of it. */
    private String top() {
        List<SlackWebApiStandIn.Call> updates = slack.accepted("chat.update");
        List<SlackWebApiStandIn.Call> tops = slack.topLevelPosts();
        return (updates.isEmpty() ? tops.get(tops.size() - 1) : updates.get(updates.size() - 1)).arguments().toString();
    }

    @Test
    void acknowledgeShowsWhoAndWhenOnTheTopMessageAndSaysSoInTheThread() {
        deliver("ALARM");
        String ts = record().ts();

        assertEquals(new Applied(Action.ACKNOWLEDGE, null), click(Action.ACKNOWLEDGE, "U0ALICE001"));

        ThreadHandling handling = record().handled();
        assertEquals("U0ALICE001", handling.acknowledgedBy());
        String when = CLOCK.format(handling.acknowledgedAt());
        SlackWebApiStandIn.Call update = slack.accepted("chat.update").get(0);
        assertEquals(ts, update.argument("ts"));
        assertTrue(top().contains(":raising_hand: Acknowledged by <@U0ALICE001> at " + when), top());
        assertFalse(top().contains("alert-relay:acknowledge"), "acknowledged once, the button is gone: " + top());
        assertTrue(top().contains("alert-relay:silence-1h") && top().contains("alert-relay:page"), top());
        assertEquals(1, replies().size());
        assertEquals(ts, replies().get(0).argument("thread_ts"));
        assertTrue(replies().get(0).argument("blocks").contains("<@U0ALICE001> acknowledged this at " + when + "."), replies().toString());
    }

    @Test
    void aSecondAcknowledgementIsDeclinedNamingWhoAcknowledgedFirst() {
        deliver("ALARM");
        click(Action.ACKNOWLEDGE, "U0ALICE001");
        ThreadRecord before = record();

        Result second = click(Action.ACKNOWLEDGE, "U0BOB00001");

        Declined declined = assertInstanceOf(Declined.class, second);
        assertTrue(declined.answer().toString().startsWith("Already acknowledged by <@U0ALICE001> at "), declined.answer().toString());
        assertEquals(before, record());
        assertEquals(1, replies().size());
    }

    @Test
    void theSameClickDeliveredAgainIsRecognisedAndChangesNothing() {
        deliver("ALARM");
        Click acknowledge = new Click(THREAD, Action.ACKNOWLEDGE, "U0ALICE001", CHANNEL, record().ts(), "1795230450.000001");
        actions.apply(acknowledge, pager, deadline());
        ThreadRecord once = record();

        assertEquals(new AlreadyApplied(), actions.apply(acknowledge, pager, deadline()));

        assertEquals(once, record());
        assertEquals(1, replies().size());
        assertEquals(1, slack.accepted("chat.update").size());
    }

    @Test
    void silenceForAnHourKeepsRepeatsOutOfTheThreadUntilTheHourIsOver() {
        deliver("ALARM");
        assertEquals(new Applied(Action.SILENCE_HOUR, null), click(Action.SILENCE_HOUR, "U0BOB00001"));
        Instant until = record().handled().silencedUntil();
        assertTrue(top().contains(":no_bell: Silenced by <@U0BOB00001> until " + CLOCK.format(until)), top());
        assertTrue(top().contains("alert-relay:unsilence") && !top().contains("alert-relay:silence-1h"), top());
        assertTrue(replies().get(0).argument("blocks").contains("<@U0BOB00001> silenced this until " + CLOCK.format(until)), replies().toString());
        int replies = replies().size();
        int updates = slack.accepted("chat.update").size();

        assertEquals(Outcome.SILENCED, deliver("INSUFFICIENT_DATA"));
        assertEquals(Outcome.SILENCED, deliver("ALARM"));

        assertEquals(replies, replies().size(), "no reply, so nobody is notified");
        assertEquals(updates + 2, slack.accepted("chat.update").size(), "the top message still follows the alarm");
        assertTrue(top().contains("checkout-5xx is ALARM") && top().contains("Silenced by <@U0BOB00001>"), top());
        assertTrue(slack.calls("chat.postMessage").stream().skip(1).noneMatch(call -> call.arguments().toString().contains(MENTION)),
                "no message mentions the team while silenced (an edit of the top message notifies nobody)");

        clock.sleep(ThreadActions.SILENCE_HOUR.toMillis());

        assertEquals(Outcome.REPLIED, deliver("ALARM"));
        assertEquals(replies + 1, replies().size());
        assertTrue(replies().get(replies().size() - 1).arguments().toString().contains(MENTION));
        assertFalse(top().contains("Silenced by"), "the silence is over: " + top());
        assertTrue(top().contains("alert-relay:silence-1h"), top());
    }

    @Test
    void silenceUntilOkStillPostsTheOkWhichClosesTheThread() {
        deliver("ALARM");
        click(Action.SILENCE_UNTIL_OK, "U0BOB00001");
        assertTrue(top().contains(":no_bell: Silenced by <@U0BOB00001> until OK"), top());
        assertEquals(Outcome.SILENCED, deliver("ALARM"));
        int replies = replies().size();

        assertEquals(Outcome.REPLIED, deliver("OK"));

        assertEquals(replies + 1, replies().size());
        assertTrue(replies().get(replies().size() - 1).argument("text").contains("now OK"), replies().toString());
        assertFalse(record().isOpen());
        assertFalse(top().contains("alert-relay:"), "a closed thread has no buttons: " + top());
        assertFalse(top().contains("Silenced by"), "the OK ended the silence: " + top());
    }

    @Test
    void unsilenceLetsTheNextChangeReplyAgain() {
        deliver("ALARM");
        click(Action.SILENCE_HOUR, "U0BOB00001");

        assertEquals(new Applied(Action.UNSILENCE, null), click(Action.UNSILENCE, "U0ALICE001"));

        assertNull(record().handled().silencedBy());
        assertFalse(top().contains("Silenced by"), top());
        assertTrue(top().contains("alert-relay:silence-1h"), top());
        assertTrue(replies().get(replies().size() - 1).argument("blocks").contains("<@U0ALICE001> unsilenced this"), replies().toString());
        int replies = replies().size();
        assertEquals(Outcome.REPLIED, deliver("ALARM"));
        assertEquals(replies + 1, replies().size());
    }

    @Test
    void unsilencingAThreadNobodySilencedIsDeclined() {
        deliver("ALARM");
        ThreadRecord before = record();

        Declined declined = assertInstanceOf(Declined.class, click(Action.UNSILENCE, "U0ALICE001"));

        assertTrue(declined.answer().toString().contains("not silenced"), declined.answer().toString());
        assertEquals(before, record());
        assertTrue(replies().isEmpty());
    }

    @Test
    void pageSendsTheThreadsIncidentAndShowsWhoPaged() {
        deliver("ALARM");

        assertEquals(new Applied(Action.PAGE, null), click(Action.PAGE, "U0CAROL001"));

        assertEquals(List.of(INCIDENT), pages);
        assertEquals("U0CAROL001", record().handled().pagedBy());
        assertTrue(top().contains(":pager: Paged by <@U0CAROL001> at "), top());
        assertTrue(top().contains("alert-relay:page"), "a second page joins the same incident: " + top());
        assertTrue(replies().get(0).argument("blocks").contains("<@U0CAROL001> paged the on-call"), replies().toString());
    }

    @Test
    void aPageWhoseIncidentIsFoundLinksItFromTheThread() {
        deliver("ALARM");
        String incident = "https://example.pagerduty.com/incidents/Q0ABCDEF";

        actions.apply(new Click(THREAD, Action.PAGE, "U0CAROL001", CHANNEL, record().ts(), "1795230450.000001"),
                (spec, deadline) -> incident, deadline());

        assertEquals(incident, record().handled().pageLink());
        assertTrue(top().contains("<" + incident + "|incident>"), top());
        assertTrue(replies().get(0).argument("blocks").contains("<" + incident + "|the PagerDuty incident>"), replies().toString());
    }

    @Test
    void aPageThatPagerDutyRefusesIsDeclinedAndRecordsNothing() {
        deliver("ALARM");
        ThreadRecord before = record();

        Result result = actions.apply(new Click(THREAD, Action.PAGE, "U0CAROL001", CHANNEL, before.ts(), "1795230450.000001"),
                (spec, deadline) -> {
                    throw new DeliveryException("PagerDuty answered 400 Invalid routing key", 1);
                }, deadline());

        Declined declined = assertInstanceOf(Declined.class, result);
        assertTrue(declined.answer().toString().contains("PagerDuty did not accept the page"), declined.answer().toString());
        assertEquals(before, record(), "not paged, not recorded: the click may be tried again");
        assertTrue(replies().isEmpty() && slack.accepted("chat.update").isEmpty());
    }

    @Test
    void aThreadThatSaysNothingToPageDeclinesAPage() {
        threads.deliver(CHANNEL, THREAD, "ALARM@" + T0, current -> ThreadPost.start(SlackMessage.builder().text("ALARM").build(), T0,
                "ALARM", Map.of(), null), deadline());
        assertFalse(top().contains("alert-relay:page"), "no page button: " + top());

        Declined declined = assertInstanceOf(Declined.class, click(Action.PAGE, "U0CAROL001"));

        assertTrue(declined.answer().toString().contains("does not say what to page"), declined.answer().toString());
        assertTrue(pages.isEmpty());
    }

    @Test
    void aClickOnAClosedThreadOrOnAnotherMessageIsDeclined() {
        deliver("ALARM");
        String ts = record().ts();

        Declined elsewhere = assertInstanceOf(Declined.class, click(Action.ACKNOWLEDGE, "U0ALICE001", "1764558000.999999"));
        assertTrue(elsewhere.answer().toString().contains("no longer the alert's current thread"), elsewhere.answer().toString());
        deliver("OK");
        ThreadRecord closed = record();
        Declined over = assertInstanceOf(Declined.class, click(Action.ACKNOWLEDGE, "U0ALICE001", ts));
        assertTrue(over.answer().toString().contains("This alert is over (OK)"), over.answer().toString());

        assertEquals(closed, record());
        assertNull(closed.handled().acknowledgedBy());
        assertEquals(1, replies().size(), "only the OK");
    }

    @Test
    void aNewLifecycleStartsWithNobodyHavingActedOnIt() {
        deliver("ALARM");
        click(Action.ACKNOWLEDGE, "U0ALICE001");
        click(Action.SILENCE_UNTIL_OK, "U0BOB00001");
        click(Action.PAGE, "U0CAROL001");
        deliver("OK");

        assertEquals(Outcome.STARTED_THREAD, deliver("ALARM"));

        assertEquals(ThreadHandling.NONE, record().handled());
        String newTop = slack.topLevelPosts().get(1).arguments().toString();
        assertFalse(newTop.contains("Acknowledged by") || newTop.contains("Silenced by") || newTop.contains("Paged by"), newTop);
        assertTrue(newTop.contains("alert-relay:acknowledge") && newTop.contains("alert-relay:silence-1h")
                && newTop.contains("\"Page on-call\""), newTop);
        assertEquals(new Applied(Action.ACKNOWLEDGE, null), click(Action.ACKNOWLEDGE, "U0DAVE0001"));
    }

    @Test
    void anAcknowledgementStaysThroughLaterUpdatesAndOnTheGreenOkWithoutButtons() {
        deliver("ALARM");
        click(Action.ACKNOWLEDGE, "U0ALICE001");
        String acknowledged = ":raising_hand: Acknowledged by <@U0ALICE001> at " + CLOCK.format(record().handled().acknowledgedAt());

        assertEquals(Outcome.REPLIED, deliver("ALARM"));
        assertTrue(top().contains("checkout-5xx is ALARM") && top().contains(acknowledged), top());
        assertEquals(Outcome.REPLIED, deliver("OK"));

        String resolved = top();
        assertTrue(resolved.contains(SlackMessage.COLOR_GOOD) && resolved.contains("checkout-5xx is OK"), resolved);
        assertTrue(resolved.contains(acknowledged), resolved);
        assertFalse(resolved.contains("alert-relay:"), "no buttons on a closed thread: " + resolved);
    }

    @Test
    void aClickWhoseUpdateLandsAfterTheOkLeavesTheThreadGreenWithoutButtons() {
        deliver("ALARM");
        ThreadStore racing = new ThreadStore() {
            private boolean raced;

            @Override
            public java.util.Optional<ThreadRecord> read(String id, Deadline deadline) {
                return store.read(id, deadline);
            }

            @Override
            public boolean write(ThreadRecord record, long expectedVersion, long expiresAtEpochSeconds, Deadline deadline) {
                boolean written = store.write(record, expectedVersion, expiresAtEpochSeconds, deadline);
                if (written && !raced) {
                    // The OK arrives between the click's record write and its chat.update.
                    raced = true;
                    deliver("OK");
                }
                return written;
            }
        };
        String ts = record().ts();

        Result result = new ThreadActions(api, racing).apply(new Click(THREAD, Action.ACKNOWLEDGE, "U0ALICE001", CHANNEL, ts,
                "1795230450.999999"), pager, deadline());

        assertInstanceOf(Applied.class, result);
        assertFalse(record().isOpen());
        assertTrue(top().contains(SlackMessage.COLOR_GOOD) && top().contains("checkout-5xx is OK"), "the OK stays: " + top());
        assertFalse(top().contains("alert-relay:"), "a closed thread has no buttons, however late the click: " + top());
        assertTrue(top().contains("Acknowledged by <@U0ALICE001>"), top());
    }

    @Test
    void aPageWhileTheAlarmRecoversIsReportedAsSentNeverAsNothingChanged() {
        deliver("ALARM");
        ThreadActions.Pager recoveringMeanwhile = (incident, deadline) -> {
            pages.add(incident);
            deliver("OK");
            return null;
        };
        String ts = record().ts();

        Result result = actions.apply(new Click(THREAD, Action.PAGE, "U0CAROL001", CHANNEL, ts, "1795230451.000001"),
                recoveringMeanwhile, deadline());

        assertEquals(1, pages.size());
        Applied applied = assertInstanceOf(Applied.class, result);
        assertTrue(applied.problem().startsWith("paged, but the thread could not show it"), applied.problem());
    }
}
