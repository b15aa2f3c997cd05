package dev.alertrelay.alarm;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.slack.testing.ThreadTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slack app mode in an outage, through the shaded jar, DynamoDB (moto) and a Slack Web API stand-in: a storm is one
 * thread whose top message follows every alarm until the last recovers, also when batches of it arrive at once.
 */
class StormThreadJarIT {

    private static final String TOKEN = "xoxb-123456789012-secret-bot-token";
    /** The ts the Slack stand-in gives the first message posted. */
    private static final String FIRST_TOP_TS = "1764558000.000001";

    private static MotoServer moto;
    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final String table = "storm-state-" + UUID.randomUUID();

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
    }

    @AfterAll
    static void stopMoto() {
        moto.close();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private Map<String, String> appMode() {
        ThreadTables.create(moto, table);
        Map<String, String> env = new HashMap<>(moto.awsEnvironment());
        env.put("SLACK_BOT_TOKEN", TOKEN);
        env.put("SLACK_CHANNEL_ID", "C0ALERTS01");
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("ALARM_STATE_TABLE", table);
        env.put("ALARM_CHARTS", "off");
        return env;
    }

    private static JarProcess.Result run(Map<String, String> env, String event) {
        JarProcess.Result result = JarProcess.run(env, event, "-");
        assertEquals(0, result.exitCode(), result.all());
        List<String> lines = result.stdout().lines().filter(line -> !line.isBlank()).toList();
        assertEquals("{\"batchItemFailures\":[]}", lines.get(lines.size() - 1), result.all());
        return result;
    }

    private static String text(SlackWebApiStandIn.Call call) {
        return call.argument("text");
    }

    @Test
    void aStormIsOneThreadWhoseTopMessageFollowsEachAlarmUntilTheLastRecovers() {
        Map<String, String> env = appMode();

        run(env, EventFiles.text("alarm-sqs-storm.json"));
        run(env, EventFiles.text("alarm-sqs-storm-mixed.json"));
        run(env, EventFiles.text("alarm-sqs-storm-recovered.json"));

        List<SlackWebApiStandIn.Call> tops = slack.topLevelPosts();
        assertEquals(1, tops.size(), "one thread for the whole storm: " + slack.calls());
        assertTrue(text(tops.get(0)).startsWith("ALARM storm: 7 alarms in ALARM"), text(tops.get(0)));
        String thread = FIRST_TOP_TS;
        List<SlackWebApiStandIn.Call> updates = slack.accepted("chat.update");
        assertEquals(3, updates.size(), "the top message follows each batch: " + updates);
        assertTrue(updates.stream().allMatch(update -> thread.equals(update.argument("ts"))));
        assertTrue(text(updates.get(0)).startsWith("Alarm storm: 3 of 7 still in ALARM")
                || text(updates.get(1)).startsWith("Alarm storm: 3 of 7 still in ALARM"), updates.toString());
        assertTrue(text(updates.get(2)).startsWith("Storm resolved after"), text(updates.get(2)));
        assertTrue(updates.get(2).arguments().toString().contains("#2EB67D"), "the resolved storm is green");
        List<SlackWebApiStandIn.Call> replies = slack.accepted("chat.postMessage").stream()
                .filter(call -> call.argument("thread_ts") != null).toList();
        assertEquals(3, replies.size(), "each batch's changes reply in the storm's thread");
        assertTrue(replies.stream().allMatch(reply -> thread.equals(reply.argument("thread_ts"))));
    }

    @Test
    void oneAlarmOfTheStormRecoveringOnItsOwnRepliesInTheStormThread() {
        Map<String, String> env = appMode();
        run(env, EventFiles.text("alarm-sqs-storm.json"));

        JsonObject single = Json.parseObject(EventFiles.text("alarm-sqs-storm-recovered.json"));
        JsonArray records = single.getAsJsonArray("Records");
        JsonArray first = new JsonArray();
        first.add(records.get(0));
        single.add("Records", first);
        run(env, Json.toJson(single));

        assertEquals(1, slack.topLevelPosts().size(), slack.calls().toString());
        String thread = FIRST_TOP_TS;
        List<SlackWebApiStandIn.Call> updates = slack.accepted("chat.update");
        assertEquals(1, updates.size());
        assertTrue(text(updates.get(0)).startsWith("Alarm storm: 6 of 7 still in ALARM"), text(updates.get(0)));
        SlackWebApiStandIn.Call reply = slack.accepted("chat.postMessage").stream()
                .filter(call -> call.argument("thread_ts") != null).findFirst().orElseThrow();
        assertEquals(thread, reply.argument("thread_ts"));
        assertTrue(text(reply).contains("orders-db-connections"), text(reply));
    }

    @Test
    void twoBatchesOfOneStormArrivingAtOnceMakeOneThread() throws Exception {
        Map<String, String> env = appMode();
        JsonObject storm = Json.parseObject(EventFiles.text("alarm-sqs-storm.json"));
        JsonArray records = storm.getAsJsonArray("Records");
        JsonObject firstHalf = new JsonObject();
        JsonObject secondHalf = new JsonObject();
        JsonArray a = new JsonArray();
        JsonArray b = new JsonArray();
        for (int i = 0; i < records.size(); i++) {
            (i < 4 ? a : b).add(records.get(i));
        }
        firstHalf.add("Records", a);
        secondHalf.add("Records", b);

        CompletableFuture<JarProcess.Result> one = CompletableFuture.supplyAsync(() -> run(env, Json.toJson(firstHalf)));
        CompletableFuture<JarProcess.Result> two = CompletableFuture.supplyAsync(() -> run(env, Json.toJson(secondHalf)));
        one.get(120, TimeUnit.SECONDS);
        two.get(120, TimeUnit.SECONDS);

        assertEquals(1, slack.topLevelPosts().size(), "one storm thread: " + slack.calls());
        String thread = FIRST_TOP_TS;
        List<SlackWebApiStandIn.Call> updates = slack.accepted("chat.update");
        assertEquals(1, updates.size(), "the second batch joined the first: " + updates);
        assertEquals(thread, updates.get(0).argument("ts"));
        assertTrue(text(updates.get(0)).startsWith("Alarm storm: 7 of 7 still in ALARM"), text(updates.get(0)));
    }
}
