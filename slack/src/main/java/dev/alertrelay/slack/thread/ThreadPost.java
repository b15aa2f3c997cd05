package dev.alertrelay.slack.thread;

import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi.PostedMessage;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What one notification does to its thread, as a caller's planner decides it from the current record.
 *
 * @param kind       start a new thread, reply in the open one, or post on its own (no thread to reply to)
 * @param message    the top message (START, STANDALONE) or the reply (REPLY)
 * @param topUpdate  for a REPLY, the top message as it should read now (null: leave it)
 * @param closes     whether this ends the lifecycle (an OK): a later notification starts a new thread
 * @param since      for a START, when the lifecycle began
 * @param state      the state the thread shows now, or null to keep it
 * @param stateTime  when that state began; an older one arriving late does not replace a newer one
 * @param facts      what the record keeps from now on (replaces the old facts)
 * @param afterStart run with the new top message once it is posted (the chart); its failure is its own business
 * @param incident   what a "Page on-call" click sends for this thread from now on (a PagerDuty trigger's summary,
 *                   source, dedup key's subject, routing key variable...: read by the slack-actions function), or null
 *                   to keep what the thread has; a thread with none shows no page button
 */
public record ThreadPost(Kind kind, SlackMessage message, SlackMessage topUpdate, boolean closes, Instant since,
                         String state, Instant stateTime, Map<String, String> facts, Consumer<PostedMessage> afterStart,
                         Map<String, String> incident) {

    public enum Kind { START, REPLY, STANDALONE }

    public static ThreadPost start(SlackMessage top, Instant since, String state, Map<String, String> facts,
                                   Consumer<PostedMessage> afterStart) {
        return new ThreadPost(Kind.START, top, null, false, since, state, since, facts, afterStart, null);
    }

    public static ThreadPost reply(SlackMessage reply, SlackMessage topUpdate, boolean closes, String state,
                                   Instant stateTime, Map<String, String> facts) {
        return new ThreadPost(Kind.REPLY, reply, topUpdate, closes, null, state, stateTime, facts, null, null);
    }

    public static ThreadPost standalone(SlackMessage message, String state, Instant stateTime, Map<String, String> facts) {
        return new ThreadPost(Kind.STANDALONE, message, null, false, null, state, stateTime, facts, null, null);
    }

    /** This post, saying what a page sends for its thread (see {@link #incident}). */
    public ThreadPost withIncident(IncidentSpec spec) {
        return new ThreadPost(kind, message, topUpdate, closes, since, state, stateTime, facts, afterStart,
                spec == null ? null : spec.toMap());
    }

    /** This post with its messages changed the same way (a route's mentions, account label, links). */
    public ThreadPost withMessages(SlackMessage newMessage, SlackMessage newTopUpdate) {
        return new ThreadPost(kind, newMessage, newTopUpdate, closes, since, state, stateTime, facts, afterStart, incident);
    }
}
