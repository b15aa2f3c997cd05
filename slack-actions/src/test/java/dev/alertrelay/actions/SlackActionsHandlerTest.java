package dev.alertrelay.actions;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.secrets.Secret;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.common.testing.TestSecrets;
import dev.alertrelay.common.testing.VirtualClock;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.thread.IncidentSpec;
import dev.alertrelay.slack.thread.InMemoryThreadStore;
import dev.alertrelay.slack.thread.SlackThreads;
import dev.alertrelay.slack.thread.ThreadPost;
import dev.alertrelay.slack.thread.ThreadRecord;
import dev.alertrelay.slack.thread.ThreadStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The interactivity endpoint as Slack and an attacker reach it: function URL events in, status codes out. Only a
 * request signed with the app's secret, fresh, from the app's workspace changes a thread; everything else is refused
 * without touching Slack, the thread store or PagerDuty, and no secret ever shows in a log line or an answer.
 */
class SlackActionsHandlerTest {

    private static final String SIGNING_SECRET = "5ign1ng-secret-under-test-0123456789abcdef";
    private static final String TOKEN = "xoxb-123456789012-bot-token-under-test";
    private static final String ROUTING_KEY = "R0UTINGKEYUNDERTEST0123456789abc";
    private static final String CHANNEL = "C0ALERTS01";
    private static final String THREAD = "alarm|arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx";
    private static final Instant SINCE = Instant.parse("2026-11-21T03:05:00Z");

    private final VirtualClock clock = new VirtualClock();
    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final RecordingHttpServer pagerDuty = RecordingHttpServer.start(RecordingHttpServer.PAGERDUTY_ACCEPTED);
    private final SlackWebApi api = SlackWebApi.create(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, TOKEN),
            Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
    private final CountingStore store = new CountingStore();
    private final Map<String, String> env = new HashMap<>(Map.of(
            "SLACK_SIGNING_SECRET", SIGNING_SECRET,
            "SLACK_TEAM_ID", SignedClicks.TEAM,
            "PAGERDUTY_ROUTING_KEY", ROUTING_KEY,
            "PAGERDUTY_EVENTS_URL", pagerDuty.url("/v2/enqueue")));
    private final StringBuilder log = new StringBuilder();
    private final StringBuilder answers = new StringBuilder();
    private SlackActionsHandler handler;
    private int clicks;

    @AfterEach
    void stop() {
        slack.close();
        pagerDuty.close();
    }

    /** An open alarm thread with buttons, as alarm-to-slack leaves it; returns its top message's ts. */
    private String openThread() {
        SlackMessage top = SlackMessage.builder().text("ALARM: checkout-5xx").color(SlackMessage.COLOR_DANGER)
                .attachmentBlock(Blocks.header("checkout-5xx is in ALARM")).build();
        IncidentSpec incident = new IncidentSpec("alarm", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx",
                "checkout-5xx is in ALARM", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout-5xx", "critical", null, null,
                null, null, null);
        new SlackThreads(api, store, true).deliver(CHANNEL, THREAD, "ALARM@" + SINCE,
                current -> ThreadPost.start(top, SINCE, "ALARM", Map.of(), null).withIncident(incident), deadline());
        store.calls = 0;
        return record().orElseThrow().ts();
    }

    private Deadline deadline() {
        return Deadline.in(10_000, clock);
    }

    private Optional<ThreadRecord> record() {
        return store.inner.read(THREAD, deadline());
    }

    private long now() {
        return clock.currentTimeMillis() / 1000;
    }

    private SlackActionsHandler handler() {
        if (handler == null) {
            handler = new SlackActionsHandler(env::get, new SecretResolver(env::get), false, api, store);
        }
        return handler;
    }

    /** A click signed as Slack signs it, delivered base64-encoded as function URLs deliver form posts. */
    private JsonObject click(String action, String user, String messageTs) {
        return SignedClicks.click(SIGNING_SECRET, now(), "alert-relay:" + action, THREAD, CHANNEL, messageTs, user,
                "1795230450." + String.format("%06d", ++clicks));
    }

    private JsonObject signedBody(String body) {
        return SignedClicks.signed(SIGNING_SECRET, now(), body);
    }

