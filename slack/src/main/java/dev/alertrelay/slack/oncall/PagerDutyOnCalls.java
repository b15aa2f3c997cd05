package dev.alertrelay.slack.oncall;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.alertrelay.common.delivery.DryRun;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.http.RetryPolicy;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.text.Truncate;
import dev.alertrelay.pagerduty.PagerDutyRestApi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Who is on call now in PagerDuty schedules, from the REST API's {@code GET /oncalls}
 * (https://developer.pagerduty.com/api-reference/3a6b910f11050-list-all-of-the-on-calls) with a read-only API key:
 * {@code earliest=true} gives each person once per escalation level, {@code include[]=users} their email, which is
 * how Slack finds them. Only the first level of each schedule counts: the people paged first.
 */
final class PagerDutyOnCalls {

    /** One person on call: as PagerDuty names them, and their email (null when PagerDuty gave none). */
    record Person(String name, String email) {
    }

    /** A schedule PagerDuty answered for: its name ({@code summary}) and the people on call at its lowest level. */
    record Schedule(String id, String name, List<Person> people) {
    }

    /**
     * A lookup that must never hold a message back: two attempts, short timeouts, and no time kept in reserve (the
     * caller's budget is already a small part of the invocation).
     */
    static final RetryPolicy POLICY = new RetryPolicy(2, 100, 200, 500, 1_200, 0);
    private static final String RECEIVER = "PagerDuty REST API";
    private static final int NAME_MAX = 80;

    private final PagerDutyRestApi api;

    PagerDutyOnCalls(PagerDutyRestApi api) {
        this.api = api;
    }

    /**
     * The schedules PagerDuty named in its answer, by id; a schedule nobody is on call for is absent.
     *
     * @throws DeliveryException when PagerDuty refuses, fails or does not answer in time (the key never in the message)
     */
    Map<String, Schedule> onCallNow(List<String> scheduleIds, Deadline deadline) {
        String body = api.get("/oncalls?" + query(scheduleIds), deadline);
        JsonElement answer = Json.tryParse(body);
        if (answer == null || !answer.isJsonObject() || Json.array(answer.getAsJsonObject(), "oncalls") == null) {
            throw new DeliveryException(RECEIVER + " answered /oncalls without an \"oncalls\" list", 1);
        }
        return read(Json.array(answer.getAsJsonObject(), "oncalls"), scheduleIds);
    }

    /** The dry run's printout of the call, in the form of the other calls it prints; no key is read. */
    static void print(List<String> scheduleIds) {
        JsonObject arguments = new JsonObject();
        JsonArray ids = new JsonArray();
        scheduleIds.forEach(ids::add);
        arguments.add("schedule_ids[]", ids);
        JsonArray include = new JsonArray();
        include.add("users");
        arguments.add("include[]", include);
        arguments.addProperty("earliest", true);
        JsonObject call = new JsonObject();
        call.addProperty("method", "pagerduty:GET /oncalls");
        call.add("arguments", arguments);
        DryRun.print(call);
    }

    static String query(List<String> scheduleIds) {
        StringJoiner query = new StringJoiner("&");
        for (String id : scheduleIds) {
            query.add(encode("schedule_ids[]") + "=" + encode(id));
        }
        // PagerDuty pages its answers, 25 entries by default: 100 holds several schedules' levels in one answer.
        return query.add(encode("include[]") + "=users").add("earliest=true").add("limit=100").toString();
    }

    /** Each requested schedule's people at its lowest escalation level, once each, in PagerDuty's order. */
    static Map<String, Schedule> read(JsonArray oncalls, List<String> scheduleIds) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Long> lowest = new LinkedHashMap<>();
        Map<String, Set<Person>> people = new LinkedHashMap<>();
        for (int i = 0; i < oncalls.size(); i++) {
            JsonObject oncall = Json.objectAt(oncalls, i);
            JsonObject schedule = Json.object(oncall, "schedule");
            String id = Json.string(schedule, "id");
            JsonObject user = Json.object(oncall, "user");
            Long level = Json.integer(oncall, "escalation_level");
            if (id == null || !scheduleIds.contains(id) || user == null || level == null) {
                continue;
            }
            names.putIfAbsent(id, Truncate.toLength(Json.string(schedule, "summary", id), NAME_MAX));
            Person person = new Person(Truncate.toLength(Json.string(user, "name", Json.string(user, "summary", "someone")), NAME_MAX),
                    Json.string(user, "email", null));
            Long current = lowest.get(id);
            if (current == null || level < current) {
                lowest.put(id, level);
                people.put(id, new LinkedHashSet<>());
            }
            if (level.equals(lowest.get(id))) {
                people.get(id).add(person);
            }
        }
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        names.forEach((id, name) -> schedules.put(id, new Schedule(id, name, List.copyOf(people.get(id)))));
        return schedules;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
