package dev.alertrelay.slack.oncall;

import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.log.Log;
import dev.alertrelay.common.secrets.SecretException;
import dev.alertrelay.common.secrets.SecretResolver;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.pagerduty.PagerDutyRestApi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Who to mention for a route's PagerDuty schedules (README, "Routing many teams"): the people on call now, found in
 * PagerDuty ({@code PAGERDUTY_API_KEY}, a read-only REST API key) and then in Slack by their email
 * ({@code users.lookupByEmail}, Slack app mode). One per container.
 *
 * <p>It never holds a message back: the whole lookup gets at most {@value #BUDGET_MILLIS} ms of the invocation, none
 * when less than {@value #MIN_REMAINING_MILLIS} ms are left, and whatever is not found in time is named as a line of
 * plain text instead ("On call: Payments primary (PagerDuty lookup failed)"), with one log line.
 *
 * <p>Each schedule's outcome is kept per container, on the invocation's clock: {@link #ANSWERED_FOR} when PagerDuty and
 * Slack answered (a rotation hands over at most every few hours), {@link #FAILED_FOR} when a call failed, so that a
 * PagerDuty outage costs one budget a minute rather than one per message, and recovers within a minute.
 */
public final class OnCallLookup {

    /** The read-only PagerDuty REST API key, as X, X_ENCRYPTED or X_PARAMETER. */
    public static final String API_KEY_SECRET = PagerDutyRestApi.API_KEY_SECRET;
    public static final String API_URL_VARIABLE = PagerDutyRestApi.API_URL_VARIABLE;
    static final long BUDGET_MILLIS = 1_500;
    static final long MIN_REMAINING_MILLIS = 5_000;
    static final Duration ANSWERED_FOR = Duration.ofMinutes(5);
    static final Duration FAILED_FOR = Duration.ofMinutes(1);

    /** What was found for one schedule, until when it holds. */
    private record Outcome(OnCallMentions.Schedule found, Instant until) {
    }

    private final PagerDutyOnCalls pagerDuty;
    private final SlackWebApi slack;
    private final long budgetMillis;
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    /**
     * @param pagerDuty null in a dry run, which asks nobody
     * @param slack     null in webhook mode: the people on call are named, not mentioned
     */
    OnCallLookup(PagerDutyOnCalls pagerDuty, SlackWebApi slack, long budgetMillis) {
        this.pagerDuty = pagerDuty;
        this.slack = slack;
        this.budgetMillis = budgetMillis;
    }

    /**
     * The lookup this environment configures: PagerDuty at {@code PAGERDUTY_API_URL} ({@link PagerDutyRestApi}) with
     * the key read on first use only; in a dry run, no key is read and nobody asked.
     *
     * @param slack the Slack app's Web API, or null in webhook mode
     */
    public static OnCallLookup create(Function<String, String> env, SecretResolver secrets, boolean dryRun, SlackWebApi slack) {
        if (dryRun) {
            return new OnCallLookup(null, slack, BUDGET_MILLIS);
        }
        return new OnCallLookup(new PagerDutyOnCalls(PagerDutyRestApi.fromEnvironment(env, secrets, PagerDutyOnCalls.POLICY)),
                slack, BUDGET_MILLIS);
    }

    /** Who is on call for {@code scheduleIds}, as mentions and, for what could not be mentioned, a line naming it. */
    public OnCallMentions mentions(List<String> scheduleIds, Deadline deadline) {
        if (scheduleIds.isEmpty()) {
            return OnCallMentions.NONE;
        }
        Instant now = deadline.now();
        Map<String, OnCallMentions.Schedule> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String id : scheduleIds) {
            Outcome kept = outcomes.get(id);
            if (kept != null && now.isBefore(kept.until())) {
                found.put(id, kept.found());
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            found.putAll(lookUp(missing, deadline, now));
        }
        return OnCallMentions.of(scheduleIds.stream().map(found::get).toList());
    }

    private Map<String, OnCallMentions.Schedule> lookUp(List<String> ids, Deadline deadline, Instant now) {
        Map<String, OnCallMentions.Schedule> found = new LinkedHashMap<>();
        if (pagerDuty == null) {
            PagerDutyOnCalls.print(ids);
            ids.forEach(id -> found.put(id, OnCallMentions.Schedule.failed(id, lastName(id), "dry run, PagerDuty not asked")));
            return found;
        }
        if (deadline.remainingMillis() < MIN_REMAINING_MILLIS) {
            Log.warn("on-call lookup of PagerDuty schedule(s) " + String.join(", ", ids) + " skipped: only "
                    + deadline.remainingMillis() + " ms of the invocation left");
            ids.forEach(id -> found.put(id, OnCallMentions.Schedule.failed(id, lastName(id), "not looked up in time")));
            return found;
        }
        Deadline budget = deadline.within(budgetMillis);
        final Map<String, PagerDutyOnCalls.Schedule> schedules;
        try {
            schedules = pagerDuty.onCallNow(ids, budget);
        } catch (DeliveryException | SecretException e) {
            Log.warn("on-call lookup of PagerDuty schedule(s) " + String.join(", ", ids) + " failed: " + e.getMessage()
                    + "; the message names the schedule instead");
            for (String id : ids) {
                keep(found, OnCallMentions.Schedule.failed(id, lastName(id), "PagerDuty lookup failed"), now.plus(FAILED_FOR));
            }
            return found;
        }
        List<String> problems = new ArrayList<>();
        Map<String, Optional<String>> usersByEmail = new LinkedHashMap<>();
        for (String id : ids) {
            PagerDutyOnCalls.Schedule schedule = schedules.get(id);
            if (schedule == null || schedule.people().isEmpty()) {
                keep(found, OnCallMentions.Schedule.failed(id, lastName(id), "nobody on call"), now.plus(ANSWERED_FOR));
                continue;
            }
            List<String> mentions = new ArrayList<>();
            List<OnCallMentions.Unmentioned> unmentioned = new ArrayList<>();
            boolean failed = false;
            for (PagerDutyOnCalls.Person person : schedule.people()) {
                try {
                    Optional<String> user = slack == null || person.email() == null ? Optional.empty()
                            : usersByEmail.containsKey(person.email()) ? usersByEmail.get(person.email())
                            : slack.userIdByEmail(person.email(), budget);
                    if (person.email() != null) {
                        usersByEmail.put(person.email(), user);
                    }
                    if (user.isPresent()) {
                        mentions.add("<@" + user.get() + ">");
                    } else {
                        unmentioned.add(new OnCallMentions.Unmentioned(person.name(), slack == null ? null : "not found in Slack"));
                    }
                } catch (DeliveryException | SecretException e) {
                    failed = true;
                    problems.add(e.getMessage());
                    unmentioned.add(new OnCallMentions.Unmentioned(person.name(), "Slack lookup failed"));
                }
            }
            keep(found, new OnCallMentions.Schedule(id, schedule.name(), List.copyOf(mentions), List.copyOf(unmentioned), null),
                    now.plus(failed ? FAILED_FOR : ANSWERED_FOR));
        }
        if (!problems.isEmpty()) {
            Log.warn("on-call lookup in Slack (users.lookupByEmail) failed: " + String.join("; ", problems)
                    + "; the message names the people instead");
        }
        return found;
    }

    private void keep(Map<String, OnCallMentions.Schedule> found, OnCallMentions.Schedule schedule, Instant until) {
        found.put(schedule.id(), schedule);
        outcomes.put(schedule.id(), new Outcome(schedule, until));
    }

    /** The schedule's name from an earlier answer, so that a failed lookup still names it as people know it; or null. */
    private String lastName(String id) {
        Outcome earlier = outcomes.get(id);
        return earlier == null ? null : earlier.found().name();
    }
}
