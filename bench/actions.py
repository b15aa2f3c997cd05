#!/usr/bin/env python3
"""Slack's three seconds (issue 23): how long slack-actions takes to answer a click, cold, against the thread that
alarm-to-slack posted, with the baseline beside it in the same run (alarm-to-slack's own cold run on its sample).

    python3 bench/actions.py [--runs N]      (after ./mvnw package -DskipTests; needs moto_server and the AWS CLI)

Each row is N fresh JVMs (a cold Lambda container each: `-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx128m` on one
CPU with taskset, as bench/storm.py models Lambda), timed from process start until the process has written its answer
and exited: JVM start, the handler's construction (Lambda's init) and the invocation. Everything is on loopback: moto
for DynamoDB (the thread's record), a Slack Web API stand-in, a PagerDuty Events stand-in. Secrets are plain variables
here, so no SSM or KMS call is in these times: in Lambda, the first click of a container also reads the signing secret
and the bot token from SSM (two calls of a few ms each in region).
Prints a Markdown table and writes it to bench/actions-results.md.
"""
import argparse, base64, hashlib, hmac, http.server, json, os, shutil, socket, statistics, subprocess, sys, tempfile
import threading, time, urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"]
SECRET, TEAM, CHANNEL = "bench-signing-secret", "T0SAMPLE01", "C0ALERTS01"
THREAD = "alarm|arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:shop-alb-no-healthy-hosts"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Stand(http.server.BaseHTTPRequestHandler):
    calls, ts = [], [0]

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        method = self.path.rsplit("/", 1)[-1]
        Stand.calls.append(method)
        if self.path.startswith("/v2/enqueue"):
            status, answer = 202, {"status": "success", "message": "Event processed", "dedup_key": "x"}
        else:
            Stand.ts[0] += 1
            status, answer = 200, {"ok": True, "channel": CHANNEL, "ts": "1763694313.%06d" % Stand.ts[0]}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def click(action, action_ts, top_ts):
    payload = {"type": "block_actions", "team": {"id": TEAM, "domain": "example-shop"},
               "user": {"id": "U0ALICE001", "username": "alice"},
               "container": {"type": "message", "message_ts": top_ts, "channel_id": CHANNEL}, "channel": {"id": CHANNEL},
               "actions": [{"type": "button", "action_id": "alert-relay:" + action, "value": THREAD, "action_ts": action_ts}]}
    body = "payload=" + urllib.parse.quote(json.dumps(payload), safe="")
    timestamp = str(int(time.time()))
    signature = "v0=" + hmac.new(SECRET.encode(), ("v0:%s:%s" % (timestamp, body)).encode(), hashlib.sha256).hexdigest()
    return {"version": "2.0", "headers": {"content-type": "application/x-www-form-urlencoded",
                                          "x-slack-request-timestamp": timestamp, "x-slack-signature": signature},
            "requestContext": {"http": {"method": "POST"}}, "body": base64.b64encode(body.encode()).decode(),
            "isBase64Encoded": True}


