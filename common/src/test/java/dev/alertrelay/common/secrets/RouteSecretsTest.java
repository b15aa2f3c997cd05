package dev.alertrelay.common.secrets;

import dev.alertrelay.common.http.Deadline;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A route's secret: its variables as for any secret, else an SSM parameter under ROUTE_SECRETS_PATH. */
class RouteSecretsTest {

    private final List<String> ssmReads = new ArrayList<>();
    private final SecretSource ssm = (variable, reference, deadline) -> {
        ssmReads.add(reference);
        return "https://hooks.slack.com/services/T0/B0/from-ssm";
    };
    private final SecretSource kms = (variable, reference, deadline) -> "from-kms";

    private SecretResolver resolver(Map<String, String> env) {
        return new SecretResolver(env::get, System::nanoTime, kms, ssm);
    }

    @Test
    void aRouteSecretWithoutAVariableIsTheParameterUnderThePath() {
        Secret secret = resolver(Map.of("ROUTE_SECRETS_PATH", "/alert-relay")).routeSecret("SLACK_WEBHOOK_URL_PAYMENTS");
        assertEquals("https://hooks.slack.com/services/T0/B0/from-ssm", secret.value(Deadline.in(1_000)));
        assertEquals(List.of("/alert-relay/SLACK_WEBHOOK_URL_PAYMENTS"), ssmReads);
    }

    @Test
    void aVariableWinsOverThePath() {
        Secret secret = resolver(Map.of("ROUTE_SECRETS_PATH", "/alert-relay/", "SLACK_WEBHOOK_URL_PAYMENTS", "https://plain"))
                .routeSecret("SLACK_WEBHOOK_URL_PAYMENTS");
        assertEquals("https://plain", secret.value(Deadline.in(1_000)));
        assertEquals(List.of(), ssmReads);
    }
}
