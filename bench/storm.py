#!/usr/bin/env python3
"""Storms (issue 20): many alarms at once, and an error storm across many log groups, driven through the shaded jars
the way Lambda would drive them, against stand-ins that enforce Slack's and PagerDuty's documented rate limits.

    python3.11 bench/storm.py [--quick | --full] [--checkout DIR] [--only REGEX] [--batch-size B] [--window W] [--concurrency C]

Scenarios (one table, baseline beside the proposal, as the other benchmarks print them). By default: 40 alarms direct,
40 and 200 through the queue (the template's window, and 0), a lone alarm, and the logs storm with the template's reserved
concurrency, about 2 minutes; --full adds the baselines that take minutes (200 alarms direct, the logs storm unreserved);
--quick runs 40 alarms and a 10 x 200 logs storm, both ways.
  alarms N direct   today's wiring: SNS invokes alarm-to-slack once per alarm, all at once (one cold container each);
                    a failed invocation is retried by Lambda 60 s later, then 120 s after that (async, 2 retries),
                    then lands in the failure queue: lost to the channel.
  alarms N queue    SNS -> SQS -> event source mapping: batching window W, batch size B, MaximumConcurrency C, warm
                    containers reused, ReportBatchItemFailures: the named messages become visible again after the
                    queue's visibility timeout (ApproximateReceiveCount + 1); maxReceiveCount receives -> dead letter.
  alarm 1 queue     a lone alarm through the queue (target: visible within the window plus one second).
  logs G x L        G log groups x L error lines within a minute, CloudWatch Logs invoking logs-error-to-pagerduty
                    asynchronously once per 50-line batch per log group; "unreserved" is Lambda's default (a container
                    per concurrent batch), "reserved R" caps the function at R concurrent containers: the rest are
                    throttled and retried by Lambda's own async queue (1 s, doubling, at most 5 min apart, up to 6 h).

Stand-ins (loopback, threaded, standard library): a Slack incoming webhook with a token bucket of 3 messages refilled
at 1 per second (429 with Retry-After in whole seconds beyond it), recording every accepted message; the PagerDuty
Events API v2 with a bucket of 4 events refilled at 120 per minute per routing key (429 beyond it, no Retry-After:
PagerDuty documents none), opening one incident per dedup_key.

How Lambda is modelled:
  - A container is one JVM (`-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m`: Lambda's flag, the collector the JVM
    picks on one vCPU, a quarter of 512 MB) running a small harness on the shaded jar: it constructs the handler the
    manifest names (Lambda's init), then takes events one by one (invocations) with a Context whose deadline is the
    template's Timeout. An invocation still running at the Timeout is killed with its container, as Lambda does.
    Containers are booted before they are needed (Lambda's init phase is not in the times), a free warm container is
    reused before a new one is started, so pacing and duplicate memory inside a container work as in Lambda.
  - Time: everything is timed on one clock that skips ahead whenever nothing runs (no invocation in flight): Lambda's
    60 s / 120 s retry delays, throttle back-offs and the queue's visibility timeout pass at once but count in full,
    and the stand-ins' buckets refill over the skipped time as they would have. So every figure is as-if-real.
  - This machine's cores are shared by all containers (Lambda gives each its own): N simultaneous direct invocations
    reach Slack over a longer spread here than in AWS, which if anything flatters the direct path.

Per scenario: delivered (alarms visible in an accepted Slack message: named, or counted in a storm message's total),
lost, shown twice, invocations, failed invocations, 429s, time from the storm's start until the last alarm was
visible, and messages in the channel. For logs: distinct errors, incidents opened, errors without an incident (lost),
duplicate incidents, events accepted, 429s, the most events accepted in any 60 s, batches left in the failure queue,
and the time until the last distinct error had its incident. Exit status 1 if a run misses the issue's targets
(alarms: 0 lost, 0 shown twice, 0 invocations failed, all visible within 60 s; logs: 0 lost, 0 duplicate incidents,
no batch in the failure queue) for a row marked "target", 2 on a usage error (missing jars: build them with
`./mvnw -q -B -ntp -DskipTests package`). Standard library only; its temporary directory is removed.
"""
import argparse
import base64
import copy
import heapq
import http.server
import itertools
import json
import math
import os
import queue
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ left in bench/
import make_log_batch  # noqa: E402

SLACK_JAR, LOGS_JAR = "alarm-to-slack/target/alarm-to-slack.jar", "logs-error-to-pagerduty/target/logs-error-to-pagerduty.jar"
ALARM_SAMPLE = "events/alarm-sns-alb-healthyhostcount.json"
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"]
ACCOUNT, REGION = "123456789012", "ap-northeast-1"
TOPIC = "arn:aws:sns:%s:%s:alert-relay-alarms" % (REGION, ACCOUNT)
QUEUE_ARN = "arn:aws:sqs:%s:%s:alert-relay-alarm-queue" % (REGION, ACCOUNT)
ROUTING_KEY = "R0UT1NGKEYR0UT1NGKEYR0UT1NGKEY01"
ASYNC_RETRY_DELAYS = (60, 120)  # Lambda async invocation: MaximumRetryAttempts 2, about a minute then two
THROTTLE_BACKOFF_MAX = 300  # "from 1 second after the first attempt to a maximum of 5 minutes"

