package dev.alertrelay.common.event;

import dev.alertrelay.common.json.InvalidEventException;
import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopesTest {

    @Test
    void aDirectEventIsItsOwnOnlyMessage() {
        List<Envelopes.Message> messages = Envelopes.unwrap(Json.parseObject(EventFiles.text("ecs-crashed-service.json")));
        assertEquals(1, messages.size());
        assertFalse(messages.get(0).wasWrapped());
        assertEquals("ECS Task State Change", Json.string(messages.get(0).json(), "detail-type"));
    }

    @Test
    void anSnsRecordYieldsTheEventPublishedToTheTopic() {
        Envelopes.Message message = Envelopes.unwrap(Json.parseObject(EventFiles.text("ecs-sns-wrapped-crashed.json"))).get(0);
        assertTrue(message.wasWrapped());
        assertEquals(Json.parseObject(EventFiles.text("ecs-crashed-service.json")), message.json());
        assertEquals("arn:aws:sns:eu-west-1:123456789012:ecs-events", message.sns().topicArn());
        assertNull(message.messageId());
    }

    @Test
    void anSqsBodyHoldingAnSnsNotificationYieldsTheSnsMessageAndKeepsTheSqsMessageId() {
        Envelopes.Message message = Envelopes.unwrap(Json.parseObject(EventFiles.text("alarm-sqs-sns-notification.json"))).get(0);
        assertEquals("9c1f6a2e-3b4d-4e5f-8a9b-0c1d2e3f4a5b", message.messageId());
        assertEquals("shop-alb-no-healthy-hosts", Json.string(message.json(), "AlarmName"));
        assertEquals("arn:aws:sns:ap-northeast-1:123456789012:alert-relay-alarms", message.sns().topicArn());
    }

    @Test
    void aPlainTextMessageHasNoJsonButKeepsItsBody() {
        Envelopes.Message message = Envelopes.unwrap(Json.parseObject(
                "{\"Records\":[{\"messageId\":\"m-1\",\"eventSource\":\"aws:sqs\",\"body\":\"disk almost full\"}]}")).get(0);
        assertNull(message.json());
        assertEquals("disk almost full", message.body());
        assertEquals("m-1", message.messageId());
    }

    @Test
    void noRecordsMeansNoMessagesAndARecordOfAnotherSourceIsInvalid() {
        assertEquals(List.of(), Envelopes.unwrap(Json.parseObject("{\"Records\":[]}")));
        assertThrows(InvalidEventException.class, () -> Envelopes.unwrap(Json.parseObject("{\"Records\":[{\"kinesis\":{}}]}")));
    }
}
