#!/usr/bin/env python3
"""The measuring half of bench/run.sh (which starts moto, the loopback receivers and encrypts the secrets, then calls
this with everything it needs in the environment). Standard library only.

Measures, in one run:
  * cold invoke: a fresh `java -jar <function>.jar <event>` per run with a plain secret and with a KMS-encrypted one
    (decrypted through moto), and, interleaved in the same rounds, a fresh Python process doing the cloudwatch-alarm-to-slack
    blueprint's work (bench/blueprint.py); wall time (time.perf_counter around the process) and peak RSS (GNU
    /usr/bin/time %M). Each run must exit 0 and the loopback receiver must have got its POSTs, or the benchmark fails.
    The order of the configurations rotates every round so none always runs first.
  * optional labelled rows with extra JVM options (--tuned-options), after one unmeasured training run per jar (the
    AppCDS archive is written at the end of that run);
  * warm: WarmBenchmark (common test sources) in one JVM per function, dry-run, no network;
  * jar sizes;
and prints a Markdown report, also written to --out.
"""
import argparse
import os
import platform
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import make_log_batch  # noqa: E402

FUNCTIONS = [
    # module, sample event, function name the ciphertext is bound to, secret variable, receiver
    ("alarm-to-slack", "events/alarm-sns-alb-healthyhostcount.json", "alert-relay-AlarmToSlack", "SLACK_WEBHOOK_URL", "slack"),
    ("ecs-task-stopped", "events/ecs-crashed-service.json", "alert-relay-EcsTaskStopped", "SLACK_WEBHOOK_URL", "slack"),
    ("logs-error-to-pagerduty", "events/logs-subscription-plain.json", "alert-relay-LogsErrorToPagerDuty",
     "PAGERDUTY_ROUTING_KEY", "pagerduty"),
]
ROUTING_KEY = "R0UT1NGKEY0BENCH0000000000000000"
# Issue 10's targets: plain secret at most 0.8 x the blueprint, KMS at most 2.0 x (the goal is 1.0), jars at most 15 MB.
TARGETS = {"plain_ratio": 0.8, "kms_ratio": 2.0, "kms_goal": 1.0, "jar_mb": 15.0, "warm_event_ms": 1.0, "batch_ms": 100.0}
# What Lambda's java21 and java25 (without SnapStart) runtimes run: tiered compilation stopped at level 1
# (https://docs.aws.amazon.com/lambda/latest/dg/java-customization.html).
LAMBDA_JVM_OPTIONS = ["-XX:TieredStopAtLevel=1"]


class Config:
    def __init__(self, label, module, secret, command, env, receiver, expected_posts, tuned=False):
        self.label, self.module, self.secret = label, module, secret
        self.command, self.env, self.receiver = command, env, receiver
        self.expected_posts, self.tuned = expected_posts, tuned
        self.walls, self.rss_kb = [], []


def count(url):
    with urllib.request.urlopen(url + "/_count", timeout=5) as response:
        return int(response.read())


def run_once(config, receivers, time_file):
    before = count(receivers[config.receiver])
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", time_file, *config.command], env=config.env,
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)
    wall = time.perf_counter() - start
    received = count(receivers[config.receiver]) - before
    if done.returncode != 0 or received < config.expected_posts:
        sys.exit("cold run failed: %s (exit %d, %d of %d POSTs received)\n  command: %s\n%s" % (
            config.label, done.returncode, received, config.expected_posts, shlex.join(config.command),
            done.stderr.decode(errors="replace")[-3000:]))
    with open(time_file) as f:
        rss_kb = int(f.read().split()[-1])
    return wall, rss_kb


def loadavg():
    with open("/proc/loadavg") as f:
        return tuple(float(x) for x in f.read().split()[:3])


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def first_line(command):
    done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.stdout.strip().splitlines()[0] if done.stdout.strip() else "unknown"


def base_env():
    keep = ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
            "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL")
    return {k: os.environ[k] for k in keep if k in os.environ}


def pinned(args, command):
    """A Lambda function of up to 1,769 MB has at most one vCPU: every cold run, Java and Python alike, gets one CPU."""
    return ["taskset", "-c", str(args.cpu), *command] if args.cpu >= 0 else command