HARNESS = r"""
import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** One Lambda container: init (the handler), then one invocation per line of base64 on stdin; results on stdout. */
public final class StormContainer {
    public static void main(String[] args) throws Exception {
        String handlerClass = args[0];
        long timeoutMillis = Long.parseLong(args[1]);
        String functionName = args[2];
        System.setProperty("alertrelay.functionName", functionName);
        PrintStream results = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err);
        RequestStreamHandler handler;
        try {
            handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        } catch (Throwable e) {
            results.println("INIT-FAILED " + e);
            return;
        }
        results.println("READY");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            byte[] event = Base64.getDecoder().decode(line.strip());
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            String status = "OK";
            try {
                handler.handleRequest(new ByteArrayInputStream(event), response, new Invocation(functionName, timeoutMillis));
            } catch (Throwable e) {
                status = "FAILED";
                System.err.println("storm: the handler failed: " + e);
            }
            results.println(status + " " + Base64.getEncoder().encodeToString(response.toByteArray()));
        }
    }

    private static final class Invocation implements Context {
        private final String functionName;
        private final long deadline;

        Invocation(String functionName, long timeoutMillis) {
            this.functionName = functionName;
            this.deadline = System.currentTimeMillis() + timeoutMillis;
        }

        @Override public String getAwsRequestId() { return java.util.UUID.randomUUID().toString(); }
        @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
        @Override public String getLogStreamName() { return "storm"; }
        @Override public String getFunctionName() { return functionName; }
        @Override public String getFunctionVersion() { return "1"; }
        @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:ap-northeast-1:123456789012:function:" + functionName; }
        @Override public CognitoIdentity getIdentity() { return null; }
        @Override public ClientContext getClientContext() { return null; }
        @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadline - System.currentTimeMillis()); }
        @Override public int getMemoryLimitInMB() { return 512; }
        @Override public LambdaLogger getLogger() {
            return new LambdaLogger() {
                @Override public void log(String message) { System.err.println(message); }
                @Override public void log(byte[] message) { System.err.println(new String(message, StandardCharsets.UTF_8)); }
            };
        }
    }
}
"""


# ------------------------------------------------------------------------------------------------ time and events

class Clock:
    """Seconds since the scenario started, real time plus every idle stretch skipped."""

    def __init__(self):
        self.start, self.skipped, self.lock = time.monotonic(), 0.0, threading.Lock()

    def now(self):
        with self.lock:
            return time.monotonic() - self.start + self.skipped

    def skip(self, seconds):
        with self.lock:
            self.skipped += max(0.0, seconds)


class Scheduler:
    """Timed actions and invocation completions, all run on the driver's thread; idle time is skipped."""

    def __init__(self, clock):
        self.clock, self.actions, self.done, self.inflight, self.seq = clock, [], queue.Queue(), 0, itertools.count()

    def at(self, when, action):
        heapq.heappush(self.actions, (when, next(self.seq), action))

    def start(self, work, then):
        """Runs work() on a thread; then(result) on the driver's thread."""
        self.inflight += 1

        def run():
            try:
                result = work()
            except Exception as e:  # a driver bug must not hang the run
                result = e
            self.done.put((then, result))
        threading.Thread(target=run, daemon=True).start()

    def run(self, limit):
        while self.actions or self.inflight:
            now = self.clock.now()
            if now > limit:
                raise RuntimeError("scenario still running after %.0f s (model time)" % limit)
            if self.actions and self.actions[0][0] <= now:
                heapq.heappop(self.actions)[2]()
                continue
            if not self.inflight:
                self.clock.skip(self.actions[0][0] - now)
                continue
            try:
                then, result = self.done.get(timeout=max(0.0, self.actions[0][0] - now) if self.actions else 1.0)
            except queue.Empty:
                continue
            self.inflight -= 1
            if isinstance(result, Exception):
                raise result
            then(result)


# ------------------------------------------------------------------------------------------------ stand-ins

class TokenBucket:
    def __init__(self, clock, burst, per_second):
        self.clock, self.burst, self.rate = clock, burst, per_second
        self.tokens, self.updated = float(burst), clock.now()

    def take(self):
        """(True, 0) or (False, seconds until a token)."""
        now = self.clock.now()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True, 0.0
        return False, (1 - self.tokens) / self.rate


class StandIn:
    """A loopback HTTP server whose handle(path, body) -> (status, content type, body, headers)."""

    def __init__(self, clock):
        self.clock, self.lock, self.refused, self.hung_up = clock, threading.Lock(), 0, 0
        stand_in = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with stand_in.lock:
                    status, kind, payload, headers = stand_in.handle(self.path, body)
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                with stand_in.lock:  # a client that hung up: its invocation timed out or was killed at the Timeout
                    stand_in.hung_up += 1

        self.server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def port(self):
        return self.server.server_address[1]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SlackWebhook(StandIn):
    """About 1 message per second per webhook, short bursts allowed (FACTS.md); 429 + Retry-After beyond it."""

    def __init__(self, clock):
        super().__init__(clock)
        self.bucket, self.accepted = TokenBucket(clock, 3, 1.0), []

    def handle(self, path, body):
        ok, wait = self.bucket.take()
        if not ok:
            self.refused += 1
            return 429, "text/plain", b"rate_limited", {"Retry-After": str(max(1, math.ceil(wait)))}
        container = urllib.parse.parse_qs(urllib.parse.urlparse(path).query).get("c", [""])[0]
        self.accepted.append((self.clock.now(), container, body.decode("utf-8", "replace")))
        return 200, "text/html", b"ok", {}


