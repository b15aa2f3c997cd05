package dev.alertrelay.slack.oncall;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.HttpDelivery;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestSecrets;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.testing.PagerDutyRestStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who is on call, against a loopback PagerDuty REST API and a loopback Slack, as the message will name them. */
class OnCallLookupTest {

    private static final String API_KEY = "u+PdReadOnlyKey0123456789";
    private static final String TOKEN = "xoxb-1111-2222-secrettoken";

    private final PagerDutyRestStandIn pagerDuty = PagerDutyRestStandIn.start(API_KEY);
    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final VirtualClock clock = new VirtualClock();

    @AfterEach
    void stop() {
        pagerDuty.close();
        slack.close();
    }

    private SlackWebApi slackApi() {
        return SlackWebApi.create(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, TOKEN),
                Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
    }

    /** As the functions build it: the key and the URL from the environment. */
    private OnCallLookup lookup() {
        Map<String, String> env = Map.of(OnCallLookup.API_KEY_SECRET, API_KEY, OnCallLookup.API_URL_VARIABLE, pagerDuty.apiUrl());
        return OnCallLookup.create(env::get, new SecretResolver(env::get), false, slackApi());
    }

    private Deadline deadline() {
        return Deadline.in(30_000, clock);
    }

    @Test
    void thePersonOnCallNowIsMentionedAsSlackKnowsThem() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com")
                .onCall("P0PAYMT", "Payments primary", 2, "Bob Jones", "bob@example.com");
        slack.knowsUser("alice@example.com", "U0ALICE").knowsUser("bob@example.com", "U0BOB");

        OnCallMentions found = lookup().mentions(List.of("P0PAYMT"), deadline());

