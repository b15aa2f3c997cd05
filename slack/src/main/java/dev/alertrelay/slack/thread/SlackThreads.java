package dev.alertrelay.slack.thread;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.slack.api.SlackWebApi.PostedMessage;

import dev.alertrelay.common.json.Json;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Notifications as Slack threads: the first of a lifecycle posts the top message, the later ones reply in its thread
 * and update the top message, and the last closes it. Exactly once per notification, also when invocations race
 * (SNS and EventBridge delivering the same alarm change at once) or are retried:
 * <ol>
 *   <li>read the record and, if this notification's key was already delivered, stop;</li>
 *   <li>claim the key with a conditional write that also records the new state (a lost race means read again and
 *       decide again); a claim held by another live invocation means that invocation delivers it;</li>
 *   <li>make the Slack calls, then record the key as delivered. A failure releases the claim and fails the
 *       invocation, so its retry delivers the notification; a claim whose invocation died expires with that
 *       invocation's deadline.</li>
 * </ol>
 * Without a store (no {@code ALARM_STATE_TABLE}) every notification is posted on its own, as with a webhook.
 */
public final class SlackThreads {

    /** How a notification was delivered, for the invocation's log line. */
    public enum Outcome {
        STARTED_THREAD("started a thread"),
        REPLIED("replied in its thread"),
        POSTED("posted (no open thread)"),
        SILENCED("silenced: updated its top message only"),
        ALREADY_DELIVERED("already delivered, not posted again"),
        DELIVERING_ELSEWHERE("being delivered by another invocation");

        private final String description;

