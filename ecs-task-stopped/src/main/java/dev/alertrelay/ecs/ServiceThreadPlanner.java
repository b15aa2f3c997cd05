package dev.alertrelay.ecs;

import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.SlackNotifier;
import dev.alertrelay.slack.SlackRoute;
import dev.alertrelay.slack.thread.IncidentSpec;
import dev.alertrelay.slack.thread.ThreadPost;
import dev.alertrelay.slack.thread.ThreadRecord;
import dev.alertrelay.common.text.Truncate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Slack app mode: the failed stops of one service within an hour are one thread. The first stop (or the first
 * batch's digest) is the top message; every later one is a reply, and the top message is rewritten to count them:
 * "3 tasks of checkout (prod) stopped since 03:05: out of memory x2, crashed x1". An hour after the thread began, the
 * next stop starts a new thread. Pure: no I/O.
 */
final class ServiceThreadPlanner {

    static final Duration WINDOW = Duration.ofHours(1);
    private static final String TOTAL = "total";
    private static final String COUNT_PREFIX = "count.";
    private static final String FIRST = "first";
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ServiceThreadPlanner() {
    }

    static String threadId(TaskStop task) {
        return "ecs|" + TaskStopDigest.groupKeyOf(task);
    }

    /** The key of these stops: each task stops once, whichever of its STOPPED events arrives, however often. */
    static String notificationKey(List<TaskStopDigest.Stop> stops) {
        List<String> tasks = stops.stream().map(stop -> stop.task().taskArn() == null
                ? "version:" + stop.task().version() + "@" + stop.task().stopTime() : stop.task().taskArn()).sorted().toList();
        return tasks.size() == 1 ? "task|" + tasks.get(0) : "tasks|" + Integer.toHexString(String.join(",", tasks).hashCode())
                + "|" + tasks.size();
    }

    /**
     * The stops of one service as a notification: their message, and in app mode the service's thread (in a route's
     * channel, a thread of its own there).
     */
    static SlackNotifier.Notification notification(TaskStopDigest stops, SlackMessage message, Instant now, String channelSuffix,
                                                   SlackRoute route, boolean rings) {
        SlackMessage decorated = route.decorate(message, rings);
        return SlackNotifier.Notification.inThread(decorated, threadId(stops.stops().get(0).task()) + channelSuffix,
                notificationKey(stops.stops()), current -> {
                    ThreadPost post = plan(stops, message, current, now);
                    return route.decorate(post.kind() == ThreadPost.Kind.START ? post.withIncident(incident(stops, post.since(), route)) : post,
                            rings);
                });
    }

    /**
     * What "Page on-call" sends from the service's thread: one incident per thread (the service and the thread's
     * start), on the route's routing key.
     */
    static IncidentSpec incident(TaskStopDigest stops, Instant since, SlackRoute route) {
        TaskStopDigest.Stop telling = stops.mostTelling();
        TaskStop task = telling.task();
        String service = TaskStopDigestFormatter.name(task);
        String events = EcsConsoleLinks.serviceEvents(task);
        return new IncidentSpec("ecs", threadId(task) + "|" + since, "ECS task " + TaskStopDigestFormatter.words(telling.classification().category())
                + " in " + service + ": " + TaskStopDiagnosis.summary(task, telling.classification()), task.clusterArn() == null ? service : task.clusterArn(),
                "error", task.serviceName(), task.clusterName(), events == null ? null : route.linkTo(events), "Service events",
                route.routingKeys().isEmpty() ? null : route.routingKeys().get(0));
    }

    /**
     * @param message the stops as they read on their own (one stop's message, or a batch's digest)
     * @param now     when the stops are delivered, for stops whose events carry no time
     */
    static ThreadPost plan(TaskStopDigest stops, SlackMessage message, ThreadRecord current, Instant now) {
        Instant first = earliest(stops, now);
        boolean continues = current != null && current.isOpen() && current.since() != null
                && !first.isAfter(current.since().plus(WINDOW));
        Map<String, String> facts = counted(continues ? current.facts() : Map.of(), stops);
        if (!continues) {
            TaskStopDigest.Stop telling = stops.mostTelling();
            facts.put(FIRST, TaskStopDiagnosis.summary(telling.task(), telling.classification()) + " at " + CLOCK.format(first));
            return ThreadPost.start(message, first, telling.classification().category().configName(), facts, null);
        }
        return ThreadPost.reply(message, top(stops, current.since(), facts), false,
                stops.mostTelling().classification().category().configName(), latest(stops, now), facts);
    }

    /** The counts so far plus these stops. */
    private static Map<String, String> counted(Map<String, String> before, TaskStopDigest stops) {
        Map<String, String> facts = new LinkedHashMap<>(before);
        facts.put(TOTAL, String.valueOf(count(before, TOTAL) + stops.stops().size()));
        stops.countsByCategory().forEach((category, n) ->
                facts.put(COUNT_PREFIX + category.configName(), String.valueOf(count(before, COUNT_PREFIX + category.configName()) + n)));
        return facts;
    }

    /** The top message once a thread holds several stops: how many, of what kind, since when; the latest in brief. */
    static SlackMessage top(TaskStopDigest latestStops, Instant since, Map<String, String> facts) {
        TaskStopDigest.Stop latest = latestStops.mostRecent();
        TaskStop task = latest.task();
        long total = count(facts, TOTAL);
        String headline = total + " tasks of " + TaskStopDigestFormatter.name(task) + " stopped since " + CLOCK.format(since)
                + ": " + breakdown(facts);
        StopCategory worst = worst(facts);
        List<Blocks.LinkButton> buttons = new ArrayList<>();
        String events = EcsConsoleLinks.serviceEvents(task);
        if (events != null) {
            buttons.add(new Blocks.LinkButton("Service events", events, "primary"));
        }
        String taskUrl = EcsConsoleLinks.task(task);
        if (taskUrl != null) {
            buttons.add(Blocks.LinkButton.of("Latest task", taskUrl));
        }
        List<Mrkdwn> context = new ArrayList<>();
        if (facts.get(FIRST) != null) {
            context.add(Mrkdwn.text("First: " + facts.get(FIRST)));
        }
        context.add(Mrkdwn.text("Latest: " + TaskStopDiagnosis.summary(task, latest.classification())
                + (task.stopTime() == null ? "" : " at " + CLOCK.format(task.stopTime()))));
        context.add(Mrkdwn.italic("each stop is in the thread"));
        return SlackMessage.builder()
                .text(Truncate.toLength(headline, TaskStopMessageFormatter.NOTIFICATION_MAX))
                .color(worst.color())
                .attachmentBlock(Blocks.header(worst.emoji() + " " + total + " tasks of " + TaskStopDigestFormatter.name(task)
                        + " stopped since " + CLOCK.format(since)))
                .attachmentBlock(Blocks.section(Mrkdwn.text(breakdown(facts))))
                .attachmentBlock(Blocks.fields(TaskStopMessageFormatter.facts(task)))
                .attachmentBlock(Blocks.actions(buttons))
                .attachmentBlock(Blocks.context(context))
                .build();
    }

    /** "out of memory x2, crashed x1", most telling first. */
    static String breakdown(Map<String, String> facts) {
        List<String> parts = new ArrayList<>();
        for (StopCategory category : TaskStopDigest.MOST_TELLING_FIRST) {
            long n = count(facts, COUNT_PREFIX + category.configName());
            if (n > 0) {
                parts.add(TaskStopDigestFormatter.words(category) + " x" + n);
            }
        }
        return parts.stream().collect(Collectors.joining(", "));
    }

    private static StopCategory worst(Map<String, String> facts) {
        for (StopCategory category : TaskStopDigest.MOST_TELLING_FIRST) {
            if (count(facts, COUNT_PREFIX + category.configName()) > 0) {
                return category;
            }
        }
        return StopCategory.UNKNOWN;
    }

    private static long count(Map<String, String> facts, String name) {
        try {
            String value = facts.get(name);
            return value == null ? 0 : Math.max(0, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant earliest(TaskStopDigest stops, Instant now) {
        return stops.stops().stream().map(stop -> stop.task().stopTime()).filter(java.util.Objects::nonNull).min(Instant::compareTo)
                .orElse(now);
    }

    private static Instant latest(TaskStopDigest stops, Instant now) {
        return stops.stops().stream().map(stop -> stop.task().stopTime()).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .orElse(now);
    }
}