        assertEquals(List.of("<@U0ALICE>"), found.mentions(), "the first escalation level only");
        assertNull(found.note());
        PagerDutyRestStandIn.Request request = pagerDuty.requests().get(0);
        assertEquals("GET", request.method());
        assertEquals("/oncalls", request.path());
        assertEquals(List.of("P0PAYMT"), request.values("schedule_ids[]"));
        assertEquals(List.of("users"), request.values("include[]"));
        assertEquals(List.of("true"), request.values("earliest"));
        assertEquals("Token token=" + API_KEY, request.authorization());
        assertEquals("application/vnd.pagerduty+json;version=2", request.accept());
        assertEquals(List.of("alice@example.com"), slack.calls("users.lookupByEmail").stream().map(call -> call.argument("email")).toList());
    }

    @Test
    void twoSchedulesAreAskedInOneRequestAndEachOnesPeopleMentioned() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com")
                .onCall("P0DBA01", "Databases", 1, "Carol Chen", "carol@example.com");
        slack.knowsUser("alice@example.com", "U0ALICE").knowsUser("carol@example.com", "U0CAROL");

        OnCallMentions found = lookup().mentions(List.of("P0PAYMT", "P0DBA01"), deadline());

        assertEquals(List.of("<@U0ALICE>", "<@U0CAROL>"), found.mentions());
        assertEquals(1, pagerDuty.requests().size());
        assertEquals(List.of("P0PAYMT", "P0DBA01"), pagerDuty.requests().get(0).values("schedule_ids[]"));
    }

    @Test
    void aRefusedKeyGivesALineNamingTheScheduleAndNeverShowsTheKey() {
        pagerDuty.answerNext(401, "{\"error\":{\"message\":\"Invalid Credentials for Token token=" + API_KEY + "\",\"code\":2006}}");

        StringBuilder log = new StringBuilder();
        OnCallMentions found = logged(log, () -> lookup().mentions(List.of("P0PAYMT"), deadline()));

        assertEquals(List.of(), found.mentions());
        assertEquals("On call: PagerDuty schedule P0PAYMT (PagerDuty lookup failed)", found.note());
        assertEquals(1, log.toString().lines().count(), log.toString());
        assertTrue(log.toString().contains("401"), log.toString());
        assertFalse(log.toString().contains(API_KEY), log.toString());
        assertFalse(found.note().contains(API_KEY));
        assertEquals(1, pagerDuty.requests().size(), "a plain-text key cannot have changed: not asked again");
    }

    @Test
    void aFailingPagerDutyIsAskedTwiceAtMostAndTheMessageNamesTheSchedule() {
        pagerDuty.answerNext(500, "{\"error\":{\"message\":\"Internal error\"}}").answerNext(500, "");

        OnCallMentions found = logged(new StringBuilder(), () -> lookup().mentions(List.of("P0PAYMT"), deadline()));

        assertEquals("On call: PagerDuty schedule P0PAYMT (PagerDuty lookup failed)", found.note());
        assertEquals(2, pagerDuty.requests().size());
        assertTrue(clock.elapsedMillis() < OnCallLookup.BUDGET_MILLIS, clock.elapsedMillis() + " ms");
    }

    @Test
    void aPagerDutyThatNeverAnswersCostsTheBudgetAndNoMore() {
        pagerDuty.neverAnswerNext().neverAnswerNext();
        SlackWebApi slackApi = slackApi();
        OnCallLookup lookup = new OnCallLookup(pagerDutyOnCalls(), slackApi, 300);

        long start = System.nanoTime();
        OnCallMentions found = logged(new StringBuilder(), () -> lookup.mentions(List.of("P0PAYMT"), deadline()));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals("On call: PagerDuty schedule P0PAYMT (PagerDuty lookup failed)", found.note());
        assertTrue(tookMillis < 1_000, "the message waited " + tookMillis + " ms for PagerDuty");
    }

    @Test
    void someoneSlackDoesNotKnowIsNamedWithTheirSchedulesName() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");

        OnCallMentions found = lookup().mentions(List.of("P0PAYMT"), deadline());

        assertEquals(List.of(), found.mentions());
        assertEquals("On call: Payments primary: Alice Smith (not found in Slack)", found.note());
    }

    @Test
    void aScheduleNobodyIsOnCallForIsNamed() {
        OnCallMentions found = lookup().mentions(List.of("P0EMPTY"), deadline());

        assertEquals("On call: PagerDuty schedule P0EMPTY (nobody on call)", found.note());
    }

    @Test
    void aFailingSlackLookupNamesThePersonAndTheSchedule() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
        slack.refuseNext("users.lookupByEmail", "missing_scope");

        StringBuilder log = new StringBuilder();
        OnCallMentions found = logged(log, () -> lookup().mentions(List.of("P0PAYMT"), deadline()));

        assertEquals("On call: Payments primary: Alice Smith (Slack lookup failed)", found.note());
        assertTrue(log.toString().contains("missing_scope"), log.toString());
        assertFalse(log.toString().contains(TOKEN), log.toString());
    }

    @Test
    void withoutTheSlackAppThePeopleOnCallAreNamedNotMentioned() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
        OnCallLookup webhookMode = new OnCallLookup(pagerDutyOnCalls(), null, OnCallLookup.BUDGET_MILLIS);

        OnCallMentions found = webhookMode.mentions(List.of("P0PAYMT"), deadline());

        assertEquals(List.of(), found.mentions());
        assertEquals("On call: Payments primary: Alice Smith", found.note());
    }

    @Test
    void whoIsOnCallIsAskedOnceInFiveMinutesThenAgain() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
        slack.knowsUser("alice@example.com", "U0ALICE");
        OnCallLookup lookup = lookup();

        lookup.mentions(List.of("P0PAYMT"), deadline());
        clock.sleep(Duration.ofMinutes(4).toMillis());
        OnCallMentions cached = lookup.mentions(List.of("P0PAYMT"), deadline());

        assertEquals(List.of("<@U0ALICE>"), cached.mentions());
        assertEquals(1, pagerDuty.requests().size(), "PagerDuty is not asked again within five minutes");
        assertEquals(1, slack.calls("users.lookupByEmail").size(), "nor is Slack");

        clock.sleep(Duration.ofMinutes(1).toMillis());
        lookup.mentions(List.of("P0PAYMT"), deadline());

        assertEquals(2, pagerDuty.requests().size(), "after five minutes, the next rotation may be on call");
        assertEquals(2, slack.calls("users.lookupByEmail").size());
    }

    @Test
    void aFailedLookupIsNotRepeatedForAMinuteAndKeepsTheScheduleKnownName() {
        pagerDuty.onCall("P0PAYMT", "Payments primary", 1, "Alice Smith", "alice@example.com");
        slack.knowsUser("alice@example.com", "U0ALICE");
        OnCallLookup lookup = lookup();
        lookup.mentions(List.of("P0PAYMT"), deadline());
        clock.sleep(Duration.ofMinutes(5).toMillis());
        pagerDuty.answerNext(500, "").answerNext(500, "");

        OnCallMentions failed = logged(new StringBuilder(), () -> lookup.mentions(List.of("P0PAYMT"), deadline()));
        OnCallMentions again = lookup.mentions(List.of("P0PAYMT"), deadline());

        assertEquals("On call: Payments primary (PagerDuty lookup failed)", failed.note(), "named as PagerDuty named it before");
        assertEquals(failed, again);
        assertEquals(3, pagerDuty.requests().size(), "an outage costs one budget a minute, not one per message");

        clock.sleep(Duration.ofMinutes(1).toMillis());
        assertEquals(List.of("<@U0ALICE>"), lookup.mentions(List.of("P0PAYMT"), deadline()).mentions());
    }

    @Test
    void withLittleTimeLeftNobodyIsAskedAndTheMessageNamesTheSchedule() {
        OnCallMentions found = logged(new StringBuilder(),
                () -> lookup().mentions(List.of("P0PAYMT"), Deadline.in(OnCallLookup.MIN_REMAINING_MILLIS - 1, clock)));

        assertEquals("On call: PagerDuty schedule P0PAYMT (not looked up in time)", found.note());
        assertTrue(pagerDuty.requests().isEmpty());
    }

    private PagerDutyOnCalls pagerDutyOnCalls() {
        return new PagerDutyOnCalls(new dev.alertrelay.pagerduty.PagerDutyRestApi(TestSecrets.plain(OnCallLookup.API_KEY_SECRET,
                API_KEY), pagerDuty.apiUrl(), new HttpDelivery(PagerDutyOnCalls.POLICY, "alert-relay-test")));
    }

    /** Runs {@code lookup} with what it logs (stderr outside Lambda) appended to {@code log}. */
    private static OnCallMentions logged(StringBuilder log, java.util.function.Supplier<OnCallMentions> lookup) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            return lookup.get();
        } finally {
            System.setErr(original);
            log.append(buffer.toString(StandardCharsets.UTF_8));
        }
    }
}
