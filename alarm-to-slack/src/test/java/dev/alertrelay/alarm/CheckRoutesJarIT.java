package dev.alertrelay.alarm;

import dev.alertrelay.common.testing.JarProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code java -jar alarm-to-slack.jar --check-routes routes.json}, as a platform team checks its routes before a deploy. */
class CheckRoutesJarIT {

    private static final String EXAMPLE = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."))
            .resolve("examples/routes.json").toString();

    @Test
    void theExampleRoutesAreValidWhenTheirSecretsAreSet() {
        JarProcess.Result result = JarProcess.run(Map.of("SLACK_WEBHOOK_URL", "u", "SLACK_WEBHOOK_URL_PAYMENTS_PARAMETER", "/alert-relay/p",
                "SLACK_WEBHOOK_URL_SEARCH", "u", "SLACK_WEBHOOK_URL_PLATFORM", "u", "PAGERDUTY_ROUTING_KEY_PAYMENTS", "k",
                "PAGERDUTY_ROUTING_KEY_EDGE_ENCRYPTED", "AQIC"), null, "--check-routes", EXAMPLE);
        assertEquals(0, result.exitCode(), result.all());
        assertTrue(result.stdout().contains("routes ok: 4 route(s): dev-accounts-quiet (drop), payments, search, platform-edge"), result.stdout());
    }

    @Test
    void aSecretVariableThatIsNotSetIsNamedWithItsRouteAndExits2() {
        JarProcess.Result result = JarProcess.run(Map.of(), null, "--check-routes", EXAMPLE);
        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("route \"payments\": slack.webhook names SLACK_WEBHOOK_URL_PAYMENTS, but none of"), result.stderr());
    }

    @Test
    void anUnknownKeyIsNamedWithItsRouteAndExits2() {
        JarProcess.Result result = JarProcess.run(Map.of(), "{\"routes\":[{\"name\":\"db\",\"match\":{\"clustr\":[\"prod\"]},\"drop\":true}]}",
                "--check-routes", "-");
        assertEquals(2, result.exitCode(), result.all());
        assertTrue(result.stderr().contains("route \"db\": match.clustr is not a match key"), result.stderr());
    }
}
