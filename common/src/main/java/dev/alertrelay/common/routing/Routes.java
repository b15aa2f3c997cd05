package dev.alertrelay.common.routing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.text.Truncate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A platform team's routes document (README, "Routing many teams"): which team's Slack destination and PagerDuty
 * routing key each notification goes to, chosen by what the alarm, the task or the log group is.
 *
 * <pre>{"routes": [{"name": "payments", "match": {"alarmName": ["payments-*"], "logGroup": ["/aws/lambda/payments-*"]},
 *                   "slack": {"webhook": "SLACK_WEBHOOK_URL_PAYMENTS"}, "pagerduty": {"routingKey": "PAGERDUTY_ROUTING_KEY_PAYMENTS"},
 *                   "mention": ["&lt;!subteam^S0PAYMENTS&gt;"], "oncall": ["P0PAYMT"]},
 *                  {"name": "dev-accounts-quiet", "match": {"account": ["444455556666"]}, "drop": true}],
 *  "default": {"slack": {"webhook": "SLACK_WEBHOOK_URL"}}}</pre>
 *
 * <p>A route matches a notification when at least one of its keys applies to the notification's kind and every key
 * that applies holds; keys of other kinds are ignored for it. A list holds when any entry matches ({@code *} is a
 * wildcard); {@code tags} holds when every named tag has the given value. A matching {@code drop} route silences the
 * notification; otherwise it goes to every matching route, once per distinct destination; {@code default} serves
 * each channel (Slack, PagerDuty) that no matching route names; without one, the function's own configuration.
 * {@code oncall} names PagerDuty schedules whose people on call now are mentioned with the route's {@code mention}.
 */
public final class Routes {

    /** A Slack destination: a webhook by the name of its secret variable, or a channel id of the Slack app. */
    public record SlackTarget(String webhook, String channel) {
    }

    /**
     * One route.
     *
     * @param match     key to patterns; {@code tags} are kept apart
     * @param slack     null: no Slack destination
     * @param routingKey the variable naming the PagerDuty routing key secret, or null
     * @param oncall     PagerDuty schedule ids whose people on call are mentioned with {@code mention}
     */
    public record Route(String name, Map<String, List<String>> match, Map<String, String> tags, SlackTarget slack,
                        String routingKey, List<String> mention, List<String> oncall, boolean drop) {

        /** Whether this route uses tags, so that they are looked up only when some route needs them. */
        public boolean usesTags() {
            return !tags.isEmpty();
        }

        boolean matches(RouteFacts facts) {
            boolean applies = false;
            for (Map.Entry<String, List<String>> key : match.entrySet()) {
                if (!facts.kind().has(key.getKey())) {
                    continue;
                }
                applies = true;
                String value = facts.values().get(key.getKey());
                if (value == null || key.getValue().stream().noneMatch(pattern -> Glob.matches(pattern, value))) {
                    return false;
                }
            }
            if (!tags.isEmpty()) {
                if (!facts.kind().has("tags")) {
                    // A route that names tags is about tagged resources: a kind without tags (task stops, log errors)
                    // is never that team's by its other keys alone.
                    return false;
                }
                applies = true;
                Map<String, String> actual = facts.tags().get();
                for (Map.Entry<String, String> tag : tags.entrySet()) {
                    String value = actual.get(tag.getKey());
                    if (value == null || !Glob.matches(tag.getValue(), value)) {
                        return false;
                    }
                }
            }
            return applies;
        }
    }

    /**
     * Where one notification goes.
     *
     * @param routes      the names of the routes it matched (or "default"), for the log line and the dry run
     * @param slack       its distinct Slack destinations (empty: the function's own)
     * @param routingKeys its distinct PagerDuty routing key variables (empty: the function's own)
     * @param mentions    who to mention on ALARM and failures
     * @param oncallSchedules the PagerDuty schedules whose people on call are mentioned with them
     * @param droppedBy   the drop route that silenced it, or null
     * @param problem     why the routes could not be used (an invalid document), shown on the notification; or null
     */
    public record Decision(List<String> routes, List<SlackTarget> slack, List<String> routingKeys, List<String> mentions,
                           List<String> oncallSchedules, String droppedBy, String problem) {

        public static final Decision OWN_CONFIGURATION = new Decision(List.of(), List.of(), List.of(), List.of(), List.of(), null, null);

        /** The function's own destination, because the routes document is invalid. */
        public static Decision invalidRoutes(String problem) {
            return new Decision(List.of(), List.of(), List.of(), List.of(), List.of(), null, problem);
        }

        public boolean dropped() {
            return droppedBy != null;
        }
    }

