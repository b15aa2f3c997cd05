package dev.alertrelay.ecs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.google.gson.JsonObject;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.event.Envelopes;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.common.slack.SlackSender;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.common.text.Truncate;

import com.google.gson.JsonArray;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.secrets.SecretException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * EventBridge "ECS Task State Change" events to Slack, delivered directly or through SNS, or in SQS batches (the digest
 * path: one message per service and batch, failed groups reported as batch item failures; {@link Envelopes}): classifies each STOPPED task and posts the categories
 * {@code NOTIFY_CATEGORIES} asks for (by default every failure, not deployments, scale-ins or finished jobs).
 * Every invocation logs one line saying what it did.
 */
public final class EcsTaskStoppedHandler implements RequestStreamHandler {

    /** Enough to recognise the duplicates that arrive while a container is warm; a few kB at most. */
    private static final int REMEMBERED_DELIVERIES = 512;

    private final StopDelivery slack;
    private final NotifyCategories notify;
    private final TaskStopClassifier classifier = new TaskStopClassifier();
    private final TaskStopMessageFormatter formatter = new TaskStopMessageFormatter();
    private final RecentDeliveries delivered = new RecentDeliveries(REMEMBERED_DELIVERIES);

    public EcsTaskStoppedHandler() {
        this(System::getenv, StopDelivery.fromEnvironment(System::getenv, SecretResolver.fromEnvironment()));
        SnapStartPriming.register("/priming/ecs-crashed-service.json", sample ->
                new EcsTaskStoppedHandler(name -> NotifyCategories.VARIABLE.equals(name) ? "all" : null, (message, deadline) -> { })
                        .handleRequest(sample, OutputStream.nullOutputStream(), null));
    }

    EcsTaskStoppedHandler(Function<String, String> env, SlackSender slack) {
        this(env, StopDelivery.webhook(slack));
    }

    EcsTaskStoppedHandler(Function<String, String> env, StopDelivery slack) {
        this.slack = slack;
        this.notify = NotifyCategories.parse(env.apply(NotifyCategories.VARIABLE));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Deadline deadline = Deadline.of(context);
        List<Envelopes.Message> messages = Envelopes.unwrap(Json.parseObject(input));
        if (messages.stream().anyMatch(message -> message.messageId() != null)) {
            writeResponse(output, handleQueueBatch(messages, deadline));
            return;
        }
        for (Envelopes.Message message : messages) {
            if (message.json() == null || Json.object(message.json(), "detail") == null) {
                if (!message.wasWrapped()) {
                    throw new InvalidEventException("not an EventBridge event: it has no detail object");
                }
                Log.warn("ecs-task-stopped ignored a wrapped message that is not an EventBridge event ("
                        + Truncate.toLength(message.body(), 200) + ")");
                continue;
            }
            TaskStopDigest.Stop stop = stopToReport(message.json(), null);
            if (stop != null) {
                String outcome = slack.deliver(new TaskStopDigest(List.of(stop)), formatter.format(stop.task(), stop.classification()),
                        deadline);
                delivered.recordDelivered(RecentDeliveries.keyOf(stop.task()));
                Log.info("ecs-task-stopped " + outcome + ": category " + stop.classification().category().configName() + " task=" + stop.task().taskArn());
            }
        }
    }

