package dev.alertrelay.ecs;

import com.google.gson.JsonObject;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.thread.InMemoryThreadStore;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.thread.SlackThreads;
import dev.alertrelay.common.testing.BlockKitLimits;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestContext;
import dev.alertrelay.common.testing.TestSecrets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Slack app mode: the stops of one service within an hour are one thread whose top message counts them. */
class ServiceThreadsTest {

    private static final String TOKEN = "xoxb-ecs";

    private final SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN);
    private final InMemoryThreadStore store = new InMemoryThreadStore();

    @AfterEach
    void stop() {
        slack.close();
    }

    /** A fresh handler per event, as if each arrived in another container: only the thread store remembers. */
    private void deliver(String event) {
        deliver(event, false);
    }

    private void deliver(String event, boolean buttons) {
        SlackWebApi api = SlackWebApi.create(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, TOKEN),
                Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
        new EcsTaskStoppedHandler(Map.<String, String>of()::get, SlackNotifier.app(api, new SlackThreads(api, store, buttons), "C0ECS"))
                .handleRequest(EventFiles.streamOf(event), new ByteArrayOutputStream(), TestContext.of("ecs-task-stopped"));
    }

    private List<SlackWebApiStandIn.Call> replies() {
        return slack.accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") != null).toList();
    }

    private static JsonObject message(SlackWebApiStandIn.Call call) {
        JsonObject message = dev.alertrelay.common.json.Json.parseObject(call.arguments().toString());
        message.remove("_accepted");
        return message;
    }

    @Test
    void stopsOfOneServiceGoIntoOneThreadAndTheTopMessageCountsThem() {
        deliver(EventFiles.text("ecs-crashed-service.json"));
        deliver(EventFiles.text("ecs-failed-elb-health-checks.json"));

        assertEquals(1, slack.topLevelPosts().size());
        assertEquals("ECS task crashed: service checkout (cluster prod): container app exited 1",
                slack.topLevelPosts().get(0).argument("text"));
        assertEquals(1, replies().size());
        assertEquals("1764558000.000001", replies().get(0).argument("thread_ts"));
        SlackWebApiStandIn.Call update = slack.accepted("chat.update").get(0);
        assertEquals("2 tasks of checkout (prod) stopped since 03:05 UTC: crashed x1, failed health checks x1",
                update.argument("text"));
        BlockKitLimits.assertValid(message(update));
        assertTrue(update.arguments().toString().contains("/services/checkout/events"), "links to the service's events");
    }

    @Test
    void withSlackActionsTheServicesThreadHasButtonsAndKeepsWhatAPageSends() {
        deliver(EventFiles.text("ecs-crashed-service.json"), true);
        deliver(EventFiles.text("ecs-failed-elb-health-checks.json"), true);

        String top = slack.topLevelPosts().get(0).arguments().toString();
        assertTrue(top.contains("alert-relay:acknowledge") && top.contains("alert-relay:page"), top);
        assertTrue(top.contains("\"value\":\"ecs|"), "the buttons name the service's thread: " + top);
        String updated = slack.accepted("chat.update").get(0).arguments().toString();
        assertTrue(updated.contains("alert-relay:silence-1h"), "the counting top message keeps its buttons: " + updated);
        BlockKitLimits.assertValid(message(slack.accepted("chat.update").get(0)));
        dev.alertrelay.slack.thread.ThreadRecord record = store.read(ServiceThreadPlanner.threadId(
                TaskStopParser.parse(dev.alertrelay.common.json.Json.parseObject(EventFiles.text("ecs-crashed-service.json")))),
                dev.alertrelay.common.http.Deadline.in(1_000)).orElseThrow();
        assertEquals("ecs", record.incident().get("kind"));
        assertTrue(record.incident().get("summary").equals("ECS task crashed in checkout (prod): container app exited 1"), record.incident().toString());
    }

    @Test
    void anotherServiceGetsItsOwnThread() {
        deliver(EventFiles.text("ecs-crashed-service.json"));
        deliver(EventFiles.text("ecs-out-of-memory.json"));

        assertEquals(2, slack.topLevelPosts().size());
        assertTrue(replies().isEmpty());
    }

    @Test
    void aStopDeliveredAgainIsNotPostedAgain() {
        deliver(EventFiles.text("ecs-crashed-service.json"));
        deliver(EventFiles.text("ecs-crashed-service.json"));

        assertEquals(1, slack.accepted("chat.postMessage").size());
    }

    @Test
    void aStormFromTheQueueContinuesTheServicesThreadAsOneDigestReply() {
        deliver(EventFiles.text("ecs-sqs-single-stop.json"));
        deliver(EventFiles.text("ecs-sqs-storm.json"));

        assertEquals(1, slack.topLevelPosts().size());
        assertEquals(1, replies().size(), "seven stops, one reply");
        assertTrue(replies().get(0).argument("text").startsWith("checkout (prod): 7 tasks stopped"), replies().get(0).argument("text"));
        assertEquals("8 tasks of checkout (prod) stopped since 03:05 UTC: out of memory x5, crashed x3",
                slack.accepted("chat.update").get(0).argument("text"));
    }

    @Test
    void aStopMoreThanAnHourAfterTheThreadBeganStartsANewOne() {
        deliver(EventFiles.text("ecs-crashed-service.json"));
        deliver(EventFiles.text("ecs-crashed-service.json").replace("2026-11-21T03:05", "2026-11-21T04:15")
                .replace("3f9c1a7e2b5d4c8e9a1f0b2c3d4e5f60", "4a0d2b8f3c6e5d9f0b2a1c3e4f5a6b71"));

        assertEquals(2, slack.topLevelPosts().size());
        assertTrue(slack.calls("chat.update").isEmpty());
    }
}
