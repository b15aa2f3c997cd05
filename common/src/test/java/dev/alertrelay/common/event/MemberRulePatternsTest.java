package dev.alertrelay.common.event;

import com.google.gson.Gson;
import dev.alertrelay.common.testing.EventFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import software.amazon.event.ruler.Ruler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The member template's rules ({@code member-account.yaml}) forward exactly what the central functions read: matched
 * against the samples in {@code events/} with Event Ruler, the open-source matcher behind EventBridge (moto's
 * TestEventPattern answers with an empty body, so it cannot tell). Routine task stops are forwarded like any other
 * stop, as the central stack's own rule does: ecs-task-stopped decides what is routine (NOTIFY_CATEGORIES may ask for
 * them). The organization bus's rules in {@code template.yaml} have the same patterns, so nothing forwarded is dropped.
 */
class MemberRulePatternsTest {

    private static final Path ROOT = EventFiles.dir().getParent();
    private static final Map<String, Object> MEMBER = load("member-account.yaml");
    private static final Map<String, Object> CENTRAL = load("template.yaml");

    private static final Map<String, Boolean> EVERY_CLUSTER = Map.of("EcsHasClusterArns", false);

    static Stream<String> alarmStateChanges() {
        return Stream.of("alarm-eventbridge-state-change.json", "alarm-eventbridge-composite.json",
                "alarm-eventbridge-envelope-alarmdata.json");
    }

    static Stream<String> stoppedTasks() {
        return Stream.of("ecs-completed-standalone.json", "ecs-crashed-exit-zero-service.json", "ecs-crashed-service.json",
                "ecs-failed-container-health-checks.json", "ecs-failed-elb-health-checks.json",
                "ecs-failed-to-start-image-pull.json", "ecs-failed-to-start-secrets.json",
                "ecs-infrastructure-host-terminated.json", "ecs-infrastructure-maintenance.json", "ecs-many-containers.json",
                "ecs-no-exit-codes.json", "ecs-out-of-memory.json", "ecs-routine-deployment.json",
                "ecs-routine-user-stop.json", "ecs-spot-interruption.json", "ecs-unknown-fields.json", "ecs-unknown.json");
    }