class PagerDutyEvents(StandIn):
    """About 120 events per minute per routing key (FACTS.md), a burst of a few; 429 beyond it. One incident per
    dedup_key while it is open (a trigger on an open incident adds to it)."""

    def __init__(self, clock):
        super().__init__(clock)
        self.buckets, self.accepted = {}, []

    def handle(self, path, body):
        event = json.loads(body)
        bucket = self.buckets.setdefault(event.get("routing_key"), TokenBucket(self.clock, 4, 2.0))
        ok, _ = bucket.take()
        if not ok:
            self.refused += 1
            return 429, "application/json", b'{"status":"throttle event","message":"Requests for this service are arriving too quickly."}', {}
        self.accepted.append((self.clock.now(), event))
        answer = {"status": "success", "message": "Event processed", "dedup_key": event.get("dedup_key")}
        return 202, "application/json", json.dumps(answer).encode(), {}


# ------------------------------------------------------------------------------------------------ Lambda

class Containers:
    """Booted JVMs running the harness on one jar: handed out warm first, else fresh; a pool kept booted ahead."""

    def __init__(self, args, work, jar, env, timeout, log):
        self.args, self.work, self.jar, self.env, self.timeout, self.log = args, work, jar, env, timeout, log
        self.handler = manifest_handler(jar)
        self.pool, self.lock, self.ids = [], threading.Lock(), itertools.count(1)
        self.started = 0

    def boot(self):
        cid = next(self.ids)
        env = dict(os.environ, **{k: v.replace("{container}", str(cid)) for k, v in self.env.items()})
        process = subprocess.Popen(
            [self.args.java, *JVM_OPTIONS, "-cp", self.jar + os.pathsep + self.work, "StormContainer", self.handler,
             str(int(self.timeout * 1000)), env["AWS_LAMBDA_FUNCTION_NAME"]],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, env=env, text=True, bufsize=1)
        container = Container(cid, process)
        self.started += 1
        return container

    def prepare(self, count):
        """Boots count containers and waits until each has its handler (Lambda's init phase, not timed)."""
        fresh = [self.boot() for _ in range(count)]
        for container in fresh:
            container.wait_ready()
        with self.lock:
            self.pool.extend(fresh)

    def take(self):
        with self.lock:
            if self.pool:
                return self.pool.pop()
        container = self.boot()
        container.wait_ready()
        return container

    def close(self, containers=()):
        for container in list(self.pool) + list(containers):
            container.kill()


class Container:
    def __init__(self, cid, process):
        self.cid, self.process, self.alive, self.results = cid, process, True, queue.Queue()
        self.ready = threading.Event()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.process.stdout:
            if line.startswith("READY"):
                self.ready.set()
            elif line.startswith("INIT-FAILED"):
                self.results.put(("INIT-FAILED", line))
                self.ready.set()
            else:
                status, _, response = line.strip().partition(" ")
                self.results.put((status, base64.b64decode(response).decode("utf-8") if response else ""))
        self.ready.set()
        self.results.put(("DIED", ""))

    def wait_ready(self):
        if not self.ready.wait(60):
            raise RuntimeError("a container did not start within 60 s")

    def invoke(self, event, timeout):
        """(status, response): OK, FAILED (the handler threw), TIMEOUT (killed at the function's Timeout), DIED."""
        try:
            self.process.stdin.write(base64.b64encode(event).decode("ascii") + "\n")
            self.process.stdin.flush()
            status, response = self.results.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            return "TIMEOUT", ""
        except (BrokenPipeError, OSError):
            status, response = "DIED", ""
        if status != "OK" and status != "FAILED":
            self.kill()
        return status, response

    def kill(self):
        self.alive = False
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class AsyncFunction:
    """Lambda's asynchronous invocation (SNS, CloudWatch Logs): two retries of a failed invocation 60 s and 120 s
    later, then the failure destination; with reserved concurrency, throttled events wait in Lambda's queue."""

    def __init__(self, sched, containers, timeout, reserved=None, on_result=None):
        self.sched, self.containers, self.timeout, self.reserved = sched, containers, timeout, reserved
        self.on_result = on_result or (lambda *a: None)
        self.free, self.running, self.all = [], 0, []
        self.invocations = self.failed = self.throttles = 0
        self.failure_destination = []

    def invoke(self, event, tag, attempt=0, throttled=0):
        if self.reserved is not None and self.running >= self.reserved:
            self.throttles += 1
            delay = min(THROTTLE_BACKOFF_MAX, 2 ** throttled) * random.uniform(0.8, 1.0)
            self.sched.at(self.sched.clock.now() + delay, lambda: self.invoke(event, tag, attempt, throttled + 1))
            return
        self.running += 1
        self.invocations += 1
        container = self.free.pop() if self.free else None

        def work():
            target = container or self.containers.take()
            return target, target.invoke(event, self.timeout)

        def then(result):
            target, (status, response) = result
            if target not in self.all:
                self.all.append(target)
            self.running -= 1
            if target.alive:
                self.free.append(target)
            self.on_result(tag, status, response)
            if status != "OK":
                self.failed += 1
                if attempt < len(ASYNC_RETRY_DELAYS):
                    self.sched.at(self.sched.clock.now() + ASYNC_RETRY_DELAYS[attempt], lambda: self.invoke(event, tag, attempt + 1))
                else:
                    self.failure_destination.append(tag)
        self.sched.start(work, then)