def cold_configs(args, receivers, ciphertexts, work):
    configs = []
    tuned = shlex.split(args.tuned_options) if args.tuned_options else []
    for module, event, function_name, secret, receiver in FUNCTIONS:
        jar = os.path.join(args.root, module, "target", module + ".jar")
        expected = args.expected_pagerduty if receiver == "pagerduty" else 1
        plain_value = ROUTING_KEY if receiver == "pagerduty" else receivers["slack"] + "/services/T000/B000/XXXX"
        for kind in ("plain", "KMS"):
            env = dict(base_env(), AWS_LAMBDA_FUNCTION_NAME=function_name)
            if receiver == "pagerduty":
                env["PAGERDUTY_EVENTS_URL"] = receivers["pagerduty"] + "/v2/enqueue"
            if kind == "plain":
                env[secret] = plain_value
            else:
                env[secret + "_ENCRYPTED"] = ciphertexts[function_name]
            configs.append(Config("%s %s" % (module, kind), module, kind,
                                  pinned(args, [args.java, *LAMBDA_JVM_OPTIONS, "-jar", jar, event]), env, receiver, expected))
            if tuned:
                archive = os.path.join(work, module + ".jsa")
                options = [o.replace("{archive}", archive) for o in tuned]
                configs.append(Config("%s %s, tuned" % (module, kind), module, kind,
                                      pinned(args, [args.java, *options, "-jar", jar, event]), dict(env), receiver, expected,
                                      tuned=True))
        if module == "alarm-to-slack":
            env = dict(base_env(), AWS_LAMBDA_FUNCTION_NAME=function_name, kmsEncryptedHookUrl=ciphertexts[function_name],
                       slackChannel="#alerts")
            configs.append(Config("blueprint (Python)", "blueprint", "KMS",
                                  pinned(args, [args.python, os.path.join(HERE, "blueprint.py"), event]), env, "slack", 1))
    return configs


def measure_cold(args, configs, receivers, work):
    time_file = os.path.join(work, "time.txt")
    # Unmeasured: warm the page cache for every jar and interpreter, and write the AppCDS archives of the tuned rows.
    for config in configs:
        run_once(config, receivers, time_file)
    loads = []
    for round_number in range(args.runs):
        loads.append(loadavg()[0])
        shift = round_number % len(configs)
        for config in configs[shift:] + configs[:shift]:
            wall, rss = run_once(config, receivers, time_file)
            config.walls.append(wall)
            config.rss_kb.append(rss)
        print("  round %d/%d done (load %.2f)" % (round_number + 1, args.runs, loads[-1]), file=sys.stderr)
    loads.append(loadavg()[0])
    return loads


def measure_warm(args, work):
    batch = os.path.join(work, "logs-batch-10000.json")
    decoded_size, delivered_size = make_log_batch.write(batch, 10000)
    results = {}
    test_classes = os.path.join(args.root, "common", "target", "test-classes")
    for module, event, *_ in FUNCTIONS:
        events = [event] + ([batch] if module == "logs-error-to-pagerduty" else [])
        jar = os.path.join(args.root, module, "target", module + ".jar")
        command = [args.java, "-cp", jar + os.pathsep + test_classes, "dev.alertrelay.common.testing.WarmBenchmark",
                   "--warmup-millis", str(args.warmup_millis), "--measure-millis", str(args.measure_millis), *events]
        env = dict(base_env())
        done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, timeout=600)
        if done.returncode != 0:
            sys.exit("warm benchmark failed for %s:\n%s" % (module, done.stderr[-3000:]))
        for line in done.stderr.splitlines():
            if line.startswith("warm\t"):
                fields = line.split("\t")
                values = dict(f.split("=", 1) for f in fields[2:])
                results[(module, fields[1])] = values
    results["batch"] = "10,000 log events, %.2f MB decoded JSON, %.2f MB as delivered (bench/make_log_batch.py)" % (
        decoded_size / 1e6, delivered_size / 1e6)
    return results


def median(values):
    return statistics.median(values)


