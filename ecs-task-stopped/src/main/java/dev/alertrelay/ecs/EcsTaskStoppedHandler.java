package dev.alertrelay.ecs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.alertrelay.common.event.Envelopes;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.slack.SlackSender;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.common.text.Truncate;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * EventBridge "ECS Task State Change" events to Slack, delivered directly or through SNS or SQS ({@link Envelopes}): classifies each STOPPED task and posts the categories
 * {@code NOTIFY_CATEGORIES} asks for (by default every failure, not deployments, scale-ins or finished jobs).
 * Every invocation logs one line saying what it did.
 */
public final class EcsTaskStoppedHandler implements RequestStreamHandler {

    /** Enough to recognise the duplicates that arrive while a container is warm; a few kB at most. */
    private static final int REMEMBERED_DELIVERIES = 512;

    private final SlackSender slack;
    private final NotifyCategories notify;
    private final TaskStopClassifier classifier = new TaskStopClassifier();
    private final TaskStopMessageFormatter formatter = new TaskStopMessageFormatter();
    private final RecentDeliveries delivered = new RecentDeliveries(REMEMBERED_DELIVERIES);

    public EcsTaskStoppedHandler() {
        this(System::getenv, SlackSender.fromEnvironment(System::getenv, SecretResolver.fromEnvironment()));
        SnapStartPriming.register("/priming/ecs-crashed-service.json", sample ->
                new EcsTaskStoppedHandler(name -> NotifyCategories.VARIABLE.equals(name) ? "all" : null, (message, deadline) -> { })
                        .handleRequest(sample, OutputStream.nullOutputStream(), null));
    }

    EcsTaskStoppedHandler(Function<String, String> env, SlackSender slack) {
        this.slack = slack;
        this.notify = NotifyCategories.parse(env.apply(NotifyCategories.VARIABLE));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Deadline deadline = Deadline.of(context);
        for (Envelopes.Message message : Envelopes.unwrap(Json.parseObject(input))) {
            if (message.json() == null || Json.object(message.json(), "detail") == null) {
                if (!message.wasWrapped()) {
                    throw new InvalidEventException("not an EventBridge event: it has no detail object");
                }
                Log.warn("ecs-task-stopped ignored a wrapped message that is not an EventBridge event ("
                        + Truncate.toLength(message.body(), 200) + ")");
                continue;
            }
            handle(message.json(), deadline);
        }
    }

    private void handle(JsonObject event, Deadline deadline) {
        String detailType = Json.string(event, "detail-type");
        if (detailType != null && !TaskStopParser.DETAIL_TYPE.equals(detailType)) {
            Log.info("ecs-task-stopped ignored: detail-type '" + detailType + "' is not '" + TaskStopParser.DETAIL_TYPE + "'");
            return;
        }
        TaskStop task = TaskStopParser.parse(event);
        if (!task.isStopped()) {
            Log.info("ecs-task-stopped ignored: lastStatus " + task.lastStatus() + " is not STOPPED task=" + task.taskArn());
            return;
        }
        TaskStopClassifier.Classification classification = classifier.classify(task);
        String category = classification.category().configName();
        if (!notify.contains(classification.category())) {
            Log.info("ecs-task-stopped skipped: category " + category + " is not in " + NotifyCategories.VARIABLE
                    + " task=" + task.taskArn());
            return;
        }
        String key = RecentDeliveries.keyOf(task);
        if (delivered.wasDelivered(key)) {
            Log.info("ecs-task-stopped skipped: duplicate delivery of version " + task.version() + " task=" + task.taskArn());
            return;
        }
        slack.send(formatter.format(task, classification), deadline);
        delivered.recordDelivered(key);
        Log.info("ecs-task-stopped sent: category " + category + " task=" + task.taskArn());
    }
}
