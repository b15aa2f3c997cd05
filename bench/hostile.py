#!/usr/bin/env python3
"""Hostile inputs against benign inputs of the same size (issue 25): every pattern that reads untrusted text must run in
linear time and never overflow the stack, so no input may take more than --max-ratio times as long as ordinary text of
the same size, and none may fail.

    python3.11 bench/hostile.py [--checkout DIR] [--quick] [--runs N] [--max-ratio R] [--max-seconds S] [--only REGEX]

Each case makes, in this run, a hostile event and a benign one of the same shape whose untrusted text (the log
messages, or one alarm or ECS field) has the same size in UTF-8 bytes and is ordinary prose instead (for multi-byte
cases, ASCII prose of the same bytes). Both run through a shaded jar as the local runner runs them (`java
-XX:TieredStopAtLevel=1 -jar <module>.jar --dry-run <event>`: Lambda's JVM flag; pinned to one CPU with taskset when it
exists; a java agent as the in-process clock), hostile and benign interleaved (benign first in even rounds, hostile
first in odd ones), the median of --runs kept. A process slower than --slow seconds, failing or timed out runs once.

Two times per process: the wall time of the whole process, and in-process time, from a java agent's premain (just
before the runner's main) to its shutdown hook, without the JVM's boot; each "ratio" is hostile / benign. A case is
  FAILED when either process exits non-zero (a StackOverflowError is exit 1), is killed at --timeout, prints a line
         that is not JSON or not the expected number of notifications (one incident, one Slack message, or the four
         Web API calls of app mode with a chart);
  SLOW   when either ratio exceeds --max-ratio, or either process takes longer than --max-seconds: ordinary text can
         be slow too (a long line of prose paid the same quadratic search as its hostile twin), and no ratio shows
         that.
Exit status 1 if any case is FAILED or SLOW, 2 on a usage error such as missing jars (build them in the checkout with
`./mvnw -q -B -ntp -DskipTests package`). Prints a Markdown table and one summary line, nothing else. Standard
library only; its temporary directory is removed.
"""
import argparse
import base64
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ left in bench/
from cold import LAMBDA_JVM_OPTIONS  # noqa: E402
import make_log_batch  # noqa: E402

LOGS, SLACK, ECS = "logs-error-to-pagerduty", "alarm-to-slack", "ecs-task-stopped"
ALARM_SAMPLE = "events/alarm-sns-alb-healthyhostcount.json"
ECS_SAMPLE = "events/ecs-crashed-service.json"
KB = 1024
# App mode in a dry run keeps the thread state in memory: no DynamoDB, Slack or CloudWatch (README, "Slack app mode").
APP_MODE = {"SLACK_BOT_TOKEN": "xoxb-example", "SLACK_CHANNEL_ID": "C0123456789", "ALARM_STATE_TABLE": "demo",
            "ALARM_CHARTS": "on"}
# chat.postMessage, cloudwatch:GetMetricWidgetImage, files.getUploadURLExternal, files.completeUploadExternal
APP_MODE_CALLS = 4
CLOCK_PREFIX = "alert-relay-hostile-clock "
CLOCK_SOURCE = """
public final class HostileClock {
    public static void premain(String arguments) {
        long start = System.nanoTime();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                System.err.println("%s" + (System.nanoTime() - start))));
    }
}
""" % CLOCK_PREFIX

# Ordinary words of error messages: none is an anchor of a redaction rule (token, password, key, bearer, eyJ, AKIA, ://
# ...), no quote, colon or backslash, so benign text of any size means the same to every rule and fits in any field.
WORDS = ("the order service could not reach inventory backend after several retries while payment worker was waiting "
         "for reply from shipping queue and cache returned stale data customer account in region west so request "
         "retried later with longer timeout database connection pool exhausted upstream answered slowly batch job "
         "skipped record because field missing").split()


