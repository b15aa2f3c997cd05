package dev.alertrelay.slack.thread;

import dev.alertrelay.slack.testing.ThreadTables;
import dev.alertrelay.common.aws.AwsClients;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.testing.YieldingClock;
import dev.alertrelay.common.http.DeliveryException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.slack.Blocks;
import dev.alertrelay.slack.Mrkdwn;
import dev.alertrelay.slack.SlackMessage;
import dev.alertrelay.slack.api.SlackWebApi;
import dev.alertrelay.common.testing.MotoServer;
import dev.alertrelay.common.testing.SlackWebApiStandIn;
import dev.alertrelay.common.testing.TestSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Thread records in DynamoDB (moto): conditional writes are what keep racing invocations to one thread. */
class DynamoDbThreadStoreTest {

    private static final String TABLE = "alert-relay-alarm-state";
    private static MotoServer moto;
    private static DynamoDbClient client;

    @BeforeAll
    static void startMoto() {
        moto = MotoServer.start();
        ThreadTables.create(moto, TABLE);
        Map<String, String> env = moto.awsEnvironment();
        client = AwsClients.configured(DynamoDbClient.builder(), env::get).endpointOverride(URI.create(moto.endpoint()))
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"))
                .build();
    }

    @AfterAll
    static void stopMoto() {
        client.close();
        moto.close();
    }

    private static DynamoDbThreadStore store() {
        return new DynamoDbThreadStore(TABLE, () -> client);
    }

    @Test
    void aRecordReadsBackAsWrittenWithItsVersionCounted() {
        String id = "alarm|" + UUID.randomUUID();
        ThreadRecord record = new ThreadRecord(id, 0, ThreadRecord.Status.OPEN, "C0123", "1764558000.000001",
                Instant.parse("2026-11-21T03:05:00Z"), "ALARM", Instant.parse("2026-11-21T03:05:00Z"),
                List.of("ALARM@2026-11-21T03:05:00Z"), Map.of("OK@x", 1_700_000_000_000L), Map.of("alarm", "checkout \u65e5\u672c"));

        assertTrue(store().write(record, 0, 1_800_000_000L, Deadline.in(10_000)));
        ThreadRecord read = store().read(id, Deadline.in(10_000)).orElseThrow();

        assertEquals(record.withVersion(1), read);
    }

    @Test
    void whoActedTheTopMessageAndWhatAPageSendsReadBackAsWritten() {
        Instant at = Instant.parse("2026-11-21T03:07:12.345Z");
        IncidentSpec incident = new IncidentSpec("alarm", "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout", "checkout \u65e5\u672c",
                "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:checkout", "critical", null, "payments",
                "https://console.aws.amazon.com/cloudwatch/home?a=1&b=2", "Alarm", "PAGERDUTY_KEY_PAYMENTS");
        String top = Json.toJson(SlackMessage.builder().text("ALARM: <!channel> & \"checkout\"").color(SlackMessage.COLOR_DANGER)
                .attachmentBlock(Blocks.section(Mrkdwn.text("reason \uD83D\uDD25 <https://evil|x>"))).build().toPayload());
        for (ThreadHandling handling : List.of(
                ThreadHandling.NONE.acknowledge("U0ALICE001", at).silence("U0BOB00001", at, at.plusSeconds(3600))
                        .page("U0CAROL001", at, "https://example.pagerduty.com/incidents/Q0ABCDEF"),
                ThreadHandling.NONE.silence("U0BOB00001", at, null))) {
            String id = "alarm|" + UUID.randomUUID();
            ThreadRecord record = new ThreadRecord(id, 0, ThreadRecord.Status.OPEN, "C0123", "1764558000.000001", at, "ALARM", at,
                    List.of("click|1795230450.000001|U0ALICE001|alert-relay:acknowledge"), Map.of(), Map.of("alarm", "checkout"),
                    handling.toMap(), top, incident.toMap());
            assertTrue(store().write(record, 0, 1_800_000_000L, Deadline.in(10_000)));

            ThreadRecord read = store().read(id, Deadline.in(10_000)).orElseThrow();

            assertEquals(record.withVersion(1), read);
            assertEquals(handling, read.handled());
            assertEquals(Optional.of(incident), IncidentSpec.of(read.incident()));
            assertEquals(top, Json.toJson(SlackMessage.fromPayload(Json.parseObject(read.top())).toPayload()));
        }
    }

