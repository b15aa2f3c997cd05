package dev.alertrelay.ecs;

import dev.alertrelay.slack.testing.ThreadTables;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.JarProcess;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A crash loop in Slack app mode through the shaded jar: one thread for the service, DynamoDB (moto) remembering it. */
class EcsSlackAppModeJarIT {

    private static final String TOKEN = "xoxb-ecs-secret-token";

    @Test
    void aStopThenAStormFromTheQueueMakeOneThreadWhoseTopMessageCountsThem() {
        try (MotoServer moto = MotoServer.start(); SlackWebApiStandIn slack = SlackWebApiStandIn.start(TOKEN)) {
            ThreadTables.create(moto, "ecs-threads");
            Map<String, String> env = new HashMap<>(moto.awsEnvironment());
            env.put("SLACK_BOT_TOKEN", TOKEN);
            env.put("SLACK_CHANNEL_ID", "C0ECS00001");
            env.put("SLACK_API_URL", slack.apiUrl());
            env.put("ALARM_STATE_TABLE", "ecs-threads");

            for (String sample : List.of("ecs-crashed-service.json", "ecs-sqs-storm.json", "ecs-sqs-storm.json")) {
                JarProcess.Result result = JarProcess.run(env, null, EventFiles.path(sample).toString());
                assertEquals(0, result.exitCode(), result.all());
                assertFalse(result.all().contains(TOKEN), result.all());
            }

            assertEquals(1, slack.topLevelPosts().size(), slack.calls().toString());
            assertEquals(1, slack.accepted("chat.postMessage").stream().filter(call -> call.argument("thread_ts") != null).count(),
                    "the storm is one reply, and its redelivery none");
            String top = slack.accepted("chat.update").get(0).argument("text");
            assertTrue(top.startsWith("8 tasks of checkout (prod) stopped since 03:05 UTC: out of memory x5, crashed x3"), top);
        }
    }
}