def prose(size, seed=1):
    """Ordinary ASCII text of exactly {size} bytes: words, a few numbers, commas and full stops."""
    rng = random.Random(seed)
    out, length = [], 0
    while length < size:
        word = rng.choice(WORDS) if rng.random() > 0.08 else str(rng.randint(2, 99999))
        if rng.random() < 0.05:
            word += rng.choice(",.")
        out.append(word)
        length += len(word) + 1
    text = " ".join(out)[:size]
    return text[:-1] + "." if text.endswith(" ") else text


def fill(prefix, unit, size, suffix=""):
    """prefix + unit repeated + suffix, exactly {size} UTF-8 bytes (padded with 'x' where unit does not divide)."""
    room = size - utf8(prefix) - utf8(suffix)
    count = room // utf8(unit)
    return prefix + unit * count + "x" * (room - count * utf8(unit)) + suffix


def ordinary(prefix, size, suffix="", seed=1):
    """prefix + prose + suffix, exactly {size} UTF-8 bytes."""
    return prefix + prose(size - utf8(prefix) - utf8(suffix), seed) + suffix


def utf8(text):
    return len(text.encode("utf-8"))


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def jwt(size):
    """A JWT of about {size} bytes: a payload of claims, as identity providers put in an Authorization header."""
    rng = random.Random(size)
    header = b64url(b'{"alg":"RS256","typ":"JWT","kid":"bench-key-1"}')
    signature = b64url(rng.randbytes(256))
    claims = {"sub": "user-4711", "iss": "https://login.example.com/", "exp": 1795230245, "groups": []}
    while len(header) + len(signature) + len(b64url(json.dumps(claims).encode())) + 2 < size:
        claims["groups"].append("group-%06d" % rng.randint(0, 999999))
    return "%s.%s.%s" % (header, b64url(json.dumps(claims).encode()), signature)


def opaque_token(size):
    """An opaque token of {size} base64url characters."""
    return b64url(random.Random(size).randbytes(size))[:size]


class Case:
    """A hostile event and a benign one of the same shape and size, run through one function."""

    def __init__(self, name, module, hostile, benign, size, expected=1, env=None):
        self.name, self.module, self.size, self.expected, self.env = name, module, size, expected, env or {}
        self.events = {"hostile": hostile, "benign": benign}
        self.walls = {"hostile": [], "benign": []}
        self.inside = {"hostile": [], "benign": []}
        self.failure = {"hostile": None, "benign": None}
        self.done = {"hostile": False, "benign": False}


def logs_event(messages):
    """A CloudWatch Logs subscription event holding these messages, as CloudWatch Logs delivers it."""
    batch = {"messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "/aws/lambda/orders-api",
             "logStream": "2026/11/21/[$LATEST]4f9c2f7d0c5a4d5e9b1e8a7c6d5e4f3a",
             "subscriptionFilters": ["alert-relay-errors"],
             "logEvents": [{"id": str(38234701234567890123456789012345678901234567890123456 + i),
                            "timestamp": make_log_batch.START + i * 97, "message": m} for i, m in enumerate(messages)]}
    return make_log_batch.encode(batch)[1]


def logs_case(name, hostile_line, benign_line, lines=1):
    """{lines} copies of each line (benign copies numbered, so they stay one error), one incident each way."""
    if lines == 1:
        hostile, benign = [hostile_line], [benign_line]
    else:
        hostile = [hostile_line] * lines
        benign = ["%s%06d%s" % (benign_line[:6], i, benign_line[12:]) for i in range(lines)]
    assert all(utf8(h) == utf8(b) for h, b in zip(hostile, benign)), name
    size = size_label(utf8(hostile_line), lines)
    return Case(name, LOGS, logs_event(hostile), logs_event(benign), size)


def size_label(line_bytes, lines=1):
    one = "%.1f MB" % (line_bytes / KB / KB) if line_bytes >= KB * KB else (
        "%.0f KB" % (line_bytes / KB) if line_bytes >= 10 * KB else "%.1f KB" % (line_bytes / KB))
    return one if lines == 1 else "%s x %s" % (format(lines, ","), one)