class QueueMapping:
    """An SQS queue and its event source mapping: batching window, batch size, MaximumConcurrency, partial batch
    responses, visibility timeout and maxReceiveCount."""

    def __init__(self, sched, containers, timeout, batch_size, window, concurrency, visibility, max_receives, on_result):
        self.sched, self.containers, self.timeout = sched, containers, timeout
        self.batch_size, self.window, self.concurrency = batch_size, window, concurrency
        self.visibility, self.max_receives, self.on_result = visibility, max_receives, on_result
        self.messages, self.busy, self.free, self.window_start = {}, 0, [], None
        self.invocations = self.failed = self.redelivered = 0
        self.dead_letters, self.batch_sizes = [], []

    def send(self, message_id, body):
        self.messages[message_id] = {"body": body, "receives": 0, "visible_at": self.sched.clock.now(), "inflight": False,
                                     "sent": self.sched.clock.now()}
        self.poll()

    def visible(self):
        now = self.sched.clock.now()
        return [mid for mid, m in self.messages.items() if not m["inflight"] and m["visible_at"] <= now]

    def poll(self):
        while self.busy < self.concurrency:
            ready = self.visible()
            if not ready:
                self.window_start = None
                return
            now = self.sched.clock.now()
            if len(ready) < self.batch_size and self.window > 0:
                if self.window_start is None:
                    self.window_start = now
                    self.sched.at(now + self.window, self.poll)
                if now < self.window_start + self.window - 1e-9:
                    return
            self.window_start = None
            self.dispatch(ready[:self.batch_size])

    def dispatch(self, ids):
        now = self.sched.clock.now()
        records = []
        for mid in ids:
            m = self.messages[mid]
            m["inflight"], m["receives"] = True, m["receives"] + 1
            records.append({"messageId": mid, "receiptHandle": "AQEB" + mid, "body": m["body"],
                            "attributes": {"ApproximateReceiveCount": str(m["receives"]),
                                           "SentTimestamp": str(int(m["sent"] * 1000)), "SenderId": "AIDAEXAMPLE",
                                           "ApproximateFirstReceiveTimestamp": str(int(now * 1000))},
                            "messageAttributes": {}, "md5OfBody": "0" * 32, "eventSource": "aws:sqs",
                            "eventSourceARN": QUEUE_ARN, "awsRegion": REGION})
        event = json.dumps({"Records": records}).encode()
        self.busy += 1
        self.invocations += 1
        self.batch_sizes.append(len(ids))
        container = self.free.pop() if self.free else None

        def work():
            target = container or self.containers.take()
            return target, target.invoke(event, self.timeout)

        def then(result):
            target, (status, response) = result
            self.busy -= 1
            if target.alive:
                self.free.append(target)
            if status == "OK":
                failed = {item["itemIdentifier"] for item in json.loads(response or '{"batchItemFailures":[]}')["batchItemFailures"]}
            else:
                self.failed += 1
                failed = set(ids)
            self.on_result(target.cid, ids, failed, status)
            later = self.sched.clock.now() + self.visibility
            for mid in ids:
                if mid not in failed:
                    del self.messages[mid]
                elif self.messages[mid]["receives"] >= self.max_receives:
                    self.dead_letters.append(mid)
                    del self.messages[mid]
                else:
                    self.redelivered += 1
                    self.messages[mid].update(inflight=False, visible_at=later)
            if failed:
                self.sched.at(later, self.poll)
            self.poll()
        self.sched.start(work, then)


# ------------------------------------------------------------------------------------------------ template

def template_settings(root):
    """What the template says about the alarm queue path and the functions (text scan: the stdlib has no YAML)."""
    with open(os.path.join(root, "template.yaml"), encoding="utf-8") as f:
        text = f.read()
    blocks = {m.group(1): m.group(0) for m in re.finditer(r"(?m)^  (\w+):\n(?:    .*\n|[ \t]*\n)+", text)}

    def number(block, key, default):
        m = re.search(r"(?m)^\s+%s:\s*(.+)$" % key, block or "")
        if not m:
            return default
        value = m.group(1).strip()
        ref = re.match(r"!Ref\s+(\w+)", value)
        if ref:
            param = re.search(r"(?m)^  %s:\n(?:    .*\n)*?    Default:\s*'?([\d.]+)" % ref.group(1), text)
            return float(param.group(1)) if param else default
        try:
            return float(value.strip("'\""))
        except ValueError:
            return default

    globals_timeout = number(re.search(r"(?ms)^Globals:.*?(?=^\S)", text).group(0) if "Globals:" in text else "", "Timeout", 30)
    mapping = next((b for name, b in blocks.items() if re.search(r"(EventSourceArn|Queue):.*AlarmQueue", b)), None)
    alarm_fn = blocks.get("AlarmToSlackFunction", "")
    if mapping is None:  # a SAM SQS event inside the function
        m = re.search(r"(?ms)^        \w+:\n          Type: SQS\n(?:          .*\n)+", alarm_fn)
        mapping = m.group(0) if m and "AlarmQueue" in m.group(0) else None
    alarm_queue = blocks.get("AlarmQueue")
    logs_fn = blocks.get("LogsErrorToPagerDutyFunction", "")
    return {
        "alarm_timeout": number(alarm_fn, "Timeout", globals_timeout),
        "logs_timeout": number(logs_fn, "Timeout", globals_timeout),
        "batch_size": number(mapping, "BatchSize", None) if mapping else None,
        "window": number(mapping, "MaximumBatchingWindowInSeconds", None) if mapping else None,
        "concurrency": number(mapping, "MaximumConcurrency", None) if mapping else None,
        "visibility": number(alarm_queue, "VisibilityTimeout", None) if alarm_queue else None,
        "max_receives": number(alarm_queue, "maxReceiveCount", None) if alarm_queue else None,
        "logs_reserved": number(logs_fn, "ReservedConcurrentExecutions", None),
        "queue_wired": mapping is not None,
    }