    /** The same event with its body as plain text ({@code isBase64Encoded: false}). */
    private static JsonObject plain(JsonObject event) {
        JsonObject copy = event.deepCopy();
        copy.addProperty("body", new String(Base64.getDecoder().decode(event.get("body").getAsString()), StandardCharsets.UTF_8));
        copy.addProperty("isBase64Encoded", false);
        return copy;
    }

    /** Runs the handler on {@code event}; returns its status code, keeping what it logged and answered. */
    private int handle(JsonObject event) {
        return handle(event.toString());
    }

    private int handle(String event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            handler().handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                    new TestContext("slack-actions", 10_000, clock));
        } finally {
            System.setErr(original);
            log.append(err.toString(StandardCharsets.UTF_8));
        }
        String answer = out.toString(StandardCharsets.UTF_8);
        answers.append(answer).append('\n');
        JsonObject response = Json.parseObject(answer);
        assertEquals("", response.get("body").getAsString(), "a response never carries detail");
        return response.get("statusCode").getAsInt();
    }

    private List<SlackWebApiStandIn.Call> replies() {
        return slack.accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") != null).toList();
    }

    private void assertNothingChanged(ThreadRecord before) {
        assertEquals(before, record().orElse(null), "the thread's record is as it was");
        assertTrue(slack.accepted("chat.update").isEmpty() && replies().isEmpty(), slack.calls().toString());
        assertTrue(pagerDuty.requests().isEmpty(), "nobody paged");
    }

    @Test
    void aForgedSignatureIsRefusedWithoutTouchingSlackOrTheThread() {
        String ts = openThread();
        int slackCalls = slack.calls().size();
        JsonObject forged = SignedClicks.click("not-the-signing-secret", now(), "alert-relay:acknowledge", THREAD, CHANNEL, ts,
                "U0MALLORY1", "1795230450.000001");

        assertEquals(401, handle(forged));
        assertEquals(401, handle(plain(forged)));

        assertEquals(slackCalls, slack.calls().size(), "no Slack call");
        assertEquals(0, store.calls, "no store call");
        assertTrue(log.toString().contains("a signature that does not match the signing secret from SLACK_SIGNING_SECRET"), log.toString());
    }

    @Test
    void aClickSignedMoreThanFiveMinutesAgoIsRefusedAsAReplay() {
        String ts = openThread();
        ThreadRecord before = record().orElseThrow();
        JsonObject replayed = SignedClicks.click(SIGNING_SECRET, now() - 301, "alert-relay:acknowledge", THREAD, CHANNEL, ts,
                "U0ALICE001", "1795230450.000001");

        assertEquals(401, handle(replayed));

        assertNothingChanged(before);
        assertEquals(0, store.calls);
        assertTrue(log.toString().contains("expired or replayed"), log.toString());
    }

    @Test
    void aClickInAPlainTextBodyActsAsInABase64One() {
        String ts = openThread();

        assertEquals(200, handle(plain(click("acknowledge", "U0ALICE001", ts))));

        assertEquals("U0ALICE001", record().orElseThrow().handled().acknowledgedBy());
        assertEquals(1, replies().size());
    }

    @Test
    void theSameClickDeliveredTwiceChangesTheThreadOnceAndTellsNobodyAnythingTheSecondTime() {
        String ts = openThread();
        for (String action : List.of("acknowledge", "silence-1h", "unsilence")) {
            JsonObject request = click(action, "U0ALICE001", ts);
            assertEquals(200, handle(request), action);
            ThreadRecord once = record().orElseThrow();
            int updates = slack.accepted("chat.update").size();
            int replies = replies().size();

            assertEquals(200, handle(request), "Slack's retry of " + action);

            assertEquals(once, record().orElseThrow(), action);
            assertEquals(updates, slack.accepted("chat.update").size(), action);
            assertEquals(replies, replies().size(), action);
            assertTrue(slack.calls("chat.postEphemeral").isEmpty(), "no answer to a retried " + action + ": "
                    + slack.calls("chat.postEphemeral"));
            assertTrue(log.toString().contains("already applied (a repeated delivery)"), log.toString());
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() {
        String ts = openThread();
        ThreadRecord before = record().orElseThrow();
        String padding = "&padding=" + "x".repeat(SlackActionsHandler.MAX_BODY_BYTES);
        String body = SignedClicks.form(SignedClicks.payload("alert-relay:acknowledge", THREAD, CHANNEL, ts, "U0ALICE001",
                "1795230450.000001", SignedClicks.TEAM)) + padding;

        assertEquals(401, handle(signedBody(body)));
        assertEquals(401, handle(plain(signedBody(body))));

        assertNothingChanged(before);
        assertEquals(0, store.calls);
        assertTrue(log.toString().contains("a body over " + SlackActionsHandler.MAX_BODY_BYTES + " bytes"), log.toString());
    }

    @Test
    void signedRequestsThatAreNoClickAreAnsweredAndChangeNothing() {
        String ts = openThread();
        ThreadRecord before = record().orElseThrow();
        JsonObject noActions = SignedClicks.payload("alert-relay:acknowledge", THREAD, CHANNEL, ts, "U0ALICE001",
                "1795230450.000001", SignedClicks.TEAM);
        noActions.add("actions", new JsonArray());
        JsonObject noUser = SignedClicks.payload("alert-relay:acknowledge", THREAD, CHANNEL, ts, "U0ALICE001",
                "1795230450.000002", SignedClicks.TEAM);
        noUser.getAsJsonObject("user").remove("id");

        assertEquals(400, handle(signedBody("this is not a form")), "not a form");
        assertEquals(400, handle(signedBody("payload=%7Bnot%20json")), "a payload that is not JSON");
        assertEquals(400, handle(signedBody("payload=%E0%A4%A")), "a payload that is not URL-encoded");
        assertEquals(400, handle(signedBody("payload=" + URLEncoder.encode("{\"team\":{\"id\":\"" + SignedClicks.TEAM + "\"}}",
                StandardCharsets.UTF_8))), "a payload without a type");
        assertEquals(400, handle(signedBody(SignedClicks.form(noUser))), "a click without its user");
        assertEquals(200, handle(signedBody(SignedClicks.form(noActions))), "a block action without actions: nothing to do");
        assertEquals(401, handle("not a function URL event"));
        assertEquals(401, handle("{\"headers\":{}}"), "no body");

        assertNothingChanged(before);
        assertTrue(slack.calls("chat.postEphemeral").isEmpty());
    }

    @Test
    void aGetIsRefusedEvenWhenSigned() {
        String ts = openThread();
        ThreadRecord before = record().orElseThrow();
        JsonObject get = click("acknowledge", "U0ALICE001", ts);
        get.getAsJsonObject("requestContext").getAsJsonObject("http").addProperty("method", "GET");

        assertEquals(401, handle(get));

        assertNothingChanged(before);
        assertTrue(log.toString().contains("method GET"), log.toString());
    }

    @Test
    void aClickFromAnotherWorkspaceIsRefused() {
        String ts = openThread();
        ThreadRecord before = record().orElseThrow();
        String body = SignedClicks.form(SignedClicks.payload("alert-relay:acknowledge", THREAD, CHANNEL, ts, "U0ALICE001",
                "1795230450.000001", "T0OTHERTEAM"));

        assertEquals(401, handle(signedBody(body)));

        assertNothingChanged(before);
        assertTrue(slack.calls("chat.postEphemeral").isEmpty());
        assertTrue(log.toString().contains("another workspace (T0OTHERTEAM)"), log.toString());
    }

    @Test
    void aSigningSecretRotatedSinceItWasCachedIsReadOnceMoreAndForgeriesDoNotMakeItReadAgainWithinAMinute() throws Exception {
        RotatingSecret secret = new RotatingSecret("old-signing-secret", "new-signing-secret");
        SignedRequests requests = new SignedRequests(secret);
        String body = SignedClicks.form(SignedClicks.payload("alert-relay:acknowledge", THREAD, CHANNEL, "1795230450.000100",
                "U0ALICE001", "1795230450.000001", SignedClicks.TEAM));

        assertNull(requests.refusal(request(SignedClicks.signed("new-signing-secret", now(), body)), deadline()),
                "Slack signs with the new secret: taken after one more read");
        assertEquals(1, secret.refreshes);

        assertNotNull(requests.refusal(request(SignedClicks.signed("forged", now(), body)), deadline()));
        assertNotNull(requests.refusal(request(SignedClicks.signed("old-signing-secret", now(), body)), deadline()));
        assertEquals(1, secret.refreshes, "forgeries within the minute read nothing again");
        assertNull(requests.refusal(request(SignedClicks.signed("new-signing-secret", now(), body)), deadline()));

        clock.sleep(60_000);
        assertNotNull(requests.refusal(request(SignedClicks.signed("forged", now(), body)), deadline()));
        assertEquals(2, secret.refreshes, "a minute later a mismatch may read it once more");
    }

    private static FunctionUrlRequest request(JsonObject event) throws FunctionUrlRequest.Unreadable {
        return FunctionUrlRequest.of(event, SlackActionsHandler.MAX_BODY_BYTES);
    }

    @Test
    void aClickOnAThreadWhoseRecordExpiredTellsTheClickerNothingChanged() {
        assertEquals(200, handle(click("acknowledge", "U0ALICE001", "1764558000.000001")));

        List<SlackWebApiStandIn.Call> told = slack.accepted("chat.postEphemeral");
        assertEquals(1, told.size(), slack.calls().toString());
        assertEquals("U0ALICE001", told.get(0).argument("user"));
        assertEquals(CHANNEL, told.get(0).argument("channel"));
        String blocks = told.get(0).argument("blocks");
        assertTrue(blocks.contains("no longer tracked") && blocks.contains("nothing was changed"), blocks);
        assertTrue(slack.accepted("chat.postMessage").isEmpty() && slack.accepted("chat.update").isEmpty());
        assertTrue(record().isEmpty());
    }

    @Test
    void aSecondAcknowledgementTellsOnlyItsClickerWhoAcknowledgedFirstAsSlackShowsThem() {
        String ts = openThread();
        handle(click("acknowledge", "U0ALICE001", ts));

        assertEquals(200, handle(click("acknowledge", "U0BOB00001", ts)));

        assertEquals("U0ALICE001", record().orElseThrow().handled().acknowledgedBy());
        assertEquals(1, replies().size());
        List<SlackWebApiStandIn.Call> told = slack.accepted("chat.postEphemeral");
        assertEquals(1, told.size());
        assertEquals("U0BOB00001", told.get(0).argument("user"));
        assertTrue(told.get(0).argument("blocks").contains("Already acknowledged by <@U0ALICE001> at "), told.get(0).toString());
    }

    @Test
    void aClickFromAChannelNotAllowedIsAnsweredOnlyToTheClickerAndChangesNothing() {
        env.put("SLACK_ALLOWED_CHANNELS", "C0OTHER001, " + "C0OTHER002");
        String ts = openThread();
        ThreadRecord before = record().orElseThrow();

        assertEquals(200, handle(click("acknowledge", "U0ALICE001", ts)));

        assertNothingChanged(before);
        List<SlackWebApiStandIn.Call> told = slack.accepted("chat.postEphemeral");
        assertEquals(1, told.size());
        assertEquals("U0ALICE001", told.get(0).argument("user"));
        assertTrue(told.get(0).argument("blocks").contains("does not take actions from this channel"), told.get(0).toString());
    }

    @Test
    void aClickInAnAllowedChannelActs() {
        env.put("SLACK_ALLOWED_CHANNELS", "C0OTHER001," + CHANNEL);
        String ts = openThread();

        assertEquals(200, handle(click("acknowledge", "U0ALICE001", ts)));

        assertEquals("U0ALICE001", record().orElseThrow().handled().acknowledgedBy());
    }

    @Test
    void aLinkButtonsClickOrAButtonThisAppDoesNotKnowIsAnsweredAndDoesNothing() {
        String ts = openThread();
        ThreadRecord before = record().orElseThrow();
        int slackCalls = slack.calls().size();

        assertEquals(200, handle(click("no-such-button", "U0ALICE001", ts)));
        JsonObject link = SignedClicks.click(SIGNING_SECRET, now(), "link-0", THREAD, CHANNEL, ts, "U0ALICE001", "1795230450.000009");
        assertEquals(200, handle(link));

        assertNothingChanged(before);
        assertEquals(slackCalls, slack.calls().size());
        assertEquals(0, store.calls);
    }

    @Test
    void pageOnCallTriggersTheThreadsIncidentWithALinkBackToTheThread() {
        String ts = openThread();

        assertEquals(200, handle(click("page", "U0CAROL001", ts)));

        assertEquals(1, pagerDuty.requests().size());
        JsonObject trigger = Json.parseObject(pagerDuty.requests().get(0).body());
        assertEquals(ROUTING_KEY, trigger.get("routing_key").getAsString());
        assertEquals("checkout-5xx is in ALARM", trigger.getAsJsonObject("payload").get("summary").getAsString());
        assertTrue(trigger.toString().contains("https://example-shop.slack.com/archives/" + CHANNEL + "/p" + ts.replace(".", "")),
                trigger.toString());
        assertEquals("U0CAROL001", record().orElseThrow().handled().pagedBy());
        assertTrue(replies().get(0).arguments().toString().contains("<@U0CAROL001> paged the on-call"), replies().toString());
    }

    @Test
    void noSecretEverShowsInALogLineOrAnAnswer() {
        String ts = openThread();
        handle(SignedClicks.click("not-the-signing-secret", now(), "alert-relay:acknowledge", THREAD, CHANNEL, ts, "U0MALLORY1",
                "1795230450.000001"));
        handle(SignedClicks.click(SIGNING_SECRET, now() - 600, "alert-relay:acknowledge", THREAD, CHANNEL, ts, "U0MALLORY1",
                "1795230450.000002"));
        handle(click("acknowledge", "U0ALICE001", ts));
        handle(click("acknowledge", "U0BOB00001", ts));
        pagerDuty.answerByDefault(RecordingHttpServer.Answer.of(400,
                "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[\"Invalid routing key\"]}"));
        handle(click("page", "U0CAROL001", ts));
        slack.acceptOnly("xoxb-rotated-elsewhere");
        handle(click("silence-1h", "U0BOB00001", ts));
        handle(click("acknowledge", "U0BOB00001", ts));

        assertTrue(log.toString().contains("PagerDuty did not accept the page"), log.toString());
        assertTrue(log.toString().contains("invalid_auth"), log.toString());
        for (String secret : List.of(SIGNING_SECRET, TOKEN, ROUTING_KEY)) {
            assertFalse(log.toString().contains(secret), "a secret in the log: " + log);
            assertFalse(answers.toString().contains(secret), "a secret in an answer: " + answers);
        }
        for (SlackWebApiStandIn.Call call : slack.calls()) {
            for (String secret : List.of(SIGNING_SECRET, ROUTING_KEY)) {
                assertFalse(call.arguments().toString().contains(secret), "a secret told in Slack: " + call);
            }
        }
    }

    /** A signing secret replaced where it is stored: the cache gives the old value until it is refreshed. */
    private static final class RotatingSecret implements Secret {
        private final String stored;
        private String cached;
        private int refreshes;

        RotatingSecret(String cached, String stored) {
            this.cached = cached;
            this.stored = stored;
        }

        @Override
        public String value(Deadline deadline) {
            return cached;
        }

        @Override
        public boolean refresh() {
            refreshes++;
            cached = stored;
            return true;
        }

        @Override
        public String source() {
            return "SLACK_SIGNING_SECRET_PARAMETER";
        }
    }

    /** The thread store, counting what the handler asks of it. */
    private static final class CountingStore implements ThreadStore {
        private final InMemoryThreadStore inner = new InMemoryThreadStore();
        private int calls;

        @Override
        public Optional<ThreadRecord> read(String id, Deadline deadline) {
            calls++;
            return inner.read(id, deadline);
        }

        @Override
        public boolean write(ThreadRecord record, long expectedVersion, long expiresAtEpochSeconds, Deadline deadline) {
            calls++;
            return inner.write(record, expectedVersion, expiresAtEpochSeconds, deadline);
        }
    }
}