def alarm_event(root, **changes):
    """The SNS sample alarm with Message fields changed (AlarmArn follows AlarmName and Region)."""
    with open(os.path.join(root, ALARM_SAMPLE), encoding="utf-8") as f:
        event = json.load(f)
    sns = event["Records"][0]["Sns"]
    message = json.loads(sns["Message"])
    region = changes.pop("region", "ap-northeast-1")
    message.update(changes)
    message["AlarmArn"] = "arn:aws:cloudwatch:%s:123456789012:alarm:%s" % (region, message["AlarmName"])
    sns["Message"] = json.dumps(message, ensure_ascii=False)
    return json.dumps(event, ensure_ascii=False)


def ecs_event(root, **changes):
    with open(os.path.join(root, ECS_SAMPLE), encoding="utf-8") as f:
        event = json.load(f)
    for key, value in changes.items():
        if key in event:
            event[key] = value
        else:
            event["detail"][key] = value
    return json.dumps(event, ensure_ascii=False)


def cases(root, quick):
    line = 64 * KB if quick else 256 * KB
    big = None if quick else KB * KB
    field = 64 * KB if quick else 200 * KB
    region = "aa" + "-a" * 2047  # 4 KB
    calm_region = prose(len(region), seed=3)
    out = []

    def logs(name, hostile, lines=1, prefix="ERROR "):
        out.append(logs_case(name, hostile, ordinary(prefix, utf8(hostile)), lines))

    # 1. long quoted secrets (Redactor's key/value rule recursed once per character)
    bearer = 'ERROR upstream failed: {"authorization":"Bearer %s"}' % jwt(2400)
    out.append(logs_case("JWT in a JSON Authorization header", bearer,
                         ordinary('ERROR upstream failed: {"detail":"', utf8(bearer), '"}')))
    for size in (1200, 2 * KB, 8 * KB):
        token = 'ERROR upstream failed: {"token":"%s"}' % opaque_token(size)
        out.append(logs_case('{"token":"<%s>"}' % size_label(size), token,
                             ordinary('ERROR upstream failed: {"detail":"', utf8(token), '"}')))
    # 2. one long error line of short words (the exception-name search copied the rest of the title per space)
    for size in filter(None, (line, big)):
        logs("error line of short words `a b c ...`", fill("ERROR ", "a b c d e f g h ", size))
    # 3. the JWT rule rescanning from every eyJ
    many = 300 if quick else 1200
    for lines, size in [(many, 2 * KB)] + ([] if quick else [(10000, 600)]):
        logs("error lines of repeated `eyJ`", fill("ERROR ", "eyJ", size), lines)
    # a rule's absent anchors are searched for again after each occurrence of a present one
    logs("error lines of `password ` repeated", fill("ERROR ", "password ", 2 * KB), many)
    # others: runs of the rules' key words and openings, odd characters
    logs("`tokenException:` repeated", fill("ERROR ", "tokenException:", line))
    logs("`password ` repeated", fill("ERROR ", "password ", line))
    logs("`\"password\":\"` openings, no closes", fill("ERROR ", '"password":"', line))
    logs("`://user:` repeated", fill("ERROR ", "://user:", line))
    logs("`-----BEGIN PRIVATE KEY-----`, no END",
         fill("ERROR -----BEGIN PRIVATE KEY-----\n", "MIIEvQIBADANBgkqhkiG9w0B\n", line))
    logs("`Bearer ` repeated", fill("ERROR ", "Bearer ", line))
    logs("AKIA-like runs", fill("ERROR ", "AKIAIOSFODNN7EXAMPLE", line))
    logs("40-char base64 runs (AWS secret key shape)",
         fill("ERROR ", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+", line))
    logs("deep whitespace (spaces)", fill("ERROR upstream failed:", " ", line, " done"))
    logs("deep whitespace (blank lines)",
         fill("ERROR upstream failed:", "\n \t", line, "\njava.lang.IllegalStateException: done"))
    logs("one character repeated", fill("ERROR ", "a", line))
    logs("emoji", fill("ERROR ", "\U0001F525", line))
    logs("CJK", fill("ERROR ", "\u6570\u636e\u5e93\u8fde\u63a5\u5931\u8d25 ", line))
    logs("combining marks", fill("ERROR ", "e\u0301\u0302\u0303", line))
    json_words = fill('{"level":"ERROR","message":"', "a b c d e f g h ", line, '"}')
    out.append(logs_case("JSON line, message of short words", json_words,
                         ordinary('{"level":"ERROR","message":"', utf8(json_words), '"}')))
    # 4. the region check (AwsPartitions' repeated group)
    for module in (SLACK, LOGS):
        out.append(Case("alarm ARN region of `-a` repeated", module, alarm_event(root, region=region),
                        alarm_event(root, region=calm_region), size_label(len(region))))
    out.append(Case("ECS event region of `-a` repeated", ECS, ecs_event(root, region=region),
                    ecs_event(root, region=calm_region), size_label(len(region))))
    # more fields an SNS message or an EventBridge event can make long
    reason = fill('Threshold Crossed: {"token":"', "A", 8 * KB, '"}')
    out.append(Case('alarm reason `{"token":"<8 KB>"}`', LOGS, alarm_event(root, NewStateReason=reason),
                    alarm_event(root, NewStateReason=ordinary("Threshold Crossed: ", utf8(reason))),
                    size_label(utf8(reason))))
    # the alarm path redacts whole fields, with no window: 200 KB of this ran for over a minute
    described = 16 * KB if quick else 64 * KB
    description = fill("", "password ", described)
    out.append(Case("alarm description `password ` repeated", LOGS, alarm_event(root, AlarmDescription=description),
                    alarm_event(root, AlarmDescription=prose(described)), size_label(described)))
    specials = fill("", "<&>*_~`|", field)
    out.append(Case("alarm description of mrkdwn specials `<&>*_~`", SLACK,
                    alarm_event(root, AlarmDescription=specials),
                    alarm_event(root, AlarmDescription=prose(field)), size_label(field)))
    stopped = fill("", "spot interrupt health check failed ", field)
    out.append(Case("ECS stoppedReason of classifier words", ECS, ecs_event(root, stoppedReason=stopped),
                    ecs_event(root, stoppedReason=prose(field)), size_label(field)))
    # 5. the chart file name in app mode (AlarmChart)
    # Dots between two letters: a name of dots alone is consumed at once by the pattern's ^[-.]+ alternative.
    dots = "a" + "." * (10000 if quick else 40000) + "z"
    out.append(Case("app mode with charts: alarm name `a` + %s dots + `z`" % format(len(dots) - 2, ","), SLACK,
                    alarm_event(root, AlarmName=dots), alarm_event(root, AlarmName=prose(len(dots))),
                    size_label(len(dots)), expected=APP_MODE_CALLS, env=APP_MODE))
    return out


def clock_agent(java, work):
    """A java agent whose shutdown hook prints the nanoseconds since premain; None without javac."""
    javac = os.path.join(os.path.dirname(java), "javac")
    if not os.access(javac, os.X_OK):
        return None
    source = os.path.join(work, "HostileClock.java")
    with open(source, "w", encoding="utf-8") as f:
        f.write(CLOCK_SOURCE)
    done = subprocess.run([javac, "-d", work, source], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        return None
    agent = os.path.join(work, "hostile-clock.jar")
    with zipfile.ZipFile(agent, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nPremain-Class: HostileClock\n")
        jar.write(os.path.join(work, "HostileClock.class"), "HostileClock.class")
    return agent


def command(args, agent, jar, event_file):
    clock = ["-javaagent:" + agent] if agent else []
    java = [args.java, *LAMBDA_JVM_OPTIONS, *clock, "-jar", jar, "--dry-run", event_file]
    return ["taskset", "-c", str(args.cpu), *java] if args.cpu >= 0 else java


def environment(case):
    keep = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR") if k in os.environ}
    # Lambda sets the region; nothing here reaches AWS (dry run).
    return dict(keep, AWS_REGION="eu-west-1", **case.env)


def problem(done, expected):
    """Why a run does not count as a success, or None."""
    err = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0:
        runner = "\n".join(line for line in err.splitlines() if "alert-relay" in line)
        named = re.findall(r"\b(\w+(?:Error|Exception))\b", runner)
        return "exit %d%s" % (done.returncode, ", " + named[-1] if named else "")
    lines = [line for line in done.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
    for line in lines:
        try:
            json.loads(line)
        except ValueError:
            return "output not JSON lines"
    if len(lines) != expected:
        return "%d notifications, expected %d" % (len(lines), expected)
    return None


def run_once(args, agent, case, side, event_file):
    jar = os.path.join(args.checkout, case.module, "target", case.module + ".jar")
    start = time.perf_counter()
    try:
        done = subprocess.run(command(args, agent, jar, event_file), env=environment(case), stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=args.timeout)
    except subprocess.TimeoutExpired:
        case.walls[side].append(args.timeout)
        case.failure[side] = "timed out after %g s" % args.timeout
        case.done[side] = True
        return
    wall = time.perf_counter() - start
    case.walls[side].append(wall)
    clock = [line for line in done.stderr.decode("utf-8", "replace").splitlines() if line.startswith(CLOCK_PREFIX)]
    if clock:
        case.inside[side].append(int(clock[-1][len(CLOCK_PREFIX):]) / 1e9)
    failure = problem(done, case.expected)
    if failure:
        case.failure[side] = failure
    if failure or wall > args.slow or len(case.walls[side]) >= args.runs:
        case.done[side] = True


def median(values):
    return statistics.median(values) if values else None


def verdict(case, max_ratio, max_seconds):
    """(ratio, in-process ratio, result)."""
    walls = [median(case.walls[s]) for s in ("benign", "hostile")]
    inside = [median(case.inside[s]) for s in ("benign", "hostile")]
    ratio = walls[1] / walls[0]
    inside_ratio = inside[1] / inside[0] if None not in inside else None
    failed = ["%s: %s" % (s, case.failure[s]) for s in ("hostile", "benign") if case.failure[s]]
    if failed:
        return ratio, inside_ratio, "FAILED (%s)" % "; ".join(failed)
    slow = []
    if ratio > max_ratio or (inside_ratio is not None and inside_ratio > max_ratio):
        slow.append("ratio > %g" % max_ratio)
    if max_seconds and max(walls) > max_seconds:
        slow.append("%s over %g s" % ("benign" if walls[0] > max_seconds else "hostile", max_seconds))
    return ratio, inside_ratio, "SLOW (%s)" % ", ".join(slow) if slow else "ok"


def table(results):
    rows = ["| case | function | input | benign s | hostile s | ratio | in-process benign s | in-process hostile s "
            "| in-process ratio | runs b/h | result |",
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for case, (ratio, inside_ratio, result) in results:
        ib, ih = median(case.inside["benign"]), median(case.inside["hostile"])
        rows.append("| %s | %s | %s | %.2f | %s%.2f | %.1f | %s | %s | %s | %d/%d | %s |" % (
            case.name.replace("|", "\\|"), case.module, case.size, median(case.walls["benign"]),
            ">" if case.failure["hostile"] and "timed out" in case.failure["hostile"] else "",
            median(case.walls["hostile"]), ratio, "-" if ib is None else "%.2f" % ib,
            "-" if ih is None else "%.2f" % ih, "-" if inside_ratio is None else "%.1f" % inside_ratio,
            len(case.walls["benign"]), len(case.walls["hostile"]), result.replace("|", "\\|")))
    return "\n".join(rows)


def usage(problem):
    print("hostile.py: " + problem, file=sys.stderr)
    sys.exit(2)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkout", default=os.path.dirname(HERE), help="the checkout whose jars are measured "
                        "(default: the one this script is in)")
    parser.add_argument("--java", help="the java binary (default: .ci/find-jdk's)")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer cases and 2 runs: a smoke test")
    parser.add_argument("--runs", type=int, help="runs per input, the median kept (default 3, --quick 2)")
    parser.add_argument("--max-ratio", type=float, default=3.0, help="the highest hostile / benign time allowed (3)")
    parser.add_argument("--max-seconds", type=float, default=5.0, help="the longest any process may take, benign or "
                        "hostile (5: about 15 s at Lambda's third of a vCPU, half the 30-s timeout); 0: no limit")
    parser.add_argument("--slow", type=float, default=5.0, help="a process slower than this many seconds runs once (5)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a process is killed and FAILED "
                        "(30, the function's timeout)")
    parser.add_argument("--cpu", type=int, default=0, help="the CPU every run is pinned to; -1: not pinned")
    parser.add_argument("--only", help="only the cases whose name or function matches this regex")
    args = parser.parse_args()
    args.runs = args.runs or (2 if args.quick else 3)
    args.checkout = os.path.abspath(args.checkout)
    if args.cpu >= 0 and not shutil.which("taskset"):
        args.cpu = -1
    if not args.java:
        found = subprocess.run(["bash", os.path.join(os.path.dirname(HERE), ".ci", "find-jdk")], stdout=subprocess.PIPE,
                               text=True)
        if found.returncode != 0:
            usage("no JDK >= 21 found (give --java)")
        args.java = os.path.join(found.stdout.strip(), "bin", "java")
    for module in (LOGS, SLACK, ECS):
        if not os.path.isfile(os.path.join(args.checkout, module, "target", module + ".jar")):
            usage("%s/target/%s.jar is missing: build the jars in %s first (./mvnw -q -B -ntp -DskipTests package)"
                  % (module, module, args.checkout))
    selected = [c for c in cases(os.path.dirname(HERE), args.quick)
                if not args.only or re.search(args.only, c.name + " " + c.module)]
    if not selected:
        usage("no case matches --only %s" % args.only)
    started, load_before = time.perf_counter(), os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="alert-relay-hostile-") as work:
        agent = clock_agent(args.java, work)
        files = {}
        for n, case in enumerate(selected):
            for side, text in case.events.items():
                files[(n, side)] = os.path.join(work, "%02d-%s.json" % (n, side))
                with open(files[(n, side)], "w", encoding="utf-8") as f:
                    f.write(text)
        # Unmeasured: the page cache holds each jar and the JVM before the first timed run.
        for module in (LOGS, SLACK, ECS):
            jar = os.path.join(args.checkout, module, "target", module + ".jar")
            subprocess.run(command(args, agent, jar, "--help"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for round_number in range(args.runs):
            for n, case in enumerate(selected):
                order = ("benign", "hostile") if round_number % 2 == 0 else ("hostile", "benign")
                for side in order:
                    if not case.done[side]:
                        run_once(args, agent, case, side, files[(n, side)])
    results = [(case, verdict(case, args.max_ratio, args.max_seconds)) for case in selected]
    print(table(results))
    failed = sum(1 for _, (_, _, r) in results if r.startswith("FAILED"))
    slow = sum(1 for _, (_, _, r) in results if r.startswith("SLOW"))
    worst = max((r[0] for _, r in results if not r[2].startswith("FAILED")), default=0)
    print("\n%d cases: %d ok, %d FAILED, %d SLOW (ratio > %g or over %g s); worst ratio of the cases that ran: %.1f; "
          "%s, %s, %s; load %.2f before, %.2f after; %.0f s"
          % (len(results), len(results) - failed - slow, failed, slow, args.max_ratio, args.max_seconds, worst,
             "pinned to CPU %d" % args.cpu if args.cpu >= 0 else "not pinned", " ".join(LAMBDA_JVM_OPTIONS),
             os.path.basename(os.path.dirname(os.path.dirname(args.java))), load_before, os.getloadavg()[0],
             time.perf_counter() - started))
    sys.exit(1 if failed or slow else 0)


if __name__ == "__main__":
    main()