    /**
     * What the routes document says about an AWS account: a name people recognise, its environment, and the
     * permission set to open its console with through the access portal.
     */
    public record Account(String id, String name, String environment, String role) {

        /** {@code prod-payments (111122223333)}, or the id alone. */
        public String label() {
            return name == null ? id : name + " (" + id + ")";
        }
    }

    private static final Set<String> TOP_KEYS = Set.of("routes", "default", "accounts");
    private static final Set<String> ACCOUNT_KEYS = Set.of("name", "environment", "role");
    private static final Set<String> ROUTE_KEYS = Set.of("name", "match", "slack", "pagerduty", "mention", "oncall", "drop");
    private static final Set<String> DEFAULT_KEYS = Set.of("slack", "pagerduty", "mention", "oncall");
    private static final int NAME_MAX = 80;

    private final List<Route> routes;
    private final Route fallback;
    private final Map<String, Account> accounts;

    private Routes(List<Route> routes, Route fallback, Map<String, Account> accounts) {
        this.routes = routes;
        this.fallback = fallback;
        this.accounts = accounts;
    }

    /** The account as the document names it, or null when it does not (shown by its id alone). */
    public Account account(String id) {
        return id == null ? null : accounts.get(id);
    }

    public List<Route> routes() {
        return routes;
    }

    public boolean usesTags() {
        return routes.stream().anyMatch(Route::usesTags);
    }