def manifest_handler(jar):
    with zipfile.ZipFile(jar) as z:
        manifest = z.read("META-INF/MANIFEST.MF").decode()
    return re.search(r"(?m)^Lambda-Handler:\s*(\S+)", manifest).group(1)


# ------------------------------------------------------------------------------------------------ alarm storms

SERVICES = ["orders", "checkout", "payments", "search", "catalog", "auth", "cart", "shipping"]


def alarm_names(count):
    """Distinct names; the unique "storm-NNN-" part makes no name a substring of another."""
    return ["storm-%03d-%s-alb-no-healthy-hosts" % (i, SERVICES[i % len(SERVICES)]) for i in range(count)]


def alarm_message(sample_message, name, index):
    message = copy.deepcopy(sample_message)
    message["AlarmName"] = name
    message["AlarmArn"] = "arn:aws:cloudwatch:%s:%s:alarm:%s" % (REGION, ACCOUNT, name)
    message["StateChangeTime"] = "2026-11-21T03:05:%02d.%03d+0000" % (index % 60, index % 1000)
    return message


def sns_notification(message):
    return {"Type": "Notification", "MessageId": str(uuid.uuid4()), "TopicArn": TOPIC,
            "Subject": ("ALARM: \"%s\" in Asia Pacific (Tokyo)" % message["AlarmName"])[:100],
            "Message": json.dumps(message, separators=(",", ":")), "Timestamp": "2026-11-21T03:05:30.000Z",
            "SignatureVersion": "1", "Signature": "EXAMPLE",
            "SigningCertURL": "https://sns.%s.amazonaws.com/SimpleNotificationService-example.pem" % REGION,
            "UnsubscribeURL": "https://sns.%s.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=%s:example" % (REGION, TOPIC)}


def alarm_storm(args, root, work, settings, count, mode, window=None):
    with open(os.path.join(root, ALARM_SAMPLE), encoding="utf-8") as f:
        sample = json.load(f)
    sample_record = sample["Records"][0]
    sample_message = json.loads(sample_record["Sns"]["Message"])
    names = alarm_names(count)
    clock = Clock()
    sched = Scheduler(clock)
    slack = SlackWebhook(clock)
    timeout = settings["alarm_timeout"]
    env = {"SLACK_WEBHOOK_URL": "http://127.0.0.1:%d/services/T000/B000/XXXX?c={container}" % slack.port,
           "AWS_LAMBDA_FUNCTION_NAME": "alert-relay-AlarmToSlackFunction", "AWS_REGION": REGION}
    log = open(os.path.join(work, "alarm-%d-%s.log" % (count, mode)), "w")
    containers = Containers(args, work, os.path.join(root, SLACK_JAR), env, timeout, log)
    # which alarms each container was given, per invocation, to credit a storm message's "and N more"
    given = {}  # container id -> list of (start, end, {alarm names delivered})
    by_message = {}
    try:
        if mode == "direct":
            containers.prepare(count)
            function = AsyncFunction(sched, containers, timeout)
            for i, name in enumerate(names):
                record = copy.deepcopy(sample_record)
                notification = sns_notification(alarm_message(sample_message, name, i))
                record["Sns"].update({k: notification[k] for k in ("MessageId", "Subject", "Message")})
                event = json.dumps({"Records": [record]}).encode()
                sched.at(0.0, lambda e=event, n=name: function.invoke(e, n))
            sched.run(limit=3600)
            invocations, failed = function.invocations, function.failed
            dead = len(function.failure_destination)
            extra = "retried by Lambda: %d" % (function.invocations - count)
            started = function.all
        else:
            containers.prepare(settings["concurrency"])
            mapping_args = dict(batch_size=settings["batch_size"], window=window, concurrency=settings["concurrency"],
                                visibility=settings["visibility"], max_receives=settings["max_receives"])

            def on_result(cid, ids, failed, status):
                now = clock.now()
                given.setdefault(str(cid), []).append((now, {by_message[mid] for mid in ids if mid not in failed}))
            mapping = QueueMapping(sched, containers, timeout, on_result=on_result, **mapping_args)
            for i, name in enumerate(names):
                mid = str(uuid.uuid4())
                by_message[mid] = name
                body = json.dumps(sns_notification(alarm_message(sample_message, name, i)), separators=(",", ":"))
                sched.at(0.0, lambda m=mid, b=body: mapping.send(m, b))
            sched.run(limit=3600)
            invocations, failed, dead = mapping.invocations, mapping.failed, len(mapping.dead_letters)
            extra = "batches %s, redelivered: %d" % (summarise(mapping.batch_sizes), mapping.redelivered)
            started = mapping.free
    finally:
        containers.close(locals().get("started") or [])
        slack.close()
        log.close()
    return score_alarms(names, slack, given, mode, count, window, invocations, failed, dead, extra, containers.started)


