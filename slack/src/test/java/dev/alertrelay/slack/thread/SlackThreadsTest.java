package dev.alertrelay.slack.thread;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.testing.YieldingClock;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.thread.SlackThreads.Outcome;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Threads as a user sees them in Slack: one top message per lifecycle, replies in it, nothing posted twice. */
class SlackThreadsTest {

    private static final String TOKEN = "xoxb-test";
    private static final String THREAD = "alarm|arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout";
    private static final Instant T0 = Instant.parse("2026-11-21T03:05:00Z");

    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final SlackWebApi api = SlackWebApi.create(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, TOKEN),
            Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
    private final InMemoryThreadStore store = new InMemoryThreadStore();
    private final SlackThreads threads = new SlackThreads(api, store);

    @AfterEach
    void stop() {
        slack.close();
    }

    /** ALARM starts a thread; other states reply while it is open, and OK closes it. */
    private static Function<ThreadRecord, ThreadPost> lifecycle(String state, Instant at) {
        return current -> {
            SlackMessage message = SlackMessage.builder().text(state + " at " + at).build();
            if (current == null || !current.isOpen()) {
                return state.equals("ALARM") ? ThreadPost.start(message, at, state, Map.of(), null)
                        : ThreadPost.standalone(message, state, at, Map.of());
            }
            SlackMessage top = SlackMessage.builder().text("top: " + state).build();
            return ThreadPost.reply(message, top, state.equals("OK"), state, at, Map.of());
        };
    }

    private Outcome deliver(String state, Instant at) {
        return threads.deliver("C0123", THREAD, state + "@" + at, lifecycle(state, at), Deadline.in(10_000, YieldingClock.INSTANCE));
    }

    @Test
    void alarmThenOkThenAlarmMakesTwoThreadsTheFirstUpdatedToResolved() {
        assertEquals(Outcome.STARTED_THREAD, deliver("ALARM", T0));
        assertEquals(Outcome.REPLIED, deliver("INSUFFICIENT_DATA", T0.plusSeconds(60)));
        assertEquals(Outcome.REPLIED, deliver("OK", T0.plusSeconds(840)));
        assertEquals(Outcome.STARTED_THREAD, deliver("ALARM", T0.plusSeconds(3600)));

        List<SlackWebApiStandIn.Call> tops = slack.topLevelPosts();
        assertEquals(2, tops.size());
        String firstTs = "1764558000.000001";
        List<SlackWebApiStandIn.Call> replies = slack.accepted("chat.postMessage").stream()
                .filter(call -> call.argument("thread_ts") != null).toList();
        assertEquals(2, replies.size());
        assertTrue(replies.stream().allMatch(reply -> firstTs.equals(reply.argument("thread_ts"))));
        List<SlackWebApiStandIn.Call> updates = slack.accepted("chat.update");
        assertEquals(2, updates.size());
        assertEquals("top: OK", updates.get(1).argument("text"));
        assertEquals(firstTs, updates.get(1).argument("ts"));
    }

    @Test
    void theSameNotificationTwiceIsPostedOnce() {
        deliver("ALARM", T0);
        assertEquals(Outcome.ALREADY_DELIVERED, deliver("ALARM", T0));
        deliver("OK", T0.plusSeconds(60));
        assertEquals(Outcome.ALREADY_DELIVERED, deliver("OK", T0.plusSeconds(60)));

        assertEquals(1, slack.topLevelPosts().size());
        assertEquals(2, slack.accepted("chat.postMessage").size());
    }

    @Test
    void aNotificationAnotherLiveInvocationIsDeliveringIsLeftToIt() {
        deliver("ALARM", T0);
        ThreadRecord record = store.read(THREAD, Deadline.in(1_000, YieldingClock.INSTANCE)).orElseThrow();
        String key = "OK@" + T0.plusSeconds(60);
        store.write(record.withClaim(key, System.currentTimeMillis() + 60_000), record.version(), 0, Deadline.in(1_000, YieldingClock.INSTANCE));

        assertEquals(Outcome.DELIVERING_ELSEWHERE, threads.deliver("C0123", THREAD, key, lifecycle("OK", T0.plusSeconds(60)),
                Deadline.in(10_000, YieldingClock.INSTANCE)));
        assertEquals(1, slack.accepted("chat.postMessage").size());
    }

