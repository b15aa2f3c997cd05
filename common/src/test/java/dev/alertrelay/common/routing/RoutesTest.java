package dev.alertrelay.common.routing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routes of examples/routes.json, key by key, and every way a document can be wrong. */
class RoutesTest {

    private static final Routes EXAMPLE = Routes.parse(example());

    static String example() {
        try {
            return Files.readString(Path.of(System.getProperty("maven.multiModuleProjectDirectory", "..")).resolve("examples/routes.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RouteFacts alarm(String account, String region, String name, String namespace, String state, Map<String, String> tags) {
        Map<String, String> values = new HashMap<>();
        values.put("account", account);
        values.put("region", region);
        values.put("alarmName", name);
        values.put("namespace", namespace);
        values.put("state", state);
        return new RouteFacts(RouteFacts.Kind.ALARM, values, () -> tags);
    }

    private static RouteFacts stop(String account, String cluster, String service, String category) {
        return new RouteFacts(RouteFacts.Kind.ECS_STOP, Map.of("account", account, "region", "eu-west-1", "cluster", cluster,
                "service", service, "category", category), Map::of);
    }

    private static RouteFacts logError(String account, String logGroup) {
        return new RouteFacts(RouteFacts.Kind.LOG_ERROR, Map.of("account", account, "region", "eu-west-1", "logGroup", logGroup,
                "severity", "error"), null);
    }

    @Test
    void anAlarmNamedForATeamGoesToItsChannelAndItsRotationWithItsMention() {
        Routes.Decision decision = EXAMPLE.route(alarm("999988887777", "eu-west-1", "payments-api-5xx", "AWS/Lambda", "ALARM", Map.of()));
        assertEquals(List.of("payments"), decision.routes());
        assertEquals(List.of(new Routes.SlackTarget("SLACK_WEBHOOK_URL_PAYMENTS", null)), decision.slack());
        assertEquals(List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS"), decision.routingKeys());
        assertEquals(List.of("<!subteam^S0PAYMENTS>"), decision.mentions());
        assertEquals(List.of("P0PAYMT"), decision.oncallSchedules());
    }

    @Test
    void onCallSchedulesComeFromEveryMatchingRouteOnceInRouteOrderOrFromTheDefaultAlone() {
        Routes routes = Routes.parse("""
                {"routes":[{"name":"api","match":{"alarmName":["api-*"]},"slack":{"channel":"C0API001"},"oncall":["PAPI001","PSHARED"]},
                           {"name":"db","match":{"alarmName":["*-db-*"]},"slack":{"channel":"C0DB0001"},"oncall":"PSHARED"},
                           {"name":"quiet","match":{"alarmName":["*"]},"slack":{"channel":"C0QUIET1"}}],
                 "default":{"slack":{"channel":"C0OPS001"},"oncall":["POPS001"]}}""");
        assertEquals(List.of("PAPI001", "PSHARED"), routes.route(alarm("1", "r", "api-db-cpu", null, "ALARM", Map.of())).oncallSchedules());
        assertEquals(List.of(), routes.route(alarm("1", "r", "web-cpu", null, "ALARM", Map.of())).oncallSchedules(),
                "a matching route without schedules: not the default's");
        Routes withDefaultOnly = Routes.parse("""
                {"routes":[],"default":{"slack":{"channel":"C0OPS001"},"oncall":["POPS001"]}}""");
        assertEquals(List.of("POPS001"), withDefaultOnly.route(alarm("1", "r", "web-cpu", null, "ALARM", Map.of())).oncallSchedules());
    }

    @Test
    void anEcsStopMatchesOnlyWhenEveryEcsKeyOfTheRouteHolds() {
        assertEquals(List.of("payments"), EXAMPLE.route(stop("999988887777", "prod-eu", "checkout-web", "crashed")).routes());
        assertEquals(List.of("default"), EXAMPLE.route(stop("999988887777", "staging", "checkout-web", "crashed")).routes(),
                "the cluster key applies to ECS stops and does not hold");
    }

    @Test
    void keysOfAnotherKindAreIgnoredButAccountAndRegionApplyToEveryKind() {
        assertEquals(List.of("payments"), EXAMPLE.route(logError("999988887777", "/aws/lambda/payments-api")).routes());
        assertEquals(List.of("default"), EXAMPLE.route(logError("999988887777", "/aws/lambda/orders")).routes());
        assertEquals(List.of("platform-edge"), EXAMPLE.route(logError("111122223333", "/aws/lambda/orders")).routes(),
                "namespace and state do not apply to a log error, the account does and holds");
        Routes alarmsOnly = Routes.parse("{\"routes\":[{\"name\":\"a\",\"match\":{\"alarmName\":[\"*\"]},\"slack\":{\"channel\":\"C0123456\"}}]}");
        assertEquals(Routes.Decision.OWN_CONFIGURATION, alarmsOnly.route(stop("1", "prod", "web", "crashed")),
                "a route naming only alarmName never catches an ECS stop");
    }

    @Test
    void tagsHoldWhenEveryNamedTagHasItsValue() {
        assertEquals(List.of("search"), EXAMPLE.route(alarm("999988887777", "us-east-1", "query-latency", "AWS/ES", "ALARM",
                Map.of("team", "search", "env", "prod"))).routes());
        assertEquals(List.of("default"), EXAMPLE.route(alarm("999988887777", "eu-west-1", "query-latency", "AWS/ES", "ALARM",
                Map.of("team", "search"))).routes(), "the region does not hold");
        assertEquals(List.of("default"), EXAMPLE.route(alarm("999988887777", "us-east-1", "query-latency", "AWS/ES", "ALARM",
                Map.of())).routes(), "no tags: not search's");
    }

    @Test
    void aNotificationGoesToEveryMatchingRouteOncePerDestination() {
        Routes.Decision decision = EXAMPLE.route(alarm("111122223333", "us-east-1", "checkout-alb-5xx", "AWS/ApplicationELB",
                "ALARM", Map.of("team", "search")));
        assertEquals(List.of("payments", "search", "platform-edge"), decision.routes());
        assertEquals(3, decision.slack().size());
        assertEquals(List.of("PAGERDUTY_ROUTING_KEY_PAYMENTS", "PAGERDUTY_ROUTING_KEY_EDGE"), decision.routingKeys());
    }

    @Test
    void aDropRouteSilencesWhateverElseMatches() {
        Routes.Decision decision = EXAMPLE.route(alarm("444455556666", "us-east-1", "payments-api-5xx", "AWS/Lambda", "ALARM", Map.of()));
        assertTrue(decision.dropped());
        assertEquals("dev-accounts-quiet", decision.droppedBy());
    }

    @Test
    void tagsAreLookedUpOnlyWhenARouteAsksForThem() {
        int[] lookups = {0};
        Routes noTags = Routes.parse("{\"routes\":[{\"name\":\"a\",\"match\":{\"alarmName\":[\"x*\"]},\"slack\":{\"channel\":\"C0123456\"}}]}");
        noTags.route(new RouteFacts(RouteFacts.Kind.ALARM, Map.of("alarmName", "xy"), () -> {
            lookups[0]++;
            return Map.of();
        }));
        assertEquals(0, lookups[0]);
        assertFalse(noTags.usesTags());
        assertTrue(EXAMPLE.usesTags());
    }

    @Test
    void withoutADefaultAnUnmatchedNotificationKeepsTheFunctionsOwnDestination() {
        Routes routes = Routes.parse("{\"routes\":[{\"name\":\"a\",\"match\":{\"alarmName\":[\"x*\"]},\"slack\":{\"channel\":\"C0123456\"}}]}");
        assertEquals(Routes.Decision.OWN_CONFIGURATION, routes.route(alarm("1", "r", "other", null, "ALARM", Map.of())));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            not JSON                    | routes: [                                                              | not a JSON object
            no routes array             | {"default":{"slack":{"webhook":"SLACK_WEBHOOK_URL"}}}                   | needs a "routes" array
            unknown top key             | {"routes":[],"rotues":[]}                                               | unknown key "rotues"
            a route without a name      | {"routes":[{"match":{"account":["1"]},"drop":true}]}                     | routes[0] has no "name"
            unknown route key           | {"routes":[{"name":"a","match":{"account":["1"]},"drop":true,"x":1}]}    | route "a": unknown key "x"
            unknown match key           | {"routes":[{"name":"a","match":{"acount":["1"]},"drop":true}]}           | route "a": match.acount is not a match key
            no destination              | {"routes":[{"name":"a","match":{"account":["1"]}}]}                      | route "a" has no destination
            a URL instead of a variable | {"routes":[{"name":"a","match":{"account":["1"]},"slack":{"webhook":"https://hooks.slack.com/x"}}]} | names the variable that holds the URL
            both webhook and channel    | {"routes":[{"name":"a","match":{"account":["1"]},"slack":{"webhook":"A","channel":"C0123456"}}]} | exactly one of
            a short account id          | {"routes":[],"accounts":{"1234":{"name":"x"}}}                            | accounts.1234: an account id is 12 digits
            unknown account key         | {"routes":[],"accounts":{"111122223333":{"nmae":"x"}}}                    | accounts.111122223333: unknown key "nmae"
            on call by schedule name    | {"routes":[{"name":"a","match":{"account":["1"]},"drop":true,"oncall":["Payments primary"]}]} | route "a": oncall lists PagerDuty schedule ids such as PABC123
            an empty schedule id        | {"routes":[],"default":{"slack":{"channel":"C0123456"},"oncall":[""]}}    | "default": oncall lists PagerDuty schedule ids
            on call not a list          | {"routes":[{"name":"a","match":{"account":["1"]},"drop":true,"oncall":{"id":"P1"}}]} | route "a".oncall must be a string or a list of strings
            a name used twice           | {"routes":[{"name":"a","match":{"account":["1"]},"drop":true},{"name":"a","match":{"account":["2"]},"drop":true}]} | the name is used twice
            """)
    void anInvalidDocumentIsNamedPrecisely(String kind, String document, String message) {
        RoutesException e = assertThrows(RoutesException.class, () -> Routes.parse(document), kind);
        assertTrue(e.getMessage().contains(message), kind + ": " + e.getMessage());
    }

    @Test
    void aSecretVariableThatIsNotSetIsNamedWithItsRoute() {
        Map<String, String> env = Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X",
                "SLACK_WEBHOOK_URL_PAYMENTS_PARAMETER", "/alert-relay/payments", "PAGERDUTY_ROUTING_KEY_PAYMENTS", "k",
                "SLACK_WEBHOOK_URL_SEARCH", "u", "SLACK_WEBHOOK_URL_PLATFORM", "u");
        RoutesException e = assertThrows(RoutesException.class, () -> EXAMPLE.requireSecrets(env::get));
        assertEquals("route \"platform-edge\": pagerduty.routingKey names PAGERDUTY_ROUTING_KEY_EDGE, but none of"
                + " PAGERDUTY_ROUTING_KEY_EDGE, PAGERDUTY_ROUTING_KEY_EDGE_ENCRYPTED or PAGERDUTY_ROUTING_KEY_EDGE_PARAMETER is set (nor ROUTE_SECRETS_PATH, under which it would be an SSM parameter)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            payments-*, payments-api, true
            payments-*, payment-api, false
            *-prod, checkout-prod, true
            *, anything, true
            a*b*c, aXXbYYc, true
            a*b*c, aXXbYY, false
            exact, exact, true
            exact, exactly, false
            """)
    void patternsUseStarAsTheOnlyWildcard(String pattern, String value, boolean matches) {
        assertEquals(matches, Glob.matches(pattern, value));
    }

    @Test
    void aPatternOfManyStarsAgainstALongNameEnds() {
        assertFalse(Glob.matches("*a*a*a*a*a*a*a*b", "a".repeat(5_000)));
    }

    @Test
    void accountsAreNamedAndUnknownOnesAreNot() {
        Routes.Account payments = EXAMPLE.account("999988887777");
        assertEquals("prod-payments (999988887777)", payments.label());
        assertEquals("prod", payments.environment());
        assertEquals("PaymentsOnCall", payments.role());
        assertEquals(null, EXAMPLE.account("123456789012"));
    }

    @Test
    void consoleLinksOpenThroughTheAccessPortalInTheRightAccountAndRole() {
        AccessPortal portal = AccessPortal.fromEnvironment(Map.of("ACCESS_PORTAL_URL", "https://d-1234567890.awsapps.com/start/",
                "ACCESS_PORTAL_ROLE", "ReadOnly")::get);
        String console = "https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/a-b";
        assertEquals("https://d-1234567890.awsapps.com/start/#/console?account_id=999988887777&role_name=PaymentsOnCall&destination="
                        + "https%3A%2F%2Feu-west-1.console.aws.amazon.com%2Fcloudwatch%2Fhome%3Fregion%3Deu-west-1%23alarmsV2%3Aalarm%2Fa-b",
                portal.link(console, "999988887777", EXAMPLE.account("999988887777")));
        assertTrue(portal.link(console, "123456789012", null).contains("role_name=ReadOnly"), "the default permission set");
        assertEquals("https://example.com/x", portal.link("https://example.com/x", "999988887777", null), "not a console link");
        assertEquals(console, AccessPortal.NONE.link(console, "999988887777", null), "no portal: unchanged");
        assertThrows(IllegalArgumentException.class, () -> AccessPortal.fromEnvironment(Map.of("ACCESS_PORTAL_URL", "d-123.awsapps.com")::get));
    }

    @Test
    void aRouteThatNamesTagsNeverCatchesKindsWithoutTags() {
        assertEquals(List.of("default"), EXAMPLE.route(new RouteFacts(RouteFacts.Kind.ECS_STOP, Map.of("account", "999988887777",
                "region", "us-east-1", "cluster", "staging", "service", "search-api", "category", "crashed"), Map::of)).routes(),
                "the search route names tags and a region: a us-east-1 task stop is not search's");
    }

    @Test
    void theDefaultServesEachChannelNoMatchingRouteNames() {
        Routes routes = Routes.parse("""
                {"routes":[{"name":"team","match":{"alarmName":["team-*"]},"slack":{"channel":"C0TEAM01"}}],
                 "default":{"pagerduty":{"routingKey":"PAGERDUTY_ROUTING_KEY"},"slack":{"channel":"C0OPS001"}}}""");
        Routes.Decision decision = routes.route(alarm("1", "r", "team-api", null, "ALARM", Map.of()));
        assertEquals(List.of(new Routes.SlackTarget(null, "C0TEAM01")), decision.slack(), "the team's channel, not the default's");
        assertEquals(List.of("PAGERDUTY_ROUTING_KEY"), decision.routingKeys(), "the page still goes to the default rotation");
        assertEquals(List.of("team", "default"), decision.routes());
    }
}