def summarise(sizes):
    counts = {}
    for size in sizes:
        counts[size] = counts.get(size, 0) + 1
    return " ".join("%dx%d" % (n, size) if n > 1 else str(size) for size, n in sorted(counts.items(), reverse=True))


def score_alarms(names, slack, given, mode, count, window, invocations, failed, dead, extra, booted):
    pattern = re.compile(r"storm-\d{3}-[a-z]+-alb-no-healthy-hosts")
    named_in = {}  # name -> [times]
    counted_in = {}
    messages = 0
    for when, container, body in slack.accepted:
        messages += 1
        try:
            text = json.dumps(json.loads(body))
        except ValueError:
            text = body
        named = set(pattern.findall(text)) & set(names)
        for name in named:
            named_in.setdefault(name, []).append(when)
        total = re.search(r"(\d+) alarms in ALARM", text)
        if total and int(total.group(1)) > len(named) and container:
            # the storm message counts alarms it does not name ("and N more"): those its invocation delivered
            runs = [alarms for end, alarms in given.get(container, []) if end >= when]
            delivered = runs[0] if runs else set()
            unnamed = sorted(delivered - named)[: int(total.group(1)) - len(named)]
            for name in unnamed:
                counted_in.setdefault(name, []).append(when)
    visible = {name: min(named_in.get(name, []) + counted_in.get(name, [])) for name in names
               if name in named_in or name in counted_in}
    shown = {name: len(named_in.get(name, [])) + len(counted_in.get(name, [])) for name in names}
    return {
        "kind": "alarms", "scenario": "%d alarm%s, %s" % (count, "s" if count > 1 else "",
                                                           "direct (SNS -> Lambda)" if mode == "direct" else "queue, window %g s" % window),
        "alarms": count, "delivered": len(visible), "counted": len([n for n in visible if n not in named_in]),
        "lost": count - len(visible), "twice": sum(1 for n in names if shown[n] > 1),
        "invocations": invocations, "failed": failed, "dead": dead, "refused": slack.refused,
        "last": max(visible.values()) if visible else None, "messages": messages, "extra": extra, "booted": booted,
    }


# ------------------------------------------------------------------------------------------------ logs storm

ERRORS = [  # (marker, line maker): five distinct errors per log group; their variable parts fingerprint alike
    ("card declined", lambda r, t: "%s\t%s\tERROR\tPayment %d failed for order %d: card declined"
     % (t, uuid.UUID(int=r.getrandbits(128)), r.randint(1000, 99999), r.randint(10000, 99999))),
    ("Timeout after", lambda r, t: "ERROR Timeout after %d ms calling 10.0.%d.%d:8443"
     % (r.randint(3000, 30000), r.randint(0, 255), r.randint(1, 254))),
    ("Could not reserve stock", lambda r, t: json.dumps({
        "timestamp": t, "level": "ERROR", "message": "Could not reserve stock for order %d: upstream returned 503" % r.randint(1, 10**6),
        "requestId": str(uuid.UUID(int=r.getrandbits(128)))})),
    ("DataIntegrityViolationException", lambda r, t: (
        "2026-11-21 03:06:%02d,%03d [http-nio-8080-exec-%d] ERROR c.s.web.OrderController - Order %d could not be saved\n"
        "org.springframework.dao.DataIntegrityViolationException: could not execute statement\n"
        "\tat com.shop.web.OrderService.save(OrderService.java:88)") % (r.randint(0, 59), r.randint(0, 999), r.randint(1, 200), r.randint(1, 10**6))),
    ("bad amount", lambda r, t: (
        "[ERROR]\t%s\t%s\tUnhandled exception\nTraceback (most recent call last):\n  File \"/var/task/app.py\", line 42, in handler\n"
        "    process(record)\nValueError: bad amount '%d.%02d'") % (t, uuid.UUID(int=r.getrandbits(128)), -r.randint(1, 999), r.randint(0, 99))),
]