    /**
     * An SQS batch (the digest path): every stop classified, routine ones dropped, the rest grouped by cluster and
     * service (or task family) and sent as one message per group, a digest when a group has several stops. When a
     * group's message cannot be delivered, exactly that group's SQS messages are reported failed; a body that is not a
     * task event is reported failed too, so that after the queue's maxReceiveCount it rests in the dead-letter queue.
     *
     * @return the SQS message ids Lambda should redeliver
     */
    private List<String> handleQueueBatch(List<Envelopes.Message> messages, Deadline deadline) {
        Set<String> failed = new LinkedHashSet<>();
        Set<String> seenInBatch = new HashSet<>();
        Map<String, List<TaskStopDigest.Stop>> groups = new LinkedHashMap<>();
        for (Envelopes.Message message : messages) {
            if (message.json() == null || Json.object(message.json(), "detail") == null) {
                Log.warn("ecs-task-stopped: SQS message " + message.messageId() + " is not an EventBridge task event ("
                        + Truncate.toLength(message.body(), 200) + "); reported as failed, so it ends in the dead-letter queue");
                failed.add(message.messageId());
                continue;
            }
            TaskStopDigest.Stop stop = stopToReport(message.json(), message.messageId());
            if (stop != null && seenInBatch.add(RecentDeliveries.keyOf(stop.task()))) {
                groups.computeIfAbsent(TaskStopDigest.groupKeyOf(stop.task()), key -> new ArrayList<>()).add(stop);
            }
        }
        int digests = 0;
        for (List<TaskStopDigest.Stop> group : groups.values()) {
            TaskStopDigest digest = new TaskStopDigest(group);
            TaskStopDigest.Stop first = group.get(0);
            try {
                slack.deliver(digest, group.size() == 1 ? formatter.format(first.task(), first.classification())
                        : TaskStopDigestFormatter.format(digest), deadline);
                group.forEach(stop -> delivered.recordDelivered(RecentDeliveries.keyOf(stop.task())));
                digests += group.size() > 1 ? 1 : 0;
            } catch (DeliveryException | SecretException e) {
                Log.error("ecs-task-stopped could not deliver " + group.size() + " stop(s) of " + TaskStopMessageFormatter.subject(first.task())
                        + ": " + e.getMessage() + "; their " + digest.messageIds().size() + " SQS message(s) are reported failed");
                failed.addAll(digest.messageIds());
            }
        }
        Log.info("ecs-task-stopped batch: messages=" + messages.size() + " groups=" + groups.size() + " digests=" + digests
                + " failedItems=" + failed.size() + (DryRun.enabled() ? " (dry run: nothing sent)" : ""));
        return List.copyOf(failed);
    }

    /** The stop to report, or null with a log line saying why not (another event, not stopped, filtered, a duplicate). */
    private TaskStopDigest.Stop stopToReport(JsonObject event, String messageId) {
        String detailType = Json.string(event, "detail-type");
        if (detailType != null && !TaskStopParser.DETAIL_TYPE.equals(detailType)) {
            Log.info("ecs-task-stopped ignored: detail-type '" + detailType + "' is not '" + TaskStopParser.DETAIL_TYPE + "'");
            return null;
        }
        TaskStop task = TaskStopParser.parse(event);
        if (!task.isStopped()) {
            Log.info("ecs-task-stopped ignored: lastStatus " + task.lastStatus() + " is not STOPPED task=" + task.taskArn());
            return null;
        }
        TaskStopClassifier.Classification classification = classifier.classify(task);
        if (!notify.contains(classification.category())) {
            Log.info("ecs-task-stopped skipped: category " + classification.category().configName() + " is not in "
                    + NotifyCategories.VARIABLE + " task=" + task.taskArn());
            return null;
        }
        if (delivered.wasDelivered(RecentDeliveries.keyOf(task))) {
            Log.info("ecs-task-stopped skipped: duplicate delivery of version " + task.version() + " task=" + task.taskArn());
            return null;
        }
        return new TaskStopDigest.Stop(task, classification, messageId);
    }

    /** Lambda's partial batch response (https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html). */
    private static void writeResponse(OutputStream output, List<String> failedMessageIds) {
        JsonArray failures = new JsonArray();
        for (String id : failedMessageIds) {
            JsonObject item = new JsonObject();
            item.addProperty("itemIdentifier", id);
            failures.add(item);
        }
        JsonObject response = new JsonObject();
        response.add("batchItemFailures", failures);
        try {
            output.write(Json.toJson(response).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch response", e);
        }
    }
}
