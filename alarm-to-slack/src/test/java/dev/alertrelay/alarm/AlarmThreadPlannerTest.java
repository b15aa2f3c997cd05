package dev.alertrelay.alarm;

import com.google.gson.JsonObject;
import dev.alertrelay.common.alarm.AlarmEvents;
import dev.alertrelay.common.alarm.CloudWatchAlarm;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.slack.thread.ThreadPost;
import dev.alertrelay.slack.thread.ThreadRecord;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each alarm change does to its thread, from recorded events. */
class AlarmThreadPlannerTest {

    private static final Instant BEGAN = Instant.parse("2026-11-21T03:05:12.402Z");

    private static CloudWatchAlarm alarm(String sample) {
        return (CloudWatchAlarm) AlarmEvents.parse(Json.parseObject(EventFiles.text(sample))).get(0);
    }

    private static ThreadRecord open(String state, Instant stateTime) {
        return record(ThreadRecord.Status.OPEN, state, stateTime);
    }

    private static ThreadRecord record(ThreadRecord.Status status, String state, Instant stateTime) {
        return new ThreadRecord("alarm|x", 3, status, "C0123", "1764558000.000001", BEGAN, state, stateTime,
                List.of(), Map.of(), Map.of());
    }

    private static JsonObject payload(ThreadPost post, boolean top) {
        return (top ? post.topUpdate() : post.message()).toPayload(null);
    }

    @Test
    void theFirstAlarmStartsAThreadWithTheFullMessage() {
        ThreadPost post = AlarmThreadPlanner.plan(alarm("alarm-sns-alb-healthyhostcount.json"), null, thread -> { });

        assertEquals(ThreadPost.Kind.START, post.kind());
        assertEquals(BEGAN, post.since());
        assertEquals(AlarmMessageFormatter.format(alarm("alarm-sns-alb-healthyhostcount.json")).toPayload(null),
                post.message().toPayload(null));
    }

    @Test
    void anOkEndsTheThreadResolvedAfterHowLongItFired() {
        ThreadPost post = AlarmThreadPlanner.plan(alarm("alarm-sns-alb-healthyhostcount-ok.json"), open("ALARM", BEGAN), null);

        assertEquals(ThreadPost.Kind.REPLY, post.kind());
        assertTrue(post.closes());
        assertEquals("Resolved after 12 min 0 s: shop-alb-no-healthy-hosts", SlackPayloads.text(payload(post, false)));
        JsonObject top = payload(post, true);
        BlockKitLimits.assertValid(top);
        assertTrue(SlackPayloads.header(top).contains("Resolved after 12 min 0 s"), SlackPayloads.header(top));
        assertTrue(SlackPayloads.fields(top).containsKey("Alarm began"), SlackPayloads.fields(top).toString());
        assertTrue(SlackPayloads.fields(top).containsKey("Resolved"));
        assertTrue(SlackPayloads.buttons(top).containsKey("Open alarm"));
        assertEquals("#2EB67D", SlackPayloads.color(top));
    }

    @Test
    void whileOpenOtherStatesReplyAndTheTopShowsTheCurrentState() {
        ThreadPost post = AlarmThreadPlanner.plan(alarm("alarm-sns-insufficient-data.json"), open("ALARM", BEGAN), null);

        assertEquals(ThreadPost.Kind.REPLY, post.kind());
        assertFalse(post.closes());
        assertTrue(SlackPayloads.header(payload(post, true)).startsWith(":large_yellow_circle: INSUFFICIENT_DATA"));
    }

    @Test
    void aRepeatedAlarmIsAReplyNotANewThread() {
        ThreadPost post = AlarmThreadPlanner.plan(alarm("alarm-sns-alb-healthyhostcount-again.json"), open("ALARM", BEGAN), null);

        assertEquals(ThreadPost.Kind.REPLY, post.kind());
        assertTrue(SlackPayloads.fields(payload(post, true)).containsKey("Alarm began"));
    }

    @Test
    void aChangeArrivingLateRepliesAndChangesNothingElse() {
        ThreadPost post = AlarmThreadPlanner.plan(alarm("alarm-sns-alb-healthyhostcount-ok.json"),
                open("ALARM", Instant.parse("2026-11-21T03:41:12.388Z")), null);

        assertEquals(ThreadPost.Kind.REPLY, post.kind());
        assertNull(post.topUpdate());
        assertFalse(post.closes());
        assertTrue(payload(post, false).toString().contains("arrived late"));
    }

    @Test
    void anOkOrInsufficientDataWithoutAnOpenThreadIsAMessageOfItsOwn() {
        assertEquals(ThreadPost.Kind.STANDALONE, AlarmThreadPlanner.plan(alarm("alarm-sns-alb-healthyhostcount-ok.json"), null, null).kind());
        ThreadRecord closed = record(ThreadRecord.Status.CLOSED, "OK", BEGAN);
        assertEquals(ThreadPost.Kind.STANDALONE, AlarmThreadPlanner.plan(alarm("alarm-sns-insufficient-data.json"), closed, null).kind());
        assertEquals(ThreadPost.Kind.START, AlarmThreadPlanner.plan(alarm("alarm-sns-alb-healthyhostcount.json"), closed, null).kind());
    }

    @Test
    void theSameChangeHasTheSameKeyWhicheverWayItArrives() {
        CloudWatchAlarm sns = alarm("alarm-sns-alb-healthyhostcount.json");
        assertEquals("ALARM@2026-11-21T03:05:12.402Z", AlarmThreadPlanner.notificationKey(sns));
        assertEquals("alarm|arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:shop-alb-no-healthy-hosts",
                AlarmThreadPlanner.threadId(sns));
        CloudWatchAlarm old = alarm("alarm-sns-old-without-arn.json");
        assertTrue(AlarmThreadPlanner.threadId(old).endsWith("|" + old.name()), AlarmThreadPlanner.threadId(old));
    }
}