    @Test
    void theClaimOfAnInvocationThatDiedExpiresWithItsDeadline() {
        deliver("ALARM", T0);
        ThreadRecord record = store.read(THREAD, Deadline.in(1_000, YieldingClock.INSTANCE)).orElseThrow();
        String key = "OK@" + T0.plusSeconds(60);
        store.write(record.withClaim(key, System.currentTimeMillis() - 1), record.version(), 0, Deadline.in(1_000, YieldingClock.INSTANCE));

        assertEquals(Outcome.REPLIED, threads.deliver("C0123", THREAD, key, lifecycle("OK", T0.plusSeconds(60)), Deadline.in(10_000, YieldingClock.INSTANCE)));
    }

    @Test
    void aFailedPostReleasesItsClaimSoTheRetryPostsItExactlyOnce() {
        deliver("ALARM", T0);
        slack.refuseNext("chat.update", "channel_not_found");

        assertThrows(DeliveryException.class, () -> deliver("OK", T0.plusSeconds(60)));
        assertEquals(Outcome.REPLIED, deliver("OK", T0.plusSeconds(60)));
        assertEquals(Outcome.ALREADY_DELIVERED, deliver("OK", T0.plusSeconds(60)));

        assertEquals(1, slack.accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") != null).count());
    }

    @Test
    void aFailedFirstPostLeavesNoThreadBehind() {
        slack.refuseNext("chat.postMessage", "not_in_channel");

        assertThrows(DeliveryException.class, () -> deliver("ALARM", T0));
        assertEquals(Outcome.STARTED_THREAD, deliver("ALARM", T0));
        assertEquals(1, slack.topLevelPosts().size());
    }

    @Test
    void aDeletedTopMessageIsPostedAnewAndBecomesTheThread() {
        deliver("ALARM", T0);
        slack.delete("1764558000.000001");

        assertEquals(Outcome.STARTED_THREAD, deliver("INSUFFICIENT_DATA", T0.plusSeconds(60)));
        deliver("OK", T0.plusSeconds(120));

        List<SlackWebApiStandIn.Call> tops = slack.topLevelPosts();
        assertEquals(2, tops.size());
        assertEquals("top: INSUFFICIENT_DATA", tops.get(1).argument("text"));
        SlackWebApiStandIn.Call lastReply = slack.accepted("chat.postMessage").get(2);
        assertEquals("1764558000.000002", lastReply.argument("thread_ts"));
    }

    @Test
    void withoutAStoreEveryNotificationIsAMessageOfItsOwn() {
        SlackThreads unthreaded = new SlackThreads(api, null);
        unthreaded.deliver("C0123", THREAD, "ALARM@1", lifecycle("ALARM", T0), Deadline.in(10_000, YieldingClock.INSTANCE));
        unthreaded.deliver("C0123", THREAD, "OK@2", lifecycle("OK", T0.plusSeconds(60)), Deadline.in(10_000, YieldingClock.INSTANCE));

        assertEquals(2, slack.topLevelPosts().size());
    }

    @Test
    void racingDuplicatesOfTheFirstAlarmMakeOneThread() throws Exception {
        List<Outcome> outcomes = race(8, i -> deliver("ALARM", T0));

        assertEquals(1, slack.topLevelPosts().size(), outcomes.toString());
        assertEquals(1, outcomes.stream().filter(o -> o == Outcome.STARTED_THREAD).count(), outcomes.toString());
    }

    @Test
    void racingDifferentChangesOfANewAlarmMakeOneThreadAndReplies() throws Exception {
        List<Outcome> outcomes = race(6, i -> deliver("ALARM", T0.plusSeconds(i)));

        assertEquals(1, slack.topLevelPosts().size(), outcomes.toString());
        assertEquals(5, slack.accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") != null).count());
    }

    private static List<Outcome> race(int invocations, java.util.function.IntFunction<Outcome> invocation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(invocations);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < invocations; i++) {
                int n = i;
                Callable<Outcome> task = () -> {
                    start.await();
                    return invocation.apply(n);
                };
                futures.add(pool.submit(task));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(30, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }
}
