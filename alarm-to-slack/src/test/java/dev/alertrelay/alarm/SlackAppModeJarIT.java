package dev.alertrelay.alarm;

import dev.alertrelay.slack.testing.ThreadTables;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slack app mode end to end: the shaded jar, a Slack Web API stand-in, the thread state in DynamoDB (moto) and a
 * CloudWatch stand-in for the chart. Each run is a fresh process, as each cold Lambda container is.
 */
class SlackAppModeJarIT {

    private static final String TOKEN = "xoxb-123456789012-secret-bot-token";
    private static final String ALARM = "alarm-sns-alb-healthyhostcount.json";
    private static final String OK = "alarm-sns-alb-healthyhostcount-ok.json";
    private static final String ALARM_AGAIN = "alarm-sns-alb-healthyhostcount-again.json";

    private static MotoServer moto;
    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final MetricWidgetImageStandIn cloudWatch = MetricWidgetImageStandIn.start();
    private final String table = "alarm-state-" + UUID.randomUUID();

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
        cloudWatch.close();
    }

    private Map<String, String> appMode() {
        ThreadTables.create(moto, table);
        Map<String, String> env = new HashMap<>(moto.awsEnvironment());
        env.put("AWS_ENDPOINT_URL_CLOUDWATCH", cloudWatch.endpoint());
        env.put("SLACK_BOT_TOKEN", TOKEN);
        env.put("SLACK_CHANNEL_ID", "C0ALERTS01");
        env.put("SLACK_API_URL", slack.apiUrl());
        env.put("ALARM_STATE_TABLE", table);
        return env;
    }

    private static JarProcess.Result run(Map<String, String> env, String sample) {
        JarProcess.Result result = JarProcess.run(env, null, EventFiles.path(sample).toString());
        assertEquals(0, result.exitCode(), result.all());
        assertFalse(result.all().contains(TOKEN), "the bot token is a secret: " + result.all());
        return result;
    }

    private static String text(SlackWebApiStandIn.Call call) {
        return call.argument("text");
    }

    @Test
    void alarmThenOkThenAlarmMakesTwoThreadsTheFirstUpdatedToResolved() {
        Map<String, String> env = appMode();

        run(env, ALARM);
        run(env, OK);
        run(env, ALARM_AGAIN);

        List<SlackWebApiStandIn.Call> tops = slack.topLevelPosts();
        assertEquals(2, tops.size(), slack.calls().toString());
        assertTrue(text(tops.get(0)).startsWith("ALARM: shop-alb-no-healthy-hosts"), text(tops.get(0)));
        String firstThread = "1764558000.000001";
        List<SlackWebApiStandIn.Call> updates = slack.accepted("chat.update");
        assertEquals(1, updates.size());
        SlackWebApiStandIn.Call resolved = updates.get(0);
        assertEquals(firstThread, resolved.argument("ts"));
        assertTrue(text(resolved).startsWith("RESOLVED after 12 min 0 s: shop-alb-no-healthy-hosts"), text(resolved));
        JsonObject resolvedMessage = dev.alertrelay.common.json.Json.parseObject(resolved.arguments().toString());
        resolvedMessage.remove("_accepted");
        BlockKitLimits.assertValid(resolvedMessage);
        assertTrue(resolvedMessage.toString().contains("#2EB67D"), "the resolved message is green");
        assertTrue(resolvedMessage.toString().contains("Open alarm"), "the facts and links are kept");
        List<SlackWebApiStandIn.Call> replies = slack.accepted("chat.postMessage").stream()
                .filter(call -> call.argument("thread_ts") != null).toList();
        assertEquals(1, replies.size());
        assertEquals(firstThread, replies.get(0).argument("thread_ts"));
        assertTrue(text(replies.get(0)).startsWith("Resolved after 12 min 0 s"), text(replies.get(0)));

        List<SlackWebApiStandIn.Call> charts = slack.accepted("files.completeUploadExternal");
        assertEquals(2, charts.size(), "each thread gets its chart");
        assertEquals(firstThread, charts.get(0).argument("thread_ts"));
        assertFalse(firstThread.equals(charts.get(1).argument("thread_ts")), "the second chart is in the second thread");
        assertEquals(2, slack.uploads().size());
        assertEquals(MetricWidgetImageStandIn.PNG.length, slack.uploads().get(0).length);
        JsonObject widget = Json.parseObject(cloudWatch.widgets().get(0));
        JsonArray metric = widget.getAsJsonArray("metrics").get(0).getAsJsonArray();
        assertEquals("HealthyHostCount", metric.get(1).getAsString());
        assertEquals("ap-northeast-1", widget.get("region").getAsString());
    }

    @Test
    void duplicatesDeliveredAtOnceMakeOneThread() throws Exception {
        Map<String, String> env = appMode();

        CompletableFuture<JarProcess.Result> first = CompletableFuture.supplyAsync(() -> run(env, ALARM));
        CompletableFuture<JarProcess.Result> second = CompletableFuture.supplyAsync(() -> run(env, ALARM));
        first.get(120, TimeUnit.SECONDS);
        second.get(120, TimeUnit.SECONDS);

        assertEquals(1, slack.topLevelPosts().size(), slack.calls().toString());
        assertEquals(1, slack.accepted("chat.postMessage").size(), "no reply either: it is the same state change");
    }

    @Test
    void aRetriedInvocationPostsNothingTwice() {
        Map<String, String> env = appMode();

        run(env, ALARM);
        run(env, OK);
        JarProcess.Result retried = run(env, OK);

        assertEquals(2, slack.accepted("chat.postMessage").size());
        assertTrue(retried.stderr().contains("already delivered"), retried.stderr());
    }

    @Test
    void aChartThatCannotBeDrawnStillPostsTheMessage() {
        cloudWatch.refuse();
        Map<String, String> env = appMode();

        JarProcess.Result result = run(env, ALARM);

        assertEquals(1, slack.topLevelPosts().size());
        assertTrue(slack.calls("files.getUploadURLExternal").isEmpty());
        assertTrue(result.stderr().contains("chart of shop-alb-no-healthy-hosts was not posted (the message was)"),
                result.stderr());
    }

    @Test
    void chartsCanBeSwitchedOff() {
        Map<String, String> env = appMode();
        env.put("ALARM_CHARTS", "off");

        run(env, ALARM);

        assertTrue(cloudWatch.widgets().isEmpty());
        assertTrue(slack.calls("files.getUploadURLExternal").isEmpty());
    }

    @Test
    void withoutAStateTableMessagesArePostedWithoutThreadsAndStartUpSaysSo() {
        Map<String, String> env = appMode();
        env.remove("ALARM_STATE_TABLE");

        JarProcess.Result result = run(env, ALARM);
        run(env, OK);

        assertEquals(2, slack.topLevelPosts().size());
        assertTrue(slack.calls("chat.update").isEmpty());
        assertTrue(result.stderr().contains("without ALARM_STATE_TABLE"), result.stderr());
    }

    @Test
    void theBotTokenWinsOverAWebhookWithOneLineSayingSo() {
        Map<String, String> env = appMode();
        env.put("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T000/B000/XXXX");

        JarProcess.Result result = run(env, ALARM);

        assertEquals(1, slack.topLevelPosts().size());
        assertTrue(result.stderr().contains("posting as the Slack app"), result.stderr());
        assertFalse(result.all().contains("/services/T000/B000/XXXX"));
    }

    @Test
    void aRefusalNamesSlacksErrorAndFailsTheInvocation() {
        slack.refuseNext("chat.postMessage", "not_in_channel");
        Map<String, String> env = appMode();

        JarProcess.Result result = JarProcess.run(env, null, EventFiles.path(ALARM).toString());

        assertEquals(1, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("not_in_channel"), result.stderr());
        assertFalse(result.all().contains(TOKEN));
    }

    @Test
    void aBotTokenWithoutAChannelIdStopsAtStartUpSayingWhatIsMissing() {
        Map<String, String> env = appMode();
        env.remove("SLACK_CHANNEL_ID");

        JarProcess.Result result = JarProcess.run(env, null, EventFiles.path(ALARM).toString());

        assertEquals(1, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("SLACK_CHANNEL_ID"), result.stderr());
    }

    @Test
    void aDryRunPrintsTheWebApiCallsInOrderOneJsonDocumentPerLine() {
        Map<String, String> env = Map.of("SLACK_BOT_TOKEN", TOKEN, "SLACK_CHANNEL_ID", "C0ALERTS01", "ALARM_STATE_TABLE", "demo");

        JarProcess.Result result = JarProcess.run(env, null, "--dry-run", EventFiles.path(ALARM).toString(),
                EventFiles.path(OK).toString());

        assertEquals(0, result.exitCode(), result.all());
        List<String> methods = result.stdout().lines().filter(line -> !line.isBlank())
                .map(line -> Json.string(Json.parseObject(line), "method")).toList();
        assertEquals(List.of("chat.postMessage", "cloudwatch:GetMetricWidgetImage", "files.getUploadURLExternal",
                "files.completeUploadExternal", "chat.update", "chat.postMessage"), methods);
        assertTrue(slack.calls().isEmpty(), "a dry run calls nothing");
    }
}
