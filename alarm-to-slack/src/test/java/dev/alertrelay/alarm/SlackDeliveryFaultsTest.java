package dev.alertrelay.alarm;

import dev.alertrelay.slack.SlackOverrides;
import dev.alertrelay.slack.SlackSender;
import dev.alertrelay.common.testing.TestSecrets;
import dev.alertrelay.common.testing.DeliveryFaultsContract;
import dev.alertrelay.common.testing.EventFiles;
import dev.alertrelay.common.testing.FaultInjection;
import dev.alertrelay.common.testing.RecordingHttpServer;
import dev.alertrelay.common.testing.RecordingHttpServer.Answer;
import dev.alertrelay.common.testing.TestContext;

import java.io.ByteArrayOutputStream;
import java.util.Map;

/** The alarm handler delivering to a local Slack that misbehaves (the scenarios are in {@link DeliveryFaultsContract}). */
class SlackDeliveryFaultsTest extends DeliveryFaultsContract {

    SlackDeliveryFaultsTest() {
        super(RecordingHttpServer.SLACK_OK, "/services/T0FAULT/B0FAULT/secretfaulttoken", "secretfaulttoken",
                Answer.of(400, "invalid_blocks"), "HTTP 400 invalid_blocks");
    }

    @Override
    protected void invokeHandler(String url, com.amazonaws.services.lambda.runtime.Context context) {
        new AlarmToSlackHandler(Map.<String, String>of()::get, SlackSender.create(TestSecrets.plain("SLACK_WEBHOOK_URL", url), SlackOverrides.NONE, false))
                .handleRequest(EventFiles.stream("alarm-sns-alb-healthyhostcount.json"), new ByteArrayOutputStream(),
                        context);
    }
}
