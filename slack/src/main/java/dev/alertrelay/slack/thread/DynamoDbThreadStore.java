package dev.alertrelay.slack.thread;

import dev.alertrelay.common.aws.AwsClients;
import dev.alertrelay.common.snapstart.SnapStartPriming;
import dev.alertrelay.common.aws.OnFirstUse;
import dev.alertrelay.common.http.Deadline;
import dev.alertrelay.common.http.DeliveryException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Thread records in the DynamoDB table named by {@code ALARM_STATE_TABLE}: one string partition key {@code id}, a TTL
 * attribute {@code expiresAt}. Reads are strongly consistent and every write is a conditional {@code PutItem} on the
 * record's version, so two invocations racing for the same alarm cannot both win. Calls are bounded by the
 * invocation's deadline and use the SDK's retry strategy ({@link AwsClients}).
 */
public final class DynamoDbThreadStore implements ThreadStore {

    public static final String TABLE_VARIABLE = "ALARM_STATE_TABLE";

    private final String table;
    private final Supplier<DynamoDbClient> client;

    public DynamoDbThreadStore(String table, Supplier<DynamoDbClient> client) {
        this.table = table;
        this.client = client;
    }

    /**
     * The store for {@code ALARM_STATE_TABLE}; its client is built once, on first use. It registers its own SnapStart
     * priming ({@link #primeClient}), so only an environment that keeps thread state warms a DynamoDB client.
     */
    public static DynamoDbThreadStore fromEnvironment(String table, Function<String, String> env) {
        SnapStartPriming.registerComponent(DynamoDbThreadStore::primeClient);
        return new DynamoDbThreadStore(table, OnFirstUse.of(() -> AwsClients.configured(DynamoDbClient.builder(), env).build()));
    }

    /**
     * SnapStart priming of Slack app mode: the DynamoDB client is loaded and exercised against the SDK's canned
     * responses (SdkWarmUp), calling no AWS service.
     *
     * @return true: an AWS client was primed
     */
    static boolean primeClient() {
        software.amazon.awssdk.core.warmup.SdkWarmUp.warmUp(DynamoDbClient.class);
        return true;
    }

    @Override
    public Optional<ThreadRecord> read(String id, Deadline deadline) {
        try {
            GetItemResponse response = client.get().getItem(r -> r.tableName(table).consistentRead(true)
                    .key(Map.of("id", AttributeValue.fromS(id))).overrideConfiguration(AwsClients.within(deadline)));
            return response.hasItem() && !response.item().isEmpty() ? Optional.of(fromItem(id, response.item())) : Optional.empty();
        } catch (SdkException e) {
            throw failure("read", e);
        }
    }

    @Override
    public boolean write(ThreadRecord record, long expectedVersion, long expiresAtEpochSeconds, Deadline deadline) {
        PutItemRequest.Builder put = PutItemRequest.builder().tableName(table)
                .item(toItem(record, expectedVersion + 1, expiresAtEpochSeconds))
                .overrideConfiguration(AwsClients.within(deadline));
        if (expectedVersion == 0) {
            put.conditionExpression("attribute_not_exists(#id)").expressionAttributeNames(Map.of("#id", "id"));
        } else {
            put.conditionExpression("#v = :v").expressionAttributeNames(Map.of("#v", "version"))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(expectedVersion))));
        }
        try {
            client.get().putItem(put.build());
            return true;
        } catch (ConditionalCheckFailedException anotherInvocationWroteFirst) {
            return false;
        } catch (SdkException e) {
            throw failure("write", e);
        }
    }

    /** A failed state call fails the invocation (Lambda retries it; nothing is posted twice), naming the table. */
    private DeliveryException failure(String action, SdkException e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new DeliveryException("cannot " + action + " the Slack thread state in DynamoDB table " + table + " ("
                + TABLE_VARIABLE + "): " + cause, 1);
    }

    static Map<String, AttributeValue> toItem(ThreadRecord record, long version, long expiresAtEpochSeconds) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(record.id()));
        item.put("version", AttributeValue.fromN(Long.toString(version)));
        item.put("status", AttributeValue.fromS(record.status().name()));
        putIfPresent(item, "channel", record.channel());
        putIfPresent(item, "ts", record.ts());
        putIfPresent(item, "since", record.since() == null ? null : record.since().toString());
        putIfPresent(item, "state", record.state());
        putIfPresent(item, "stateTime", record.stateTime() == null ? null : record.stateTime().toString());
        item.put("delivered", AttributeValue.fromL(record.delivered().stream().map(AttributeValue::fromS).toList()));
        Map<String, AttributeValue> claims = new LinkedHashMap<>();
        record.claims().forEach((key, until) -> claims.put(key, AttributeValue.fromN(Long.toString(until))));
        item.put("claims", AttributeValue.fromM(claims));
        item.put("facts", stringMap(record.facts()));
        item.put("handling", stringMap(record.handling()));
        item.put("incident", stringMap(record.incident()));
        putIfPresent(item, "top", record.top());
        item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAtEpochSeconds)));
        return item;
    }

    static ThreadRecord fromItem(String id, Map<String, AttributeValue> item) {
        List<String> delivered = new ArrayList<>();
        if (item.containsKey("delivered") && item.get("delivered").hasL()) {
            item.get("delivered").l().forEach(value -> {
                if (value.s() != null) {
                    delivered.add(value.s());
                }
            });
        }
        Map<String, Long> claims = new LinkedHashMap<>();
        if (item.containsKey("claims") && item.get("claims").hasM()) {
            item.get("claims").m().forEach((key, value) -> claims.put(key, parseLong(value.n())));
        }
        return new ThreadRecord(id, parseLong(string(item, "version", "n")), status(string(item, "status", "s")),
                string(item, "channel", "s"), string(item, "ts", "s"), instant(string(item, "since", "s")),
                string(item, "state", "s"), instant(string(item, "stateTime", "s")), delivered, claims,
                stringMap(item, "facts"), stringMap(item, "handling"), string(item, "top", "s"), stringMap(item, "incident"));
    }

    private static AttributeValue stringMap(Map<String, String> map) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(key, AttributeValue.fromS(value)));
        return AttributeValue.fromM(values);
    }

    /** A map of strings; a record written before the attribute existed, or anything not a string, reads as absent. */
    private static Map<String, String> stringMap(Map<String, AttributeValue> item, String name) {
        Map<String, String> map = new LinkedHashMap<>();
        if (item.containsKey(name) && item.get(name).hasM()) {
            item.get(name).m().forEach((key, value) -> {
                if (value.s() != null) {
                    map.put(key, value.s());
                }
            });
        }
        return map;
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static String string(Map<String, AttributeValue> item, String name, String type) {
        AttributeValue value = item.get(name);
        if (value == null) {
            return null;
        }
        return type.equals("n") ? value.n() : value.s();
    }

    private static long parseLong(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static ThreadRecord.Status status(String value) {
        try {
            return value == null ? ThreadRecord.Status.CLOSED : ThreadRecord.Status.valueOf(value);
        } catch (IllegalArgumentException unknown) {
            return ThreadRecord.Status.CLOSED;
        }
    }

    private static Instant instant(String value) {
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