def report(args, configs, loads, warm, machine):
    out = []
    w = out.append
    w("# alert-relay benchmark results")
    w("")
    w("- Date: %s" % machine["date"])
    w("- Machine: %s, %s CPU(s) (`nproc`), %s MB RAM" % (machine["cpu"], machine["nproc"], machine["mem_mb"]))
    w("- JDK: %s; Python: %s, boto3 %s; moto %s" % (machine["jdk"], machine["python"], machine["boto3"], machine["moto"]))
    w("- Load average (1 min) at the start of each cold round: %s; before: %s; after: %s"
      % (", ".join("%.2f" % x for x in loads[:-1]), machine["load_before"], machine["load_after"]))
    w("- Command: `%s`" % machine["command"])
    w("")
    w("## Cold invoke: a fresh process per run, %d runs, rounds interleaved" % args.runs)
    w("")
    w("Wall time of the whole process (JVM or interpreter start, handler, delivery to the loopback receiver, exit); peak RSS from "
      "`/usr/bin/time -f %%M`. \"plain\": SLACK_WEBHOOK_URL / PAGERDUTY_ROUTING_KEY in clear; \"KMS\": the `_ENCRYPTED` variable, "
      "decrypted through moto with the encryption context LambdaFunctionName, by the AWS SDK for Java v2. %s; the JVM "
      "runs with `%s`, as Lambda's java21/java25 runtimes do without SnapStart." % (
          "Every process pinned to CPU %d (`taskset`): a Lambda function of up to 1,769 MB has at most one vCPU" % args.cpu
          if args.cpu >= 0 else "Not pinned", " ".join(LAMBDA_JVM_OPTIONS)))
    w("")
    w("| function | secret | command | median s | min - max s | median peak RSS MB | target |")
    w("|---|---|---|---:|---:|---:|---|")
    blueprint = next(c for c in configs if c.module == "blueprint")
    blueprint_median = median(blueprint.walls)
    for config in configs:
        m = median(config.walls)
        if config.module == "blueprint":
            command, target = "python3.11 bench/blueprint.py", "baseline"
        else:
            command = ("java %s -jar" % " ".join(LAMBDA_JVM_OPTIONS) if not config.tuned
                       else "java %s -jar" % args.tuned_options.replace("{archive}", "<f>.jsa"))
            ratio = m / blueprint_median
            limit = TARGETS["plain_ratio"] if config.secret == "plain" else TARGETS["kms_ratio"]
            target = "%.2f x blueprint (<= %.1f: %s)" % (ratio, limit, "met" if ratio <= limit else "NOT met")
            if config.tuned:
                target += " (extra row: not what users run)"
        w("| %s | %s | `%s` | %.3f | %.3f - %.3f | %.0f | %s |" % (
            config.module if config.module != "blueprint" else "blueprint (Python 3.11 + boto3)", config.secret, command, m,
            min(config.walls), max(config.walls), median(config.rss_kb) / 1024, target))
    alarm_kms = next(c for c in configs if c.module == "alarm-to-slack" and c.secret == "KMS" and not c.tuned)
    w("")
    alarm_plain = next(c for c in configs if c.module == "alarm-to-slack" and c.secret == "plain" and not c.tuned)
    w("**KMS cold start, alarm-to-slack / Python blueprint: %.2f** (median %.3f s / %.3f s; at most %.1f, goal %.1f). "
      "**Plain: %.2f** (median %.3f s; at most %.1f)."
      % (median(alarm_kms.walls) / blueprint_median, median(alarm_kms.walls), blueprint_median, TARGETS["kms_ratio"],
         TARGETS["kms_goal"], median(alarm_plain.walls) / blueprint_median, median(alarm_plain.walls), TARGETS["plain_ratio"]))
    w("")
    w("## Warm: handler time in one JVM after warm-up, dry-run (no network)")
    w("")
    w("`handleRequest` on the event again and again (payloads printed to /dev/null), in 15 timed rounds after %d ms of warm-up; "
      "median and best of the per-round means. \"first call\" is the same JVM's first `handleRequest` (class loading included)."
      % args.warmup_millis)
    w("")
    w("| function | event | median per call | best round | first call | calls timed | target | what the last call did |")
    w("|---|---|---:|---:|---:|---:|---|---|")
    for (module, event), v in warm.items():
        us = float(v["median_us"])
        limit_ms = TARGETS["batch_ms"] if event.startswith("logs-batch") else TARGETS["warm_event_ms"]
        target = "<= %g ms: %s" % (limit_ms, "met" if us / 1000 <= limit_ms else "NOT met")
        if module == "logs-error-to-pagerduty" and not event.startswith("logs-batch"):
            target = "(no target; %s)" % target
        w("| %s | %s | %.3f ms | %.3f ms | %.1f ms | %s | %s | %s |" % (
            module, event, us / 1000, float(v["min_us"]) / 1000, float(v["first_ms"]), v["calls"], target,
            v["last_log"].replace("|", "\\|")))
    w("")
    w("The 10,000-event batch: %s." % machine["batch"])
    w("")
    w("## Shaded jar sizes")
    w("")
    w("| function | bytes | MiB | target <= %g MiB |" % TARGETS["jar_mb"])
    w("|---|---:|---:|---|")
    for module, *_ in FUNCTIONS:
        size = os.path.getsize(os.path.join(args.root, module, "target", module + ".jar"))
        w("| %s | %d | %.2f | %s |" % (module, size, size / 2**20, "met" if size / 2**20 <= TARGETS["jar_mb"] else "NOT met"))
    w("")
    return "\n".join(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", required=True, help="the repository root")
    parser.add_argument("--java", required=True)
    parser.add_argument("--python", required=True, help="a Python 3.11 interpreter with boto3 (the real binary, not a shim)")
    parser.add_argument("--slack-url", required=True)
    parser.add_argument("--pagerduty-url", required=True)
    parser.add_argument("--ciphertext", action="append", default=[], help="FUNCTION_NAME=base64 ciphertext")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--expected-pagerduty", type=int, default=1, help="PagerDuty POSTs one logs run must make at least")
    parser.add_argument("--tuned-options", default="", help="extra JVM options for labelled extra rows; {archive} = a per-jar AppCDS file")
    parser.add_argument("--warmup-millis", type=int, default=6000, help="JIT warm-up per event; the 10,000-event batch needs seconds of calls before C2 settles")
    parser.add_argument("--measure-millis", type=int, default=3000)
    parser.add_argument("--skip-warm", action="store_true")
    parser.add_argument("--cpu", type=int, default=0, help="the CPU every cold run is pinned to (taskset); -1: not pinned")
    parser.add_argument("--out", required=True)
    parser.add_argument("--command", default="bench/run.sh")
    args = parser.parse_args()
    if args.runs < 5 or args.runs > 100:
        sys.exit("--runs must be from 5 to 100")
    ciphertexts = dict(c.split("=", 1) for c in args.ciphertext)
    receivers = {"slack": args.slack_url, "pagerduty": args.pagerduty_url}
    os.chdir(args.root)
    machine = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": cpu_model(),
        "nproc": os.cpu_count(),
        "mem_mb": os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20,
        "jdk": first_line([args.java, "-version"]),
        "python": first_line([args.python, "--version"]),
        "boto3": first_line([args.python, "-c", "import boto3; print(boto3.__version__)"]),
        "moto": first_line([args.python, "-c", "import moto; print(moto.__version__)"]),
        "load_before": "%.2f %.2f %.2f" % loadavg(),
        "command": args.command,
    }
    with tempfile.TemporaryDirectory(prefix="alert-relay-bench-") as work:
        configs = cold_configs(args, receivers, ciphertexts, work)
        print("cold: %d configurations x %d runs" % (len(configs), args.runs), file=sys.stderr)
        loads = measure_cold(args, configs, receivers, work)
        warm = {}
        if not args.skip_warm:
            print("warm: one JVM per function", file=sys.stderr)
            warm = measure_warm(args, work)
            machine["batch"] = warm.pop("batch")
        else:
            machine["batch"] = "not run (--skip-warm)"
    machine["load_after"] = "%.2f %.2f %.2f" % loadavg()
    text = report(args, configs, loads, warm, machine)
    print(text)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