    /** Every sample that is neither an alarm state change nor a stopped task on the default bus. */
    static Stream<String> everyOtherSample() throws IOException {
        Set<String> forwarded = Set.copyOf(Stream.concat(alarmStateChanges(), stoppedTasks()).toList());
        try (Stream<Path> files = Files.list(EventFiles.dir())) {
            List<String> others = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !forwarded.contains(name)).sorted().toList();
            assertTrue(others.size() > 50, "found only " + others.size() + " other samples in " + EventFiles.dir());
            return others.stream();
        }
    }

    @Test
    void theMemberTemplateHasOneRuleForAlarmsAndOneForTaskStops() {
        assertEquals(Set.of("AlarmStateChangeRule", "EcsTaskStoppedRule"), rules(MEMBER).keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alarmStateChanges")
    void everyAlarmStateChangeIsForwarded(String sample) {
        assertEquals(List.of("AlarmStateChangeRule"), memberRulesMatching(sample, EVERY_CLUSTER, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stoppedTasks")
    void everyStoppedTaskIsForwardedRoutineOnesToo(String sample) {
        assertEquals(List.of("EcsTaskStoppedRule"), memberRulesMatching(sample, EVERY_CLUSTER, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ecs-not-stopped.json", "alarm-eventbridge-configuration-change.json",
            "alarm-action-lambda.json", "ecs-sns-wrapped-crashed.json", "alarm-sns-alb-healthyhostcount.json",
            "alarm-sqs-storm.json", "ecs-sqs-single-stop.json", "logs-subscription-plain.json"})
    void aRunningTaskAConfigurationChangeAndWrappedOrDirectDeliveriesAreNotForwarded(String sample) {
        assertEquals(List.of(), memberRulesMatching(sample, EVERY_CLUSTER, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyOtherSample")
    void noOtherSampleIsForwarded(String sample) {
        assertEquals(List.of(), memberRulesMatching(sample, EVERY_CLUSTER, Map.of()));
    }

    @Test
    void withClusterArnsOnlyThoseClustersStopsAreForwarded() {
        Map<String, Boolean> someClusters = Map.of("EcsHasClusterArns", true);
        Map<String, Object> prod = Map.of("EcsClusterArns", List.of("arn:aws:ecs:eu-west-1:123456789012:cluster/prod"));
        assertEquals(List.of("EcsTaskStoppedRule"), memberRulesMatching("ecs-crashed-service.json", someClusters, prod));
        assertEquals(List.of(), memberRulesMatching("ecs-completed-standalone.json", someClusters, prod));
    }

    @Test
    void theOrganizationBusDeliversEverythingTheMembersForward() {
        Map<String, Object> central = rules(CENTRAL);
        Map<String, Object> member = rules(MEMBER);
        assertEquals(pattern(member.get("AlarmStateChangeRule"), EVERY_CLUSTER, Map.of()),
                pattern(central.get("OrganizationAlarmStateChangeRule"), Map.of(), Map.of()));
        assertEquals(pattern(member.get("EcsTaskStoppedRule"), EVERY_CLUSTER, Map.of()),
                pattern(central.get("OrganizationEcsTaskStoppedRule"), Map.of(), Map.of()));
    }

    private static List<String> memberRulesMatching(String sample, Map<String, Boolean> conditions, Map<String, Object> parameters) {
        String event = EventFiles.text(sample);
        List<String> matching = new ArrayList<>();
        rules(MEMBER).forEach((name, rule) -> {
            try {
                if (Ruler.matchesRule(event, pattern(rule, conditions, parameters))) {
                    matching.add(name);
                }
            } catch (Exception e) {
                throw new AssertionError(name + " on " + sample + ": " + e, e);
            }
        });
        return matching;
    }

    /** The template's AWS::Events::Rule resources by logical name, in template order. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> rules(Map<String, Object> template) {
        Map<String, Object> rules = new LinkedHashMap<>();
        ((Map<String, Object>) template.get("Resources")).forEach((name, resource) -> {
            if ("AWS::Events::Rule".equals(((Map<String, Object>) resource).get("Type"))) {
                rules.put(name, resource);
            }
        });
        return rules;
    }

    /** A rule's EventPattern as EventBridge receives it, with the given conditions and parameter values, as JSON. */
    @SuppressWarnings("unchecked")
    private static String pattern(Object rule, Map<String, Boolean> conditions, Map<String, Object> parameters) {
        Object pattern = ((Map<String, Object>) ((Map<String, Object>) rule).get("Properties")).get("EventPattern");
        return new Gson().toJson(resolve(pattern, conditions, parameters));
    }

    private static final Object NO_VALUE = new Object();

    /** Fn::If, Ref to a parameter and AWS::NoValue resolved; any other intrinsic in a pattern fails the test. */
    @SuppressWarnings("unchecked")
    private static Object resolve(Object node, Map<String, Boolean> conditions, Map<String, Object> parameters) {
        if (node instanceof List<?> list) {
            return list.stream().map(item -> resolve(item, conditions, parameters)).filter(item -> item != NO_VALUE).toList();
        }
        if (!(node instanceof Map<?, ?>)) {
            return node;
        }
        Map<String, Object> map = (Map<String, Object>) node;
        if (map.size() == 1 && map.containsKey("Fn::If")) {
            List<Object> branches = (List<Object>) map.get("Fn::If");
            Boolean holds = conditions.get((String) branches.get(0));
            if (holds == null) {
                throw new AssertionError("the test gives no value for condition " + branches.get(0));
            }
            return resolve(branches.get(holds ? 1 : 2), conditions, parameters);
        }
        if (map.size() == 1 && map.containsKey("Ref")) {
            Object name = map.get("Ref");
            if ("AWS::NoValue".equals(name)) {
                return NO_VALUE;
            }
            if (!parameters.containsKey(name)) {
                throw new AssertionError("the test gives no value for parameter " + name);
            }
            return parameters.get(name);
        }
        if (map.keySet().stream().anyMatch(key -> key.startsWith("Fn::"))) {
            throw new AssertionError("an event pattern with " + map.keySet() + ", which this test cannot evaluate");
        }
        Map<String, Object> resolved = new TreeMap<>();
        map.forEach((key, value) -> {
            Object result = resolve(value, conditions, parameters);
            if (result != NO_VALUE) {
                resolved.put(key, result);
            }
        });
        return resolved;
    }

    private static Map<String, Object> load(String template) {
        try {
            return new Yaml(new ShortFormTags()).load(Files.readString(ROOT.resolve(template), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CloudFormation's short-form tags as their long form: {@code !Ref X} is {@code {Ref: X}}, {@code !If [...]} {@code {Fn::If: [...]}}. */
    private static final class ShortFormTags extends SafeConstructor {
        ShortFormTags() {
            super(new LoaderOptions());
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue().substring(1);
                    Object value = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> throw new IllegalStateException("unexpected YAML node " + node);
                    };
                    return Map.of(tag.equals("Ref") ? "Ref" : "Fn::" + tag, value);
                }
            });
        }
    }
}