    /**
     * Reads and checks a routes document.
     *
     * @throws RoutesException naming the route and the field that is wrong
     */
    public static Routes parse(String document) {
        final JsonObject json;
        try {
            json = Json.parseObject(document);
        } catch (InvalidEventException e) {
            throw new RoutesException("the routes document is not a JSON object: " + e.getMessage());
        }
        unknownKeys(json, TOP_KEYS, "the routes document");
        JsonElement list = json.get("routes");
        if (list == null || !list.isJsonArray()) {
            throw new RoutesException("the routes document needs a \"routes\" array (it may be empty)");
        }
        List<Route> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonArray array = list.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.get(i) instanceof JsonObject object)) {
                throw new RoutesException("routes[" + i + "] is not an object");
            }
            Route route = route(object, "routes[" + i + "]");
            if (!names.add(route.name())) {
                throw new RoutesException("route \"" + route.name() + "\": the name is used twice");
            }
            routes.add(route);
        }
        Route fallback = null;
        if (json.has("default")) {
            if (!(json.get("default") instanceof JsonObject object)) {
                throw new RoutesException("\"default\" is not an object");
            }
            unknownKeys(object, DEFAULT_KEYS, "\"default\"");
            fallback = new Route("default", Map.of(), Map.of(), slack(object, "\"default\""), routingKey(object, "\"default\""),
                    strings(object, "mention", "\"default\""), scheduleIds(object, "\"default\""), false);
            if (fallback.slack() == null && fallback.routingKey() == null) {
                throw new RoutesException("\"default\" has no destination: give it \"slack\" or \"pagerduty\"");
            }
        }
        return new Routes(List.copyOf(routes), fallback, accounts(json));
    }

    private static Map<String, Account> accounts(JsonObject json) {
        if (!json.has("accounts")) {
            return Map.of();
        }
        if (!(json.get("accounts") instanceof JsonObject accounts)) {
            throw new RoutesException("\"accounts\" must be an object of account ids");
        }
        Map<String, Account> byId = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : accounts.entrySet()) {
            String where = "accounts." + Truncate.toLength(entry.getKey(), 20);
            if (!entry.getKey().matches("\\d{12}")) {
                throw new RoutesException(where + ": an account id is 12 digits");
            }
            if (!(entry.getValue() instanceof JsonObject account)) {
                throw new RoutesException(where + " must be an object with \"name\", \"environment\" or \"role\"");
            }
            unknownKeys(account, ACCOUNT_KEYS, where);
            for (String key : ACCOUNT_KEYS) {
                if (account.has(key) && Json.string(account, key) == null) {
                    throw new RoutesException(where + "." + key + " must be a string");
                }
            }
            byId.put(entry.getKey(), new Account(entry.getKey(), Json.string(account, "name"), Json.string(account, "environment"),
                    Json.string(account, "role")));
        }
        return Map.copyOf(byId);
    }

    /**
     * Checks that every secret variable the document names is configured (the variable, its {@code _ENCRYPTED} or its
     * {@code _PARAMETER} form, or {@code ROUTE_SECRETS_PATH} under which it is an SSM parameter), so a typo fails at
     * start-up rather than at the first outage.
     */
    public void requireSecrets(Function<String, String> env) {
        List<Route> all = new ArrayList<>(routes);
        if (fallback != null) {
            all.add(fallback);
        }
        for (Route route : all) {
            if (route.slack() != null && route.slack().webhook() != null) {
                requireSecret(env, route.slack().webhook(), route.name(), "slack.webhook");
            }
            if (route.routingKey() != null) {
                requireSecret(env, route.routingKey(), route.name(), "pagerduty.routingKey");
            }
        }
    }

    /** Where a notification with these facts goes. */
    public Decision route(RouteFacts facts) {
        List<String> matched = new ArrayList<>();
        Set<SlackTarget> slack = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> mentions = new LinkedHashSet<>();
        Set<String> schedules = new LinkedHashSet<>();
        for (Route route : routes) {
            if (!route.matches(facts)) {
                continue;
            }
            if (route.drop()) {
                return new Decision(List.of(route.name()), List.of(), List.of(), List.of(), List.of(), route.name(), null);
            }
            matched.add(route.name());
            add(route, slack, keys, mentions, schedules);
        }
        if (fallback != null && (slack.isEmpty() || keys.isEmpty())) {
            // default serves each channel no matching route named: a Slack-only team route does not take the page away
            boolean used = false;
            if (slack.isEmpty() && fallback.slack() != null) {
                slack.add(fallback.slack());
                used = true;
            }
            if (keys.isEmpty() && fallback.routingKey() != null) {
                keys.add(fallback.routingKey());
                used = true;
            }
            if (used || matched.isEmpty()) {
                matched.add(fallback.name());
                if (matched.size() == 1) {
                    mentions.addAll(fallback.mention());
                    schedules.addAll(fallback.oncall());
                }
            }
        }
        if (matched.isEmpty()) {
            return Decision.OWN_CONFIGURATION;
        }
        return new Decision(List.copyOf(matched), List.copyOf(slack), List.copyOf(keys), List.copyOf(mentions), List.copyOf(schedules),
                null, null);
    }

    private static void add(Route route, Set<SlackTarget> slack, Set<String> keys, Set<String> mentions, Set<String> schedules) {
        if (route.slack() != null) {
            slack.add(route.slack());
        }
        if (route.routingKey() != null) {
            keys.add(route.routingKey());
        }
        mentions.addAll(route.mention());
        schedules.addAll(route.oncall());
    }

    private static Route route(JsonObject json, String where) {
        JsonElement nameElement = json.get("name");
        if (!(nameElement instanceof JsonPrimitive primitive) || !primitive.isString() || primitive.getAsString().isBlank()) {
            throw new RoutesException(where + " has no \"name\"");
        }
        String name = Truncate.toLength(primitive.getAsString().strip(), NAME_MAX);
        String route = "route \"" + name + "\"";
        unknownKeys(json, ROUTE_KEYS, route);
        if (!(json.get("match") instanceof JsonObject match) || match.isEmpty()) {
            throw new RoutesException(route + ": \"match\" must be an object naming at least one key");
        }
        Map<String, List<String>> patterns = new LinkedHashMap<>();
        Map<String, String> tags = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> key : match.entrySet()) {
            if (!RouteFacts.ALL_KEYS.contains(key.getKey())) {
                throw new RoutesException(route + ": match." + key.getKey() + " is not a match key (one of "
                        + String.join(", ", RouteFacts.ALL_KEYS.stream().sorted().toList()) + ")");
            }
            if (key.getKey().equals("tags")) {
                if (!(key.getValue() instanceof JsonObject object) || object.isEmpty()) {
                    throw new RoutesException(route + ": match.tags must be an object of tag names and values");
                }
                for (Map.Entry<String, JsonElement> tag : object.entrySet()) {
                    String value = Json.string(object, tag.getKey());
                    if (value == null) {
                        throw new RoutesException(route + ": match.tags." + tag.getKey() + " must be a string");
                    }
                    tags.put(tag.getKey(), value);
                }
            } else {
                List<String> values = strings(match, key.getKey(), route + ": match");
                if (values.isEmpty()) {
                    throw new RoutesException(route + ": match." + key.getKey() + " is empty");
                }
                patterns.put(key.getKey(), values);
            }
        }
        boolean drop = false;
        if (json.has("drop")) {
            if (!(json.get("drop") instanceof JsonPrimitive flag) || !flag.isBoolean()) {
                throw new RoutesException(route + ": \"drop\" must be true or false");
            }
            drop = flag.getAsBoolean();
        }
        SlackTarget slack = slack(json, route);
        String routingKey = routingKey(json, route);
        if (drop && (slack != null || routingKey != null)) {
            throw new RoutesException(route + ": a route that drops has no destination (remove \"slack\"/\"pagerduty\" or \"drop\")");
        }
        if (!drop && slack == null && routingKey == null) {
            throw new RoutesException(route + " has no destination: give it \"slack\", \"pagerduty\" or \"drop\": true");
        }
        return new Route(name, Map.copyOf(patterns), Map.copyOf(tags), slack, routingKey, strings(json, "mention", route),
                scheduleIds(json, route), drop);
    }

    private static SlackTarget slack(JsonObject json, String where) {
        if (!json.has("slack")) {
            return null;
        }
        if (!(json.get("slack") instanceof JsonObject slack)) {
            throw new RoutesException(where + ": \"slack\" must be an object with \"webhook\" or \"channel\"");
        }
        unknownKeys(slack, Set.of("webhook", "channel"), where + ": slack");
        String webhook = Json.string(slack, "webhook");
        String channel = Json.string(slack, "channel");
        if ((webhook == null) == (channel == null)) {
            throw new RoutesException(where + ": slack needs exactly one of \"webhook\" (a secret variable name) or \"channel\" (a channel id)");
        }
        if (webhook != null && !isVariableName(webhook)) {
            throw new RoutesException(where + ": slack.webhook names the variable that holds the URL (such as SLACK_WEBHOOK_URL_PAYMENTS), not the URL");
        }
        if (channel != null && !channel.matches("[A-Z0-9]{6,20}")) {
            throw new RoutesException(where + ": slack.channel must be a channel id such as C0123456789");
        }
        return new SlackTarget(webhook, channel);
    }

    private static String routingKey(JsonObject json, String where) {
        if (!json.has("pagerduty")) {
            return null;
        }
        if (!(json.get("pagerduty") instanceof JsonObject pagerDuty)) {
            throw new RoutesException(where + ": \"pagerduty\" must be an object with \"routingKey\"");
        }
        unknownKeys(pagerDuty, Set.of("routingKey"), where + ": pagerduty");
        String variable = Json.string(pagerDuty, "routingKey");
        if (variable == null || !isVariableName(variable)) {
            throw new RoutesException(where + ": pagerduty.routingKey names the variable that holds the key (such as PAGERDUTY_ROUTING_KEY_PAYMENTS)");
        }
        return variable;
    }

    /**
     * {@code oncall}: PagerDuty schedule ids, as in a schedule's URL ({@code .../schedules/PABC123}); a schedule's name
     * in their place would never be found, so it is refused here rather than at the first outage.
     */
    private static List<String> scheduleIds(JsonObject json, String where) {
        List<String> ids = strings(json, "oncall", where);
        for (String id : ids) {
            if (!id.matches("[A-Z0-9]{2,32}")) {
                throw new RoutesException(where + ": oncall lists PagerDuty schedule ids such as PABC123 (the id in the schedule's URL), not \""
                        + Truncate.toLength(id, 40) + "\"");
            }
        }
        return ids;
    }

    private static List<String> strings(JsonObject json, String key, String where) {
        JsonElement value = json.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonPrimitive primitive && primitive.isString()) {
            return List.of(primitive.getAsString());
        }
        if (!(value instanceof JsonArray array)) {
            throw new RoutesException(where + "." + key + " must be a string or a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonElement element : array) {
            if (!(element instanceof JsonPrimitive primitive) || !primitive.isString()) {
                throw new RoutesException(where + "." + key + " must be a list of strings");
            }
            strings.add(primitive.getAsString());
        }
        return List.copyOf(strings);
    }

    private static void unknownKeys(JsonObject json, Set<String> known, String where) {
        for (String key : json.keySet()) {
            if (!known.contains(key)) {
                throw new RoutesException(where + ": unknown key \"" + Truncate.toLength(key, 40) + "\" (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static void requireSecret(Function<String, String> env, String variable, String route, String field) {
        for (String name : List.of(variable, variable + "_ENCRYPTED", variable + "_PARAMETER", "ROUTE_SECRETS_PATH")) {
            String value = env.apply(name);
            if (value != null && !value.isBlank()) {
                return;
            }
        }
        throw new RoutesException("route \"" + route + "\": " + field + " names " + variable + ", but none of " + variable + ", "
                + variable + "_ENCRYPTED or " + variable + "_PARAMETER is set (nor ROUTE_SECRETS_PATH, under which it would be an SSM parameter)");
    }

    private static boolean isVariableName(String value) {
        return value.matches("[A-Za-z_][A-Za-z0-9_]{0,127}");
    }
}