def logs_batches(groups, lines, per_batch, seed=20):
    """(time, log group, event) within a minute: each group's lines in batches of per_batch, spread evenly."""
    rng = random.Random(seed)
    out = []
    batches = max(1, lines // per_batch)
    for g in range(groups):
        group = "/ecs/%s-%02d" % (SERVICES[g % len(SERVICES)], g)
        offset = rng.uniform(0, 60.0 / batches)
        for b in range(batches):
            events = []
            for i in range(per_batch):
                # every error appears in a group's first batch, then at random
                kind = i if b == 0 and i < len(ERRORS) else rng.randrange(len(ERRORS))
                ts = "2026-11-21T03:%02d:%02d.%03dZ" % (6 + b // 10, (b * 6) % 60, i)
                events.append({"id": "%d" % (38234701234567890 + g * 100000 + b * 1000 + i),
                               "timestamp": make_log_batch.START + (b * per_batch + i) * 120,
                               "message": ERRORS[kind][1](rng, ts)})
            batch = {"messageType": "DATA_MESSAGE", "owner": ACCOUNT, "logGroup": group,
                     "logStream": "web/web/%032x" % rng.getrandbits(128), "subscriptionFilters": ["alert-relay-errors"],
                     "logEvents": events}
            out.append((offset + b * 60.0 / batches, group, make_log_batch.encode(batch)[1].encode()))
    return out


def logs_storm(args, root, work, settings, groups, lines, reserved, jar=None, label=None):
    clock = Clock()
    sched = Scheduler(clock)
    pagerduty = PagerDutyEvents(clock)
    timeout = settings["logs_timeout"]
    env = {"PAGERDUTY_ROUTING_KEY": ROUTING_KEY, "PAGERDUTY_EVENTS_URL": "http://127.0.0.1:%d/v2/enqueue" % pagerduty.port,
           "AWS_LAMBDA_FUNCTION_NAME": "alert-relay-LogsErrorToPagerDutyFunction", "AWS_REGION": REGION}
    log = open(os.path.join(work, "logs-%s.log" % (reserved or "unreserved")), "w")
    containers = Containers(args, work, jar or os.path.join(root, LOGS_JAR), env, timeout, log)
    batches = logs_batches(groups, lines, args.log_batch)
    try:
        containers.prepare(reserved or min(len(batches), 24))
        function = AsyncFunction(sched, containers, timeout, reserved=reserved)
        for when, group, event in batches:
            sched.at(when, lambda e=event, g=group: function.invoke(e, g))
        sched.run(limit=6 * 3600)
    finally:
        containers.close(function.all if "function" in locals() else [])
        pagerduty.close()
        log.close()
    expected = {(group, marker) for group in {g for _, g, _ in batches} for marker, _ in ERRORS}
    keys_of, first_incident, incidents, times = {}, {}, set(), []
    for when, event in pagerduty.accepted:
        times.append(when)
        if event.get("event_action") != "trigger":
            continue
        summary, source = event["payload"]["summary"], event["payload"]["source"]
        marker = next((m for m, _ in ERRORS if m in summary), None)
        keys_of.setdefault((source, marker), set()).add(event["dedup_key"])
        if event["dedup_key"] not in incidents:
            incidents.add(event["dedup_key"])
            first_incident.setdefault((source, marker), when)
    times.sort()
    busiest = max((sum(1 for u in times[i:] if u < t + 60) for i, t in enumerate(times)), default=0)
    lost = len(expected - set(keys_of))
    return {
        "kind": "logs", "scenario": label or "%d groups x %d lines, %s" % (groups, lines, "reserved concurrency %d" % reserved if reserved else "unreserved"),
        "errors": len(expected), "incidents": len(incidents), "lost": lost,
        "duplicates": sum(len(keys) - 1 for keys in keys_of.values()) + len([k for k in keys_of if k[1] is None]),
        "events": len(pagerduty.accepted), "refused": pagerduty.refused, "busiest": busiest,
        "invocations": function.invocations, "failed": function.failed, "throttles": function.throttles,
        "dead": len(function.failure_destination), "last": max(first_incident.values()) if first_incident else None,
        "drained": times[-1] if times else None, "booted": containers.started,
    }


# ------------------------------------------------------------------------------------------------ report

def seconds(value):
    return "-" if value is None else "%.1f s" % value


def alarm_table(rows):
    out = ["| alarm storm | delivered | lost | shown twice | invocations | failed invocations | 429s | last alarm visible | messages in the channel |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        delivered = "%d of %d" % (r["delivered"], r["alarms"]) + (" (%d by count)" % r["counted"] if r["counted"] else "")
        out.append("| %s | %s | %d | %d | %d | %d | %d | %s | %d |" % (
            r["scenario"], delivered, r["lost"], r["twice"], r["invocations"], r["failed"], r["refused"], seconds(r["last"]), r["messages"]))
    return out


def logs_table(rows):
    out = ["| logs storm | distinct errors | incidents | lost | duplicate incidents | events accepted | most in 60 s | 429s | invocations (failed, throttled) | in failure queue | last incident opened | last event |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        out.append("| %s | %d | %d | %d | %d | %d | %d | %d | %d (%d, %d) | %d | %s | %s |" % (
            r["scenario"], r["errors"], r["incidents"], r["lost"], r["duplicates"], r["events"], r["busiest"], r["refused"],
            r["invocations"], r["failed"], r["throttles"], r["dead"], seconds(r["last"]), seconds(r["drained"])))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkout", default=os.path.dirname(HERE), help="the clone whose jars and template to use")
    parser.add_argument("--java", help="the java binary (default: .ci/find-jdk's)")
    parser.add_argument("--quick", action="store_true", help="40 alarms and a 10 x 200 logs storm, both baselines (about 2 min)")
    parser.add_argument("--full", action="store_true", help="also the slow baselines: 200 alarms direct, the logs storm unreserved (about 8 min)")
    parser.add_argument("--only", help="run only the scenarios whose label matches this regex")
    parser.add_argument("--batch-size", type=int, help="the queue's BatchSize (default: the template's, else 100)")
    parser.add_argument("--window", type=float, help="MaximumBatchingWindowInSeconds (default: the template's, else 5)")
    parser.add_argument("--concurrency", type=int, help="ScalingConfig.MaximumConcurrency (default: the template's, else 2)")
    parser.add_argument("--visibility", type=float, help="the queue's visibility timeout (default: the template's, else 6 x Timeout)")
    parser.add_argument("--logs-reserved", type=int, help="reserved concurrency of the logs function (default: the template's, else 1)")
    parser.add_argument("--log-batch", type=int, default=50, help="log lines per CloudWatch Logs delivery (default 50)")
    parser.add_argument("--logs-jar", help="another logs-error-to-pagerduty jar to run the logs storms with too (e.g. an older build)")
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    random.seed(args.seed)
    root = os.path.abspath(args.checkout)
    for jar in (SLACK_JAR, LOGS_JAR):
        if not os.path.isfile(os.path.join(root, jar)):
            print("storm: %s is missing: build it with ./mvnw -q -B -ntp -DskipTests package" % jar, file=sys.stderr)
            return 2
    if not args.java:
        home = subprocess.run(["bash", os.path.join(root, ".ci", "find-jdk")], stdout=subprocess.PIPE, text=True)
        args.java = os.path.join(home.stdout.strip(), "bin", "java") if home.returncode == 0 else shutil.which("java")
    javac = os.path.join(os.path.dirname(args.java), "javac")
    t = template_settings(root)
    settings = dict(t)
    settings["batch_size"] = args.batch_size or int(t["batch_size"] or 100)
    settings["concurrency"] = args.concurrency or int(t["concurrency"] or 2)
    settings["visibility"] = args.visibility or t["visibility"] or 6 * t["alarm_timeout"]
    settings["max_receives"] = int(t["max_receives"] or 5)
    window = args.window if args.window is not None else (t["window"] if t["window"] is not None else 5.0)
    reserved = args.logs_reserved or int(t["logs_reserved"] or 1)

    scenarios = []

    def alarms(count, mode, w=None):
        return ("alarms %d %s%s" % (count, mode, "" if w is None or w == window else " window %g" % w),
                lambda: alarm_storm(args, root, work, settings, count, mode, w))
    counts = [40] if args.quick else [40, 200]
    for count in counts:
        if count == 40 or args.full:
            scenarios.append(alarms(count, "direct"))
        scenarios.append(alarms(count, "queue", window))
    if not args.quick and window != 0:
        scenarios.append(alarms(200, "queue", 0.0))
    scenarios.append(alarms(1, "queue", window))
    groups, lines = (10, 200) if args.quick else (20, 500)
    if args.full or args.quick:
        scenarios.append(("logs unreserved", lambda: logs_storm(args, root, work, settings, groups, lines, None)))
    scenarios.append(("logs reserved", lambda: logs_storm(args, root, work, settings, groups, lines, reserved)))
    if args.logs_jar:
        for r in (None, reserved):
            scenarios.append(("logs other jar %s" % (r or "unreserved"), lambda r=r: logs_storm(
                args, root, work, settings, groups, lines, r, jar=os.path.abspath(args.logs_jar),
                label="%d groups x %d lines, %s, %s" % (groups, lines, "reserved concurrency %d" % r if r else "unreserved",
                                                       os.path.basename(args.logs_jar)))))
    if args.only:
        scenarios = [s for s in scenarios if re.search(args.only, s[0])]

    work = tempfile.mkdtemp(prefix="alert-relay-storm-")
    try:
        with open(os.path.join(work, "StormContainer.java"), "w") as f:
            f.write(HARNESS)
        compiled = subprocess.run([javac, "-cp", os.path.join(root, SLACK_JAR), "-d", work, os.path.join(work, "StormContainer.java")],
                                  stderr=subprocess.PIPE, text=True)
        if compiled.returncode != 0:
            print("storm: cannot compile the container harness: " + compiled.stderr, file=sys.stderr)
            return 2
        results, began = [], time.monotonic()
        for label, run in scenarios:
            start = time.monotonic()
            result = run()
            result["wall"] = time.monotonic() - start
            results.append(result)
            print("storm: %s done in %.0f s of wall time (%d containers booted)" % (label, result["wall"], result["booted"]),
                  file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print("Storm benchmark (bench/storm.py%s), %s, load average %.2f, %d CPUs, %.0f s of wall time." % (
        " --quick" if args.quick else " --full" if args.full else "", time.strftime("%Y-%m-%d"), load, os.cpu_count(), time.monotonic() - began))
    print("Queue path: BatchSize %d, MaximumConcurrency %d, visibility timeout %g s, maxReceiveCount %d (%s); "
          "Timeout %g s; logs reserved concurrency %d (%s)." % (
              settings["batch_size"], settings["concurrency"], settings["visibility"], settings["max_receives"],
              "template.yaml" if t["queue_wired"] else "flags/defaults: the template has no AlarmQueue mapping yet",
              settings["alarm_timeout"], reserved, "template.yaml" if t["logs_reserved"] else "flag/default"))
    print()
    alarms = [r for r in results if r["kind"] == "alarms"]
    logs = [r for r in results if r["kind"] == "logs"]
    if alarms:
        print("\n".join(alarm_table(alarms)))
        print()
    if logs:
        print("\n".join(logs_table(logs)))
        print()
    misses = []
    for r in alarms:
        if "queue" in r["scenario"] and (r["lost"] or r["twice"] or r["failed"] or (r["last"] or 0) > 60
                                         or (r["alarms"] == 1 and (r["last"] or 0) > window + 1)):
            misses.append(r["scenario"])
    for r in logs:
        if "reserved" in r["scenario"] and "unreserved" not in r["scenario"] and not args.logs_jar and (r["lost"] or r["duplicates"] or r["dead"]):
            misses.append(r["scenario"])
    print("targets (queue rows, reserved logs row): " + ("met" if not misses else "MISSED by " + "; ".join(misses)))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