    @Test
    void aRecordWrittenBeforeTheButtonsReadsAsNobodyHavingActed() {
        String id = "alarm|" + UUID.randomUUID();
        client.putItem(r -> r.tableName(TABLE).item(Map.of("id", AttributeValue.fromS(id), "version", AttributeValue.fromN("3"),
                "status", AttributeValue.fromS("OPEN"), "channel", AttributeValue.fromS("C0123"), "ts", AttributeValue.fromS("1764558000.000001"))));

        ThreadRecord read = store().read(id, Deadline.in(10_000)).orElseThrow();

        assertEquals(ThreadHandling.NONE, read.handled());
        assertNull(read.top());
        assertTrue(read.incident().isEmpty() && IncidentSpec.of(read.incident()).isEmpty());
        assertEquals(3, read.version());
    }

    @Test
    void aWriteAgainstAnOutdatedVersionLosesAndChangesNothing() {
        String id = "alarm|" + UUID.randomUUID();
        ThreadRecord first = ThreadRecord.empty(id).withState("ALARM", Instant.EPOCH);
        assertTrue(store().write(first, 0, 1_800_000_000L, Deadline.in(10_000)));

        assertFalse(store().write(first.withState("OK", Instant.EPOCH), 0, 1_800_000_000L, Deadline.in(10_000)));
        assertTrue(store().write(first.withState("OK", Instant.EPOCH), 1, 1_800_000_000L, Deadline.in(10_000)));
        assertFalse(store().write(first.withState("ALARM", Instant.EPOCH), 1, 1_800_000_000L, Deadline.in(10_000)));

        assertEquals("OK", store().read(id, Deadline.in(10_000)).orElseThrow().state());
    }

    @Test
    void snapStartWarmsTheDynamoDbClientWithoutCallingAws() {
        assertTrue(DynamoDbThreadStore.primeClient());
    }

    @Test
    void anAbsentRecordReadsAsNone() {
        assertTrue(store().read("alarm|never-written", Deadline.in(10_000)).isEmpty());
    }

    @Test
    void aMissingTableFailsNamingTheTableAndItsVariable() {
        DeliveryException failure = assertThrows(DeliveryException.class,
                () -> new DynamoDbThreadStore("no-such-table", () -> client).read("x", Deadline.in(10_000)));

        assertTrue(failure.getMessage().contains("no-such-table") && failure.getMessage().contains("ALARM_STATE_TABLE"),
                failure.getMessage());
    }

    @Test
    void invocationsRacingThroughDynamoDbMakeOneThread() throws Exception {
        String token = "xoxb-race";
        try (SlackWebApiStandIn slack = SlackWebApiStandIn.start(token)) {
            SlackWebApi api = SlackWebApi.create(TestSecrets.plain(SlackWebApi.TOKEN_SECRET, token),
                    Map.of(SlackWebApi.API_URL_VARIABLE, slack.apiUrl())::get, false);
            String id = "alarm|" + UUID.randomUUID();
            int invocations = 6;
            ExecutorService pool = Executors.newFixedThreadPool(invocations);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<SlackThreads.Outcome>> outcomes = new ArrayList<>();
                for (int i = 0; i < invocations; i++) {
                    SlackThreads threads = new SlackThreads(api, store());
                    outcomes.add(pool.submit(() -> {
                        start.await();
                        return threads.deliver("C0123", id, "ALARM@2026-11-21T03:05:00Z", current -> current != null && current.isOpen()
                                ? ThreadPost.reply(SlackMessage.builder().text("again").build(), null, false, "ALARM", Instant.EPOCH, Map.of())
                                : ThreadPost.start(SlackMessage.builder().text("ALARM").build(), Instant.EPOCH, "ALARM", Map.of(), null),
                                Deadline.in(20_000, YieldingClock.INSTANCE));
                    }));
                }
                start.countDown();
                List<SlackThreads.Outcome> results = new ArrayList<>();
                for (Future<SlackThreads.Outcome> outcome : outcomes) {
                    results.add(outcome.get(60, TimeUnit.SECONDS));
                }
                assertEquals(1, slack.topLevelPosts().size(), results.toString());
                assertEquals(1, slack.accepted("chat.postMessage").size(), results.toString());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
