package dev.alertrelay.slack.thread;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What alert-relay remembers about one Slack thread (one alarm's lifecycle, one ECS service's stops): where its top
 * message is, what it says, and which notifications it already carries. Stored under {@code id} with a
 * {@code version} that every write checks and increments, so concurrent invocations never overwrite each other.
 *
 * @param status    {@code OPENING} while an invocation posts the top message, {@code OPEN} once it is posted,
 *                  {@code CLOSED} when the lifecycle ended (a later notification starts a new thread)
 * @param channel   the top message's channel id; null until posted
 * @param ts        the top message's timestamp; null until posted
 * @param since     when the lifecycle began (the first ALARM, the first stop)
 * @param state     the latest state shown (e.g. {@code ALARM}), or null
 * @param stateTime when that state was entered; an older notification arriving late never overwrites it
 * @param delivered keys of the notifications already posted (the most recent {@value #DELIVERED_KEPT}), so that a
 *                  retried or duplicated invocation posts nothing twice
 * @param claims    keys being delivered right now, each with the claiming invocation's deadline (epoch millis): a
 *                  claim past its deadline belongs to an invocation that no longer runs
 * @param facts     what the caller keeps with the thread (counts for a digest, the alarm's name)
 * @param handling  what people did from Slack in this lifecycle (acknowledged, silenced, paged: {@link ThreadHandling});
 *                  kept across every later update, cleared when a new lifecycle starts
 * @param top       the top message as last posted, without its controls (Slack JSON), so that a click re-renders it
 * @param incident  what a "Page on-call" click sends for this thread ({@link ThreadPost#incident}); empty: no such button
 */
public record ThreadRecord(String id, long version, Status status, String channel, String ts, Instant since,
                           String state, Instant stateTime, List<String> delivered, Map<String, Long> claims,
                           Map<String, String> facts, Map<String, String> handling, String top, Map<String, String> incident) {

    public enum Status { OPENING, OPEN, CLOSED }

    /** A storm thread records each member change: enough for a storm of a few hundred alarms. */
    static final int DELIVERED_KEPT = 400;

    public ThreadRecord {
        delivered = delivered == null ? List.of() : List.copyOf(delivered);
        claims = claims == null ? Map.of() : Map.copyOf(claims);
        facts = facts == null ? Map.of() : Map.copyOf(facts);
        handling = handling == null ? Map.of() : Map.copyOf(handling);
        incident = incident == null ? Map.of() : Map.copyOf(incident);
    }

    /** A record of a thread nobody acted on from Slack yet. */
    public ThreadRecord(String id, long version, Status status, String channel, String ts, Instant since, String state,
                        Instant stateTime, List<String> delivered, Map<String, Long> claims, Map<String, String> facts) {
        this(id, version, status, channel, ts, since, state, stateTime, delivered, claims, facts, Map.of(), null, Map.of());
    }

    /** Whether there is a posted top message to reply to and update. */
    public boolean isOpen() {
        return status == Status.OPEN && channel != null && ts != null;
    }

    public String fact(String name) {
        return facts.get(name);
    }

    ThreadRecord withClaim(String key, long claimDeadlineMillis) {
        Map<String, Long> more = new LinkedHashMap<>(claims);
        more.put(key, claimDeadlineMillis);
        return new ThreadRecord(id, version, status, channel, ts, since, state, stateTime, delivered, more, facts, handling, top, incident);
    }

    ThreadRecord withoutClaim(String key) {
        Map<String, Long> fewer = new LinkedHashMap<>(claims);
        fewer.remove(key);
        return new ThreadRecord(id, version, status, channel, ts, since, state, stateTime, delivered, fewer, facts, handling, top, incident);
    }

    ThreadRecord withDelivered(String key) {
        List<String> more = new ArrayList<>(delivered);
        more.remove(key);
        more.add(key);
        List<String> kept = more.size() > DELIVERED_KEPT ? more.subList(more.size() - DELIVERED_KEPT, more.size()) : more;
        return new ThreadRecord(id, version, status, channel, ts, since, state, stateTime, kept, claims, facts, handling, top, incident)
                .withoutClaim(key);
    }

    ThreadRecord withStatus(Status newStatus) {
        return new ThreadRecord(id, version, newStatus, channel, ts, since, state, stateTime, delivered, claims, facts, handling, top, incident);
    }

    ThreadRecord withTopMessage(String newChannel, String newTs) {
        return new ThreadRecord(id, version, status, newChannel, newTs, since, state, stateTime, delivered, claims, facts, handling, top, incident);
    }

    ThreadRecord withLifecycle(Instant newSince) {
        return new ThreadRecord(id, version, status, channel, ts, newSince, state, stateTime, delivered, claims, facts, handling, top, incident);
    }

    ThreadRecord withState(String newState, Instant newStateTime) {
        return new ThreadRecord(id, version, status, channel, ts, since, newState, newStateTime, delivered, claims, facts, handling, top, incident);
    }

    ThreadRecord withFacts(Map<String, String> newFacts) {
        return new ThreadRecord(id, version, status, channel, ts, since, state, stateTime, delivered, claims, newFacts, handling, top, incident);
    }

    ThreadRecord withVersion(long newVersion) {
        return new ThreadRecord(id, newVersion, status, channel, ts, since, state, stateTime, delivered, claims, facts, handling, top, incident);
    }

    ThreadRecord withHandling(Map<String, String> newHandling) {
        return new ThreadRecord(id, version, status, channel, ts, since, state, stateTime, delivered, claims, facts, newHandling,
                top, incident);
    }

    ThreadRecord withTop(String newTop) {
        return new ThreadRecord(id, version, status, channel, ts, since, state, stateTime, delivered, claims, facts, handling,
                newTop, incident);
    }

    ThreadRecord withIncident(Map<String, String> newIncident) {
        return new ThreadRecord(id, version, status, channel, ts, since, state, stateTime, delivered, claims, facts, handling,
                top, newIncident);
    }

    /** What people did to this thread from Slack. */
    public ThreadHandling handled() {
        return ThreadHandling.of(handling);
    }

    static ThreadRecord empty(String id) {
        return new ThreadRecord(id, 0, Status.CLOSED, null, null, null, null, null, List.of(), Map.of(), Map.of());
    }
}
