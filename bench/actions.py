#!/usr/bin/env python3
"""Slack's three seconds: how long slack-actions takes to answer a click on a cold start, against the thread that
alarm-to-slack posted, with a baseline in the same run (alarm-to-slack's own cold run on its sample, app mode).

    python3 bench/actions.py [--runs N] [--cpu C]
      --runs N   cold runs per row (default 7, at least 3)
      --cpu C    the CPU every cold run is pinned to with taskset (default 0; -1: not pinned)

Needs the jars (JAVA_HOME=$(bash .ci/find-jdk) ./mvnw -B -ntp -o -q package -DskipTests), moto_server, taskset, and
python3.11 with boto3 or the AWS CLI (to create the table). Not part of the build or the tests: run it by hand.

Everything is on 127.0.0.1 with dummy credentials: moto_server for DynamoDB (the thread's record), a Slack Web API
stand-in (chat.postMessage, chat.update, chat.postEphemeral) and a PagerDuty Events stand-in, both threads of this
process. alarm-to-slack posts the thread once (SLACK_ACTIONS=on, so with its buttons); then every row is N fresh JVMs,
interleaved, each with Lambda's JVM flag as bench/run.sh runs its cold rows (`-XX:TieredStopAtLevel=1`, one CPU with
taskset; with one CPU the JVM picks the serial collector itself) and one click on standard input (`java -jar
slack-actions.jar -`): a function URL event shaped as events/make-slack-actions.py writes it, signed now with v0.

Times are from just before the process is started: "answered" when the response JSON line reached stdout (in Lambda,
the moment the function URL answers Slack), "exit" when the process ended, "chat.update" when the Slack stand-in
received the top message's update. The baseline posts a new thread each run (a fresh table per run, the same env
otherwise), so each of its runs does the same work; its "answered" is its exit (an SNS event has no response).
Secrets are plain environment variables here: no SSM or KMS call is in these times.
Prints a Markdown table and writes it to bench/actions-results.md.
"""
import argparse, http.server, importlib.util, json, os, shlex, shutil, signal, socket, statistics, subprocess, sys
import tempfile, threading, time, urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAMBDA_JVM_OPTIONS = ["-XX:TieredStopAtLevel=1"]   # bench/cold.py's: what Lambda's java21 runtime runs
SLACK_DEADLINE_MS, ANSWER_BUDGET_MS = 3000, 2500    # Slack's; SlackActionsHandler.ANSWER_MILLIS
SECRET, TEAM, CHANNEL, REGION = "bench-signing-secret", "T0SAMPLE01", "C0ALERTS01", "ap-northeast-1"
SAMPLE = "events/alarm-sns-alb-healthyhostcount.json"

children = []          # every process started here, stopped on exit
calls = []             # (perf_counter, port name, method) of every request the stand-ins received
calls_lock = threading.Lock()


