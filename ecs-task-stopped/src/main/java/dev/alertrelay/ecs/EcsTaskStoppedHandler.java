package dev.alertrelay.ecs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.event.BatchItemFailures;
import dev.alertrelay.common.event.Envelopes;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.routing.AccessPortal;
import dev.alertrelay.common.routing.RoutesSource;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackRoute;
import dev.alertrelay.slack.SlackSender;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.common.text.Truncate;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.function.Function;

/**
 * EventBridge "ECS Task State Change" events to Slack, delivered directly or through SNS, or in SQS batches (the digest
 * path: one message per service and batch, failed groups reported as batch item failures; {@link Envelopes}): classifies each STOPPED task and posts the categories
 * {@code NOTIFY_CATEGORIES} asks for (by default every failure, not deployments, scale-ins or finished jobs).
 * Every invocation logs one line saying what it did.
 */
public final class EcsTaskStoppedHandler implements RequestStreamHandler {

    private final SlackNotifier slack;
    private final StopRouting routing;
    private final StopSelection selection;
    private final TaskStopMessageFormatter formatter = new TaskStopMessageFormatter();
    private final QueueBatch queueBatch;

    public EcsTaskStoppedHandler() {
        this(System::getenv, SecretResolver.fromEnvironment(), DryRun.enabled());
        SnapStartPriming.register("/priming/ecs-crashed-service.json", sample ->
                new EcsTaskStoppedHandler(name -> NotifyCategories.VARIABLE.equals(name) ? "all" : null, (message, deadline) -> { })
                        .handleRequest(sample, OutputStream.nullOutputStream(), null));
    }

    private EcsTaskStoppedHandler(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        this(env, notifier(env, secrets, dryRun), RoutesSource.fromEnvironment(env, secrets));
    }

    EcsTaskStoppedHandler(Function<String, String> env, SlackSender slack) {
        this(env, SlackNotifier.webhook(slack));
    }

    EcsTaskStoppedHandler(Function<String, String> env, SlackNotifier slack) {
        this(env, slack, RoutesSource.fromEnvironment(env, new SecretResolver(env)));
    }

    EcsTaskStoppedHandler(Function<String, String> env, SlackNotifier slack, RoutesSource routes) {
        this.slack = slack;
        this.routing = new StopRouting(routes, AccessPortal.fromEnvironment(env), slack);
        this.selection = new StopSelection(NotifyCategories.parse(env.apply(NotifyCategories.VARIABLE)));
        this.queueBatch = new QueueBatch(selection, slack, formatter, routing);
    }

    /** Where task stops go: the webhook, or one thread per service in Slack app mode. */
    static SlackNotifier notifier(Function<String, String> env, SecretResolver secrets, boolean dryRun) {
        return SlackNotifier.fromEnvironment(env, secrets, dryRun, secrets.isConfigured(SlackSender.WEBHOOK_SECRET),
                () -> SlackSender.fromEnvironment(env, secrets, dryRun));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        Deadline deadline = Deadline.of(context);
        List<Envelopes.Message> messages = Envelopes.unwrap(Json.parseObject(input));
        if (messages.stream().anyMatch(message -> message.messageId() != null)) {
            BatchItemFailures.write(output, queueBatch.deliver(messages, deadline));
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
            TaskStopDigest.Stop stop = selection.select(message.json(), null);
            if (stop != null) {
                SlackRoute route = routing.route(stop, deadline);
                List<String> outcomes = new java.util.ArrayList<>();
                for (SlackNotifier.Destination where : route.destinations()) {
                    outcomes.add(slack.send(routing.notification(new TaskStopDigest(List.of(stop)),
                            formatter.format(stop.task(), stop.classification()), deadline.now(), where, route), where, deadline));
                }
                String outcome = route.dropped() ? "dropped by route " + route.droppedBy() : String.join(", ", outcomes) + route.describe();
                selection.recordDelivered(stop.task());
                Log.info("ecs-task-stopped " + outcome + ": category " + stop.classification().category().configName() + " task=" + stop.task().taskArn());
            }
        }
    }
}
