package dev.alertrelay.ecs;

import dev.alertrelay.common.json.Json;
import dev.alertrelay.common.testing.EventFiles;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskStopParserTest {

    @Test
    void readsTheEnvelopeAndTheTaskFromASample() {
        TaskStop task = TaskStopParser.parse(Json.parseObject(EventFiles.text("ecs-crashed-service.json")));
        assertEquals("123456789012", task.account());
        assertEquals("eu-west-1", task.region());
        assertEquals("prod", task.clusterName());
        assertEquals("3f9c1a7e2b5d4c8e9a1f0b2c3d4e5f60", task.taskId());
        assertEquals("checkout", task.family());
        assertEquals("42", task.revision());
        assertEquals("checkout", task.serviceName());
        assertEquals("EssentialContainerExited", task.stopCode());
        assertEquals(Instant.parse("2026-11-21T03:05:11.942Z"), task.stoppedAt());
        assertEquals(5L, task.version());
        assertEquals(1024, task.taskMemoryMiB());
        assertEquals(2, task.containers().size());
        assertEquals(1, task.containers().get(1).exitCode());
    }

    @Test
    void missingAndNullFieldsReadAsAbsent() {
        TaskStop task = TaskStopParser.parse(Json.parseObject(
                "{\"detail\":{\"lastStatus\":\"STOPPED\",\"startedAt\":null,\"containers\":[{\"name\":\"app\",\"exitCode\":null}]}}"));
        assertTrue(task.isStopped());
        assertNull(task.startedAt());
        assertNull(task.runDuration());
        assertNull(task.clusterName());
        assertNull(task.containers().get(0).exitCode());
    }

    @Test
    void wrongTypesAndNonObjectContainersAreIgnored() {
        TaskStop task = TaskStopParser.parse(Json.parseObject(
                "{\"account\":[1],\"detail\":{\"lastStatus\":\"STOPPED\",\"version\":\"x\",\"stoppedAt\":\"yesterday\","
                        + "\"containers\":[\"app\",7,{\"name\":{\"a\":1},\"exitCode\":\"137\",\"memory\":\"512\"}]}}"));
        assertNull(task.account());
        assertNull(task.version());
        assertNull(task.stoppedAt());
        assertEquals(1, task.containers().size());
        assertNull(task.containers().get(0).name());
        assertEquals(137, task.containers().get(0).exitCode());
        assertEquals(512, task.containers().get(0).memoryLimitMiB());
    }

    @Test
    void accountRegionAndClusterFallBackToTheArns() {
        TaskStop task = TaskStopParser.parse(Json.parseObject(
                "{\"detail\":{\"taskArn\":\"arn:aws:ecs:us-east-2:111122223333:task/blue/abc123\","
                        + "\"clusterArn\":\"arn:aws:ecs:us-east-2:111122223333:cluster/blue\"}}"));
        assertEquals("111122223333", task.account());
        assertEquals("us-east-2", task.region());
        assertEquals("blue", task.clusterName());
        assertEquals("abc123", task.taskId());
    }

    @Test
    void clusterNameComesFromANewFormatTaskArnWhenTheClusterArnIsMissing() {
        TaskStop task = TaskStopParser.parse(Json.parseObject(
                "{\"detail\":{\"taskArn\":\"arn:aws:ecs:us-east-2:111122223333:task/green/abc123\"}}"));
        assertEquals("green", task.clusterName());
    }

    @Test
    void standaloneTaskHasAFamilyAndNoService() {
        TaskStop task = TaskStopParser.parse(Json.parseObject(EventFiles.text("ecs-completed-standalone.json")));
        assertNull(task.serviceName());
        assertEquals("nightly-report", task.family());
        assertEquals("12", task.revision());
    }

    @Test
    void timestampsWithAnOffsetAreRead() {
        assertEquals(Instant.parse("2026-11-21T01:05:11Z"), TaskStopParser.instant("2026-11-21T03:05:11+02:00"));
    }
}
