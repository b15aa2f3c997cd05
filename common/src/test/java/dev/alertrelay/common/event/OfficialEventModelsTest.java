package dev.alertrelay.common.event;

import com.amazonaws.services.lambda.runtime.events.CloudWatchCompositeAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import com.amazonaws.services.lambda.runtime.events.CloudWatchMetricAlarmEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.alertrelay.common.testing.EventFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample in {@code events/} that has an official model in aws-lambda-java-events loads into it with
 * aws-lambda-java-tests' EventLoader (the runtime's own serialisation), so the samples are the shapes Lambda delivers.
 * The handlers still read the raw stream: the models drop fields the messages need (the alarm's {@code reasonData}
 * arrives as a string the models do not parse, SNS message attributes, unknown ECS fields).
 */
class OfficialEventModelsTest {

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(EventFiles.dir())) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(".decoded.json")).sorted().toList().stream();
        }
    }

    /** The official model of a sample's shape, or null. */
    private static Class<?> modelOf(String text) {
        if (text.contains("\"x-slack-signature\"")) {
            // A Lambda function URL request: payload format 2.0, the model of an HTTP API's request.
            return APIGatewayV2HTTPEvent.class;
        }
        if (text.contains("\"aws:sqs\"")) {
            return SQSEvent.class;
        }
        if (text.contains("\"Records\"")) {
            return SNSEvent.class;
        }
        if (text.contains("\"awslogs\"")) {
            return CloudWatchLogsEvent.class;
        }
        if (text.contains("\"alarmData\"")) {
            return text.contains("\"alarmRule\"") ? CloudWatchCompositeAlarmEvent.class : CloudWatchMetricAlarmEvent.class;
        }
        return text.contains("\"detail-type\"") ? ScheduledEvent.class : null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleLoadsIntoTheOfficialModelOfItsShape(String sample) {
        String path = EventFiles.dir().resolve(sample).toString();
        Class<?> model = modelOf(EventFiles.text(sample));
        assertNotNull(model, sample + " has a shape without an official model");
        if (model == APIGatewayV2HTTPEvent.class) {
            APIGatewayV2HTTPEvent request = EventLoader.loadApiGatewayHttpEvent(path);
            assertEquals("POST", request.getRequestContext().getHttp().getMethod(), sample);
            assertTrue(request.getIsBase64Encoded() && request.getHeaders().containsKey("x-slack-request-timestamp"), sample);
        } else if (model == SNSEvent.class) {
            EventLoader.loadSNSEvent(path).getRecords().forEach(record -> assertNotNull(record.getSNS().getTopicArn(), sample));
        } else if (model == SQSEvent.class) {
            SQSEvent event = EventLoader.loadSQSEvent(path);
            assertFalse(event.getRecords().isEmpty(), sample);
            event.getRecords().forEach(message -> assertNotNull(message.getBody(), sample));
        } else if (model == CloudWatchLogsEvent.class) {
            assertNotNull(EventLoader.loadCloudWatchLogsEvent(path).getAwsLogs().getData(), sample);
        } else if (model == CloudWatchCompositeAlarmEvent.class) {
            assertNotNull(EventLoader.loadCloudWatchCompositeAlarmEvent(path).getAlarmData().getAlarmName(), sample);
        } else if (model == CloudWatchMetricAlarmEvent.class) {
            assertNotNull(EventLoader.loadCloudWatchMetricAlarmEvent(path).getAlarmData().getAlarmName(), sample);
        } else {
            ScheduledEvent event = EventLoader.loadScheduledEvent(path);
            assertNotNull(event.getDetailType(), sample);
            assertTrue(event.getDetail() != null && !event.getDetail().isEmpty(), sample);
        }
    }
}
