package dev.alertrelay.alarm;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.slack.Blocks;
import dev.alertrelay.common.slack.Mrkdwn;
import dev.alertrelay.common.slack.SlackMessage;
import dev.alertrelay.common.slack.SlackSender;

import java.io.InputStream;
import java.io.OutputStream;

/** CloudWatch alarm notifications to Slack. */
public final class AlarmToSlackHandler implements RequestStreamHandler {

    private final SlackSender slack;

    public AlarmToSlackHandler() {
        this(SlackSender.fromEnvironment(System::getenv, SecretResolver.fromEnvironment()));
    }

    AlarmToSlackHandler(SlackSender slack) {
        this.slack = slack;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        JsonObject event = Json.parseObject(input);
        JsonArray records = Json.array(event, "Records");
        int sent = 0;
        for (int i = 0; records != null && i < records.size(); i++) {
            JsonObject sns = Json.object(Json.objectAt(records, i), "Sns");
            JsonObject alarm = Json.parse(Json.string(sns, "Message", "{}")).getAsJsonObject();
            String state = Json.string(alarm, "NewStateValue", "UNKNOWN");
            String name = Json.string(alarm, "AlarmName", "unnamed alarm");
            slack.send(SlackMessage.builder()
                    .text(state + ": " + name)
                    .color(SlackMessage.COLOR_DANGER)
                    .attachmentBlock(Blocks.header(state + ": " + name))
                    .attachmentBlock(Blocks.section(Mrkdwn.text(Json.string(alarm, "NewStateReason", ""))))
                    .build(), Deadline.of(context));
            sent++;
        }
        Log.info("alarm-to-slack sent=" + sent);
    }
}