        Outcome(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    static final long CLOSED_RECORD_DAYS = 30;
    static final long OPEN_RECORD_DAYS = 90;
    private static final long POLL_MILLIS = 200;
    private static final long RESERVE_MILLIS = 1_000;
    private static final int MAX_ROUNDS = 50;
    /** Posting a top message takes well under a second; longer means its invocation is in trouble. */
    private static final long MAX_WAIT_MILLIS = 5_000;

    private final SlackWebApi slack;
    private final ThreadStore store;
    private final boolean controls;

    /**
     * Time (claims, record expiry) and waits come from each call's {@link Deadline}: the invocation's one clock.
     *
     * @param store null: no threads, every notification posted on its own
     */
    public SlackThreads(SlackWebApi slack, ThreadStore store) {
        this(slack, store, false);
    }

    /**
     * @param controls whether top messages carry the buttons ({@link ThreadControls}): only when the slack-actions
     *                 function answers them ({@code SLACK_ACTIONS=on}), so that no button ever does nothing
     */
    public SlackThreads(SlackWebApi slack, ThreadStore store, boolean controls) {
        this.slack = slack;
        this.store = store;
        this.controls = controls && store != null;
    }

    /**
     * Delivers the notification {@code key} (stable across retries and duplicate deliveries of the same event) to the
     * thread {@code threadId}, as {@code planner} decides from the current record (null when there is none). A new
     * thread starts in {@code channel}; an open one stays in the channel it was started in.
     */
    public Outcome deliver(String channel, String threadId, String key, Function<ThreadRecord, ThreadPost> planner,
                           Deadline deadline) {
        if (store == null) {
            return postWithoutThread(channel, planner.apply(null), deadline);
        }
        long waitingSince = -1;
        int conflicts = 0;
        while (true) {
            ThreadRecord stored = store.read(threadId, deadline).orElse(null);
            ThreadRecord current = stored == null ? ThreadRecord.empty(threadId) : stored;
            long now = deadline.now().toEpochMilli();
            if (current.delivered().contains(key)) {
                return Outcome.ALREADY_DELIVERED;
            }
            if (isLive(current.claims().get(key), now)) {
                return Outcome.DELIVERING_ELSEWHERE;
            }
            if (current.status() == ThreadRecord.Status.OPENING && hasLiveClaim(current, now)) {
                waitingSince = waitingSince < 0 ? now : waitingSince;
                waitForTopMessage(threadId, deadline, now - waitingSince);
                continue;
            }
            ThreadRecord view = current.status() == ThreadRecord.Status.OPENING
                    ? current.withStatus(ThreadRecord.Status.CLOSED) : current;
            ThreadPost planned = planner.apply(stored == null ? null : view);
            ThreadPost post = planned.kind() == ThreadPost.Kind.REPLY && !view.isOpen()
                    ? ThreadPost.standalone(planned.topUpdate() != null ? planned.topUpdate() : planned.message(),
                            planned.state(), planned.stateTime(), planned.facts())
                    : planned;
            // A silenced thread takes repeats and flaps into its top message only: no reply, so no mention. OK always posts.
            boolean silenced = post.kind() == ThreadPost.Kind.REPLY && !post.closes() && view.handled().silencedAt(deadline.now());
            ThreadRecord claimed = claim(view, key, post, now + deadline.remainingMillis());
            if (!store.write(claimed, current.version(), expiry(claimed, now), deadline)) {
                if (++conflicts >= MAX_ROUNDS) {
                    throw new DeliveryException("the Slack thread " + threadId + " kept changing under this invocation ("
                            + MAX_ROUNDS + " conflicting writes); not posted", MAX_ROUNDS);
                }
                continue;
            }
            PostedMessage newTop;
            try {
                newTop = perform(channel, post, view, silenced, deadline);
            } catch (RuntimeException e) {
                release(view, current.version() + 1, key, deadline);
                throw e;
            }
            commit(threadId, key, post, view, newTop, silenced, deadline);
            if (post.kind() == ThreadPost.Kind.START && post.afterStart() != null) {
                post.afterStart().accept(newTop);
            }
            return switch (post.kind()) {
                case START -> Outcome.STARTED_THREAD;
                case REPLY -> silenced ? Outcome.SILENCED : newTop == null ? Outcome.REPLIED : Outcome.STARTED_THREAD;
                case STANDALONE -> Outcome.POSTED;
            };
        }
    }

    /** The thread's record as last written, if thread state is kept and there is one (to choose where to post). */
    public Optional<ThreadRecord> record(String threadId, Deadline deadline) {
        return store == null ? Optional.empty() : store.read(threadId, deadline);
    }

    /** A message outside any thread (a non-alarm SNS message). */
    public void postUnthreaded(String channel, SlackMessage message, Deadline deadline) {
        slack.postMessage(channel, message, null, deadline);
    }

    private Outcome postWithoutThread(String channel, ThreadPost post, Deadline deadline) {
        PostedMessage posted = slack.postMessage(channel, post.message(), null, deadline);
        if (post.afterStart() != null) {
            post.afterStart().accept(posted);
        }
        return Outcome.POSTED;
    }

    /** The record as this notification leaves it, with its key claimed until this invocation's deadline. */
    private static ThreadRecord claim(ThreadRecord view, String key, ThreadPost post, long claimDeadlineMillis) {
        ThreadRecord next = view.withFacts(post.facts());
        boolean newer = post.stateTime() == null || view.stateTime() == null || !post.stateTime().isBefore(view.stateTime());
        if (post.kind() == ThreadPost.Kind.START) {
            // A new lifecycle: nobody has acknowledged, silenced or paged it yet. What a page sends is the first
            // ALARM's (a late or recovering change never retitles the incident).
            next = next.withStatus(ThreadRecord.Status.OPENING).withTopMessage(null, null).withHandling(Map.of())
                    .withTop(Json.toJson(post.message().toPayload()))
                    .withIncident(post.incident() == null ? Map.of() : post.incident())
                    .withLifecycle(post.since()).withState(post.state(), post.stateTime());
        } else if (newer) {
            if (post.incident() != null && view.incident().isEmpty()) {
                next = next.withIncident(post.incident());
            }
            if (post.state() != null) {
                next = next.withState(post.state(), post.stateTime());
            }
            // The top message as this notification draws it, kept from the claim on: a click from now on renders it.
            if (post.kind() == ThreadPost.Kind.REPLY && post.topUpdate() != null) {
                next = next.withTop(Json.toJson(post.topUpdate().toPayload()));
            }
            if (post.closes()) {
                next = next.withStatus(ThreadRecord.Status.CLOSED);
            }
        }
        return next.withClaim(key, claimDeadlineMillis);
    }

    /** The Slack calls; returns the new top message when one was posted. */
    private PostedMessage perform(String channel, ThreadPost post, ThreadRecord view, boolean silenced, Deadline deadline) {
        switch (post.kind()) {
            case START -> {
                return slack.postMessage(channel, withControls(post.message(), view.id(), ThreadHandling.NONE, true,
                        post.incident() != null, deadline), null, deadline);
            }
            case STANDALONE -> {
                return slack.postMessage(channel, post.message(), null, deadline);
            }
            default -> {
                PostedMessage top = new PostedMessage(view.channel(), view.ts());
                if (post.topUpdate() != null) {
                    SlackMessage rendered = withControls(post.topUpdate(), view.id(), view.handled(), !post.closes(),
                            post.incident() != null || !view.incident().isEmpty(), deadline);
                    try {
                        slack.update(top, rendered, deadline);
                    } catch (DeliveryException e) {
                        if (!SlackWebApi.originalIsGone(e)) {
                            throw e;
                        }
                        Log.info("the thread's top message is gone (" + SlackWebApi.errorCode(e) + "); posting it anew");
                        return slack.postMessage(view.channel(), rendered, null, deadline);
                    }
                }
                if (!silenced) {
                    slack.postMessage(view.channel(), post.message(), view.ts(), deadline);
                }
                return null;
            }
        }
    }

    private SlackMessage withControls(SlackMessage top, String threadId, ThreadHandling handling, boolean open, boolean pageable,
                                      Deadline deadline) {
        return controls ? ThreadControls.render(top, threadId, handling, open, pageable, deadline.now()) : top;
    }

    private void commit(String threadId, String key, ThreadPost post, ThreadRecord view, PostedMessage newTop, boolean silenced,
                        Deadline deadline) {
        SlackMessage shownTop = post.kind() == ThreadPost.Kind.START ? post.message() : post.topUpdate();
        ThreadRecord written = update(threadId, deadline, stored -> {
            ThreadRecord next = stored.withDelivered(key);
            if (post.kind() == ThreadPost.Kind.START && stored.status() == ThreadRecord.Status.OPENING) {
                next = next.withStatus(ThreadRecord.Status.OPEN).withTopMessage(newTop.channel(), newTop.ts());
            } else if (post.kind() == ThreadPost.Kind.REPLY && newTop != null && view.ts().equals(stored.ts())) {
                next = next.withTopMessage(newTop.channel(), newTop.ts());
            }
            return next;
        });
        // Someone clicked a button while this notification was being posted: show the top message with what they did.
        if (controls && written != null && written.isOpen() && post.kind() == ThreadPost.Kind.REPLY && shownTop != null
                && !written.handling().equals(view.handling())) {
            slack.update(new PostedMessage(written.channel(), written.ts()), withControls(shownTop, threadId, written.handled(),
                    !post.closes(), !written.incident().isEmpty(), deadline), deadline);
        }
    }

    /**
     * Undoes a claim after a failed delivery, so that the retry of this invocation finds the thread as it was and
     * delivers the notification: the record before the claim when nobody wrote since, else just without the claim.
     * Best effort: a claim left behind expires with this invocation's deadline.
     */
    private void release(ThreadRecord beforeClaim, long claimedVersion, String key, Deadline deadline) {
        String threadId = beforeClaim.id();
        try {
            update(threadId, deadline, stored -> {
                if (stored.version() == claimedVersion) {
                    return beforeClaim.withoutClaim(key).withVersion(stored.version());
                }
                ThreadRecord next = stored.withoutClaim(key);
                return stored.status() == ThreadRecord.Status.OPENING && stored.ts() == null
                        ? next.withStatus(ThreadRecord.Status.CLOSED) : next;
            });
        } catch (RuntimeException e) {
            Log.info("could not release the claim on Slack thread " + threadId + " (it expires with this invocation): "
                    + e.getMessage());
        }
    }

    /** A read-modify-write that reads again whenever another invocation wrote in between. */
    private ThreadRecord update(String threadId, Deadline deadline, Function<ThreadRecord, ThreadRecord> change) {
        for (int round = 0; round < MAX_ROUNDS; round++) {
            ThreadRecord stored = store.read(threadId, deadline).orElse(null);
            if (stored == null) {
                return null;
            }
            ThreadRecord next = change.apply(stored);
            if (store.write(next, stored.version(), expiry(next, deadline.now().toEpochMilli()), deadline)) {
                return next;
            }
        }
        throw new DeliveryException("the Slack thread " + threadId + " kept changing; its record was not updated", MAX_ROUNDS);
    }

    private void waitForTopMessage(String threadId, Deadline deadline, long waitedMillis) {
        if (waitedMillis > MAX_WAIT_MILLIS || deadline.remainingMillis() < RESERVE_MILLIS + POLL_MILLIS) {
            throw new DeliveryException("another invocation is still posting the top message of Slack thread " + threadId
                    + "; this notification is left to the retry of this invocation", 0);
        }
        try {
            deadline.pause(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting for Slack thread " + threadId, 0);
        }
    }

    private static boolean hasLiveClaim(ThreadRecord record, long now) {
        return record.claims().values().stream().anyMatch(until -> isLive(until, now));
    }

    private static boolean isLive(Long claimDeadline, long now) {
        return claimDeadline != null && claimDeadline > now;
    }

    static long expiry(ThreadRecord record, long nowMillis) {
        long days = record.status() == ThreadRecord.Status.CLOSED ? CLOSED_RECORD_DAYS : OPEN_RECORD_DAYS;
        return Instant.ofEpochMilli(nowMillis).getEpochSecond() + days * 86_400;
    }
}