def stand_in(name, answer_of):
    class StandIn(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True   # as bench/receivers.py: no 40 ms Nagle/delayed-ACK stall per answer

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            method = self.path.rsplit("/", 1)[-1]
            with calls_lock:
                calls.append((time.perf_counter(), name, method))
                status, answer = answer_of(method, body)
            data = json.dumps(answer).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


posted = [0]
top_messages = []      # the ts of every chat.postMessage that was not a reply


def slack_answer(method, body):
    if method == "chat.postMessage":
        posted[0] += 1
        ts = "%d.%06d" % (int(time.time()), posted[0])
        if not json.loads(body or b"{}").get("thread_ts"):
            top_messages.append(ts)
        return 200, {"ok": True, "channel": CHANNEL, "ts": ts}
    if method == "chat.update":
        request = json.loads(body or b"{}")
        return 200, {"ok": True, "channel": request.get("channel", CHANNEL), "ts": request.get("ts")}
    if method == "chat.postEphemeral":
        return 200, {"ok": True, "message_ts": "%d.000000" % int(time.time())}
    return 200, {"ok": True}


def pagerduty_answer(method, body):
    return 202, {"status": "success", "message": "Event processed", "dedup_key": "x"}


def load_click_maker():
    """events/make-slack-actions.py, so that every click has exactly the shape of the samples."""
    spec = importlib.util.spec_from_file_location("make_slack_actions", ROOT / "events/make-slack-actions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.SAMPLE_SIGNING_SECRET = SECRET
    return module


def click(maker, action, serial, top_ts, forged=False):
    """A click signed now; serial makes its action_ts (and request id) differ from every other click's."""
    maker.AT = datetime.fromtimestamp(int(time.time()), tz=timezone.utc)
    maker.TOP_TS = top_ts
    event = maker.click(action, serial)
    if forged:
        event["headers"]["x-slack-signature"] = "v0=" + "0" * 64
    return json.dumps(event)


def start(command, env, work, name, stdin=None):
    err = open(work / (name + ".err"), "w+")
    process = subprocess.Popen(command, env=env, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=err, text=True, start_new_session=True)
    children.append(process)
    return process, err


def timed(command, env, work, stdin=None):
    """(answered ms, exit ms, stdout, stderr, start): answered = the response JSON line on stdout, else the exit."""
    begin = time.perf_counter()
    process, err = start(command, env, work, "run", stdin)
    if stdin is not None:
        process.stdin.write(stdin)
        process.stdin.close()
    answered, lines = None, []
    for line in process.stdout:
        if answered is None and line.startswith("{") and "statusCode" in line:
            answered = (time.perf_counter() - begin) * 1000
        lines.append(line)
    code = process.wait(timeout=120)
    exited = (time.perf_counter() - begin) * 1000
    children.remove(process)
    err.seek(0)
    stderr = err.read()
    err.close()
    if code != 0:
        raise SystemExit("bench/actions.py: exit %d from %s\n%s" % (code, shlex.join(command), stderr[-2000:]))
    return (answered if answered is not None else exited), exited, "".join(lines), stderr, begin


def first_call(after, port, method):
    with calls_lock:
        return next(((t - after) * 1000 for t, p, m in calls if t >= after and p == port and m == method), None)


def create_table(name, env):
    python = shutil.which("python3.11")
    if python and subprocess.run([python, "-c", "import boto3"], capture_output=True).returncode == 0:
        code = ("import boto3, sys; boto3.client('dynamodb').create_table(TableName=sys.argv[1], "
                "AttributeDefinitions=[{'AttributeName': 'id', 'AttributeType': 'S'}], "
                "KeySchema=[{'AttributeName': 'id', 'KeyType': 'HASH'}], BillingMode='PAY_PER_REQUEST')")
        command = [python, "-c", code, name]
    elif shutil.which("aws"):
        command = ["aws", "dynamodb", "create-table", "--table-name", name, "--attribute-definitions",
                   "AttributeName=id,AttributeType=S", "--key-schema", "AttributeName=id,KeyType=HASH",
                   "--billing-mode", "PAY_PER_REQUEST", "--endpoint-url", env["AWS_ENDPOINT_URL"]]
    else:
        raise SystemExit("bench/actions.py: python3.11 with boto3 or the AWS CLI is required to create the table")
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit("bench/actions.py: cannot create table %s in moto: %s" % (name, done.stderr[-1500:]))


def stats(values):
    values = sorted(v for v in values if v is not None)
    if not values:
        return None
    p90 = values[min(len(values) - 1, int(round(0.9 * (len(values) - 1))))]   # nearest rank, as bench/storm.py
    return statistics.median(values), p90, values[-1]


def cleanup(work, servers):
    for process in list(children):
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(10)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
    for server in servers:
        server.shutdown()
        server.server_close()
    shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description="slack-actions: a click answered cold, beside alarm-to-slack's cold run")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--cpu", type=int, default=0)
    args = parser.parse_args()
    runs = max(3, args.runs)
    jdk = subprocess.run(["bash", str(ROOT / ".ci/find-jdk")], capture_output=True, text=True, check=True).stdout.strip()
    java = str(Path(jdk) / "bin/java")
    jars = {name: str(ROOT / name / "target" / (name + ".jar")) for name in ("alarm-to-slack", "slack-actions")}
    for jar in jars.values():
        if not Path(jar).is_file():
            raise SystemExit("bench/actions.py: %s is missing: ./mvnw package -DskipTests first" % jar)
    for tool in ("moto_server",) + (("taskset",) if args.cpu >= 0 else ()):
        if not shutil.which(tool):
            raise SystemExit("bench/actions.py: %s is required" % tool)
    pin = ["taskset", "-c", str(args.cpu)] if args.cpu >= 0 else []

    def jvm(jar, *rest):
        return [*pin, java, *LAMBDA_JVM_OPTIONS, "-jar", jar, *rest]

    load_before = os.getloadavg()
    work = Path(tempfile.mkdtemp(prefix="alert-relay-actions-"))
    slack, pagerduty = stand_in("slack", slack_answer), stand_in("pagerduty", pagerduty_answer)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))   # SIGINT raises KeyboardInterrupt: both reach finally
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            moto_port = s.getsockname()[1]
        start(["moto_server", "-H", "127.0.0.1", "-p", str(moto_port)], None, work, "moto")
        endpoint = "http://127.0.0.1:%d" % moto_port
        for _ in range(150):
            try:
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=1).close()
                break
            except OSError:
                if children[-1].poll() is not None:
                    raise SystemExit("bench/actions.py: moto_server exited: " + (work / "moto.err").read_text()[-1500:])
                time.sleep(0.1)
        else:
            raise SystemExit("bench/actions.py: moto_server did not start")
        base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": os.environ.get("LANG", "C.UTF-8"),
                "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": REGION,
                "AWS_DEFAULT_REGION": REGION, "AWS_ENDPOINT_URL": endpoint,
                "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_CHANNEL_ID": CHANNEL,
                # SlackWebApiClient calls <SLACK_API_URL>/<method>, e.g. .../api/chat.postMessage
                "SLACK_API_URL": "http://127.0.0.1:%d/api" % slack.server_address[1],
                "ALARM_STATE_TABLE": "bench-threads"}
        create_table("bench-threads", base)
        alarm_env = dict(base, SLACK_ACTIONS="on", ALARM_CHARTS="off")
        actions_env = dict(base, SLACK_SIGNING_SECRET=SECRET, SLACK_TEAM_ID=TEAM, PAGERDUTY_ROUTING_KEY="R0UT1NGKEY0BENCH0000000000000000",
                           PAGERDUTY_EVENTS_URL="http://127.0.0.1:%d/v2/enqueue" % pagerduty.server_address[1])
        maker = load_click_maker()

        # The thread the clicks act on: posted once, with its buttons; its top message's ts is what Slack answered.
        timed(jvm(jars["alarm-to-slack"], SAMPLE), alarm_env, work)
        with calls_lock:
            if not top_messages:
                raise SystemExit("bench/actions.py: alarm-to-slack posted no thread")
            top_ts = top_messages[-1]
        # One untimed click first, so that no row pays for reading the jar from disk (a forged one: it changes nothing).
        timed(jvm(jars["slack-actions"], "-"), actions_env, work, click(maker, "acknowledge", 900000, top_ts, forged=True))

        rows = {
            "baseline": ("alarm-to-slack, its sample, app mode (posts a thread: record, chat.postMessage)", "chat.postMessage"),
            "state": ("slack-actions, Acknowledge then Silence 1 h / Unsilence alternately (each changes the thread)", "chat.update"),
            "page": ("slack-actions, Page on-call (PagerDuty trigger, record, chat.update, reply)", "chat.update"),
            "forged": ("slack-actions, a forged click (401, nothing called)", None),
        }
        results = {key: {"answered": [], "exit": [], "slack": []} for key in rows}
        clicked = []

        def record(key, answered, exited, slack_ms):
            results[key]["answered"].append(answered)
            results[key]["exit"].append(exited)
            results[key]["slack"].append(slack_ms)

        serial = 0
        for n in range(runs):
            table = "bench-baseline-%d" % n
            create_table(table, base)
            answered, exited, _, _, begin = timed(jvm(jars["alarm-to-slack"], SAMPLE), dict(alarm_env, ALARM_STATE_TABLE=table), work)
            record("baseline", answered, exited, first_call(begin, "slack", "chat.postMessage"))

            action = "acknowledge" if n == 0 else ("silence-1h" if n % 2 else "unsilence")
            for key, act in (("state", action), ("page", "page"), ("forged", "acknowledge")):
                serial += 1
                forged = key == "forged"
                answered, exited, out, err, begin = timed(jvm(jars["slack-actions"], "-"), actions_env, work,
                                                          click(maker, act, serial, top_ts, forged))
                response = json.loads(out.strip().splitlines()[-1])
                if forged:
                    if response.get("statusCode") != 401:
                        raise SystemExit("bench/actions.py: the forged click was not refused: " + out)
                elif response.get("statusCode") != 200 or ": applied" not in err:
                    raise SystemExit("bench/actions.py: the %s click was not applied:\n%s\n%s" % (act, out, err[-1500:]))
                if key == "page" and first_call(begin, "pagerduty", "enqueue") is None:
                    raise SystemExit("bench/actions.py: the Page click sent nothing to PagerDuty")
                slack_ms = None if forged else first_call(begin, "slack", "chat.update")
                if key == "forged" and first_call(begin, "slack", "chat.update") is not None:
                    raise SystemExit("bench/actions.py: a forged click reached Slack")
                record(key, answered, exited, slack_ms)
                if key == "state":
                    clicked.append("%s %.0f" % (act, answered))

        def cell(values):
            s = stats(values)
            return "-" if s is None else "%.0f / %.0f / %.0f" % s

        lines = ["| cold run: fresh JVM, one CPU, `-XX:TieredStopAtLevel=1` | answered ms (median / p90 / max) "
                 "| process exit ms (median / p90 / max) | Slack received the update ms (median / p90 / max) "
                 "| answered under 3,000 ms | under 2,500 ms |", "|---|---:|---:|---:|---:|---:|"]
        verdict = []
        for key, (label, slack_method) in rows.items():
            r = results[key]
            under3 = sum(v < SLACK_DEADLINE_MS for v in r["answered"])
            under25 = sum(v < ANSWER_BUDGET_MS for v in r["answered"])
            slack_cell = cell(r["slack"]) + ("" if slack_method in (None, "chat.update") else " (%s)" % slack_method)
            lines.append("| %s | %s | %s | %s | %d of %d | %d of %d |" % (label, cell(r["answered"]), cell(r["exit"]),
                                                                       slack_cell, under3, runs, under25, runs))
            if key != "baseline":
                verdict.append(under3 == runs and under25 == runs)
        load = os.getloadavg()
        command = "python3 bench/actions.py --runs %d%s" % (runs, "" if args.cpu == 0 else " --cpu %d" % args.cpu)
        jdk_version = subprocess.run([java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
        report = "\n".join([
            "# slack-actions: answering a click, cold", "",
            "`%s` (after `./mvnw package -DskipTests`); %s." % (command, time.strftime("%Y-%m-%d %H:%M %Z")), "",
            "Machine: nproc %d, load average %.2f %.2f %.2f at the start, %.2f %.2f %.2f at the end; %s; every cold run"
            " pinned to %s." % (os.cpu_count(), *load_before, *load, jdk_version, "CPU %d (taskset)" % args.cpu if args.cpu >= 0 else "no CPU"), "",
            *lines, "",
            "Every click %s under Slack's 3,000 ms and under the handler's 2,500 ms answer budget (SlackActionsHandler.ANSWER_MILLIS)."
            % ("answered" if all(verdict) else "did NOT answer"),
            "Answered: from just before the process started until the response JSON was on stdout (JVM start, the handler's",
            "construction and the click). Loopback only: moto (DynamoDB), Slack and PagerDuty stand-ins; secrets are plain",
            "variables, so no SSM or KMS call is in these times (in Lambda, the first click of a container reads the signing",
            "secret and the bot token from SSM). The state-changing clicks in order, ms: %s." % ", ".join(clicked), ""])
        print(report)
        (ROOT / "bench/actions-results.md").write_text(report)
    finally:
        cleanup(work, (slack, pagerduty))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:   # everything was stopped and removed in main's finally
        sys.exit(130)