def timed(java, jar, env, stdin=None, args=()):
    start = time.perf_counter()
    done = subprocess.run(["taskset", "-c", "0", java, *JVM, "-jar", jar, *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=120)
    millis = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        sys.exit("bench/actions.py: %s failed: %s" % (jar, done.stderr[-2000:]))
    return millis, done


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = max(3, parser.parse_args().runs)
    java = str(Path(subprocess.run(["bash", str(ROOT / ".ci/find-jdk")], capture_output=True, text=True, check=True)
                    .stdout.strip()) / "bin/java")
    jars = {name: str(ROOT / name / "target" / (name + ".jar")) for name in ("alarm-to-slack", "slack-actions")}
    for jar in jars.values():
        if not Path(jar).is_file():
            sys.exit("bench/actions.py: %s is missing: ./mvnw package -DskipTests first" % jar)
    for tool in ("moto_server", "aws", "taskset"):
        if not shutil.which(tool):
            sys.exit("bench/actions.py: %s is required" % tool)
    moto_port, stand_port = free_port(), free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", stand_port), Stand)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    logs = tempfile.TemporaryFile()
    moto = subprocess.Popen(["moto_server", "-H", "127.0.0.1", "-p", str(moto_port)], stdout=logs, stderr=logs)
    try:
        base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_REGION": "ap-northeast-1", "AWS_DEFAULT_REGION": "ap-northeast-1", "AWS_ENDPOINT_URL": "http://127.0.0.1:%d" % moto_port,
                "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": "http://127.0.0.1:%d/api" % stand_port,
                "ALARM_STATE_TABLE": "bench-threads"}
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", moto_port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        for table in ("bench-threads", "bench-baseline"):
            made = subprocess.run(["aws", "dynamodb", "create-table", "--table-name", table, "--attribute-definitions",
                                   "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                                   "--billing-mode", "PAY_PER_REQUEST", "--endpoint-url", base["AWS_ENDPOINT_URL"]],
                                  env=base, capture_output=True, text=True)
            if made.returncode != 0:
                sys.exit("bench/actions.py: cannot create the table in moto: " + made.stderr)
        alarm_env = dict(base, SLACK_CHANNEL_ID=CHANNEL, SLACK_ACTIONS="on", ALARM_CHARTS="off")
        actions_env = dict(base, SLACK_SIGNING_SECRET=SECRET, SLACK_TEAM_ID=TEAM, PAGERDUTY_ROUTING_KEY="bench-routing-key",
                           PAGERDUTY_EVENTS_URL="http://127.0.0.1:%d/v2/enqueue" % stand_port)
        sample = str(ROOT / "events/alarm-sns-alb-healthyhostcount.json")
        timed(java, jars["alarm-to-slack"], alarm_env, args=(sample,))
        top_ts = "1763694313.000001"
        rows = {"alarm-to-slack, its sample in app mode (baseline: a cold run posting the thread)": [],
                "slack-actions, Silence 1 h / Unsilence (record, top update, reply)": [],
                "slack-actions, Page on-call (+ PagerDuty trigger)": [],
                "slack-actions, a forged click (401)": []}
        names = list(rows)
        for n in range(runs):
            rows[names[0]].append(timed(java, jars["alarm-to-slack"], dict(alarm_env, ALARM_STATE_TABLE="bench-baseline"),
                                        args=(sample,))[0])
            action = "silence-1h" if n % 2 == 0 else "unsilence"
            millis, done = timed(java, jars["slack-actions"], actions_env, json.dumps(click(action, "1.%06d" % n, top_ts)), ("-",))
            if ": applied" not in done.stderr:
                sys.exit("bench/actions.py: the click was not applied: " + done.stderr[-1500:])
            rows[names[1]].append(millis)
            millis, done = timed(java, jars["slack-actions"], actions_env, json.dumps(click("page", "2.%06d" % n, top_ts)), ("-",))
            rows[names[2]].append(millis)
            forged = click("acknowledge", "3.%06d" % n, top_ts)
            forged["headers"]["x-slack-signature"] = "v0=" + "0" * 64
            millis, done = timed(java, jars["slack-actions"], actions_env, json.dumps(forged), ("-",))
            if '"statusCode":401' not in done.stdout:
                sys.exit("bench/actions.py: the forged click was not refused: " + done.stdout)
            rows[names[3]].append(millis)
        lines = ["| cold run (fresh JVM, one CPU) | median ms | p90 ms | max ms | under 3,000 ms |", "|---|---|---|---|---|"]
        for name, values in rows.items():
            values.sort()
            p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]
            under = "%d of %d" % (sum(v < 3000 for v in values), len(values))
            lines.append("| %s | %.0f | %.0f | %.0f | %s |" % (name, statistics.median(values), p90, values[-1], under))
        load = os.getloadavg()
        report = "\n".join(["# slack-actions: answering a click, cold", "",
                            "`python3 bench/actions.py --runs %d` on %d CPUs, load %.2f %.2f %.2f at the end; %s." % (
                                runs, os.cpu_count(), *load, time.strftime("%Y-%m-%d")), "", *lines, ""])
        print(report)
        (ROOT / "bench/actions-results.md").write_text(report)
    finally:
        moto.terminate()
        moto.wait(10)
        server.shutdown()
        logs.close()


if __name__ == "__main__":
    main()
