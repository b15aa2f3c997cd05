#!/usr/bin/env bash
# Cold start, warm handler time and jar size of every function, with the Python blueprint as the yardstick.
# Not part of the build or the test suite: run it by hand on a quiet machine.
#
#   usage: bench/run.sh [--runs N] [--build] [--no-tuned] [--quick]
#     --runs N    cold runs per configuration (default 7, at least 5)
#     --build     build the jars and test classes first (./mvnw package -DskipTests); done anyway when they are missing
#     --no-tuned  leave out the labelled extra rows with the recommended JVM options
#     --quick     shorter warm-up and timing for the warm benchmark (a smoke test of the script, not for results)
#
# Needs: a JDK >= 21 (found by .ci/find-jdk), GNU /usr/bin/time, python3.11 with boto3, moto_server, the aws CLI.
# Everything runs on 127.0.0.1 with dummy credentials; every process started here is stopped on exit.
# Prints a Markdown report and writes it to bench/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

runs=7 build=0 tuned=1 quick=0
while (($#)); do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --build) build=1; shift ;;
    --no-tuned) tuned=0; shift ;;
    --quick) quick=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "bench/run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

for tool in /usr/bin/time taskset python3.11 moto_server aws curl; do
  command -v "$tool" >/dev/null || { echo "bench/run.sh: $tool is required" >&2; exit 2; }
done
JAVA_HOME="$(.ci/find-jdk)"; export JAVA_HOME
java="$JAVA_HOME/bin/java"
# The interpreter itself, not a version-manager shim (a pyenv shim is a shell script that would add its own start-up).
python="$(python3.11 -c 'import sys; print(sys.executable)')"
"$python" -c 'import boto3' || { echo "bench/run.sh: $python has no boto3" >&2; exit 2; }

jars=(alarm-to-slack/target/alarm-to-slack.jar ecs-task-stopped/target/ecs-task-stopped.jar
      logs-error-to-pagerduty/target/logs-error-to-pagerduty.jar)
harness=common/target/test-classes/dev/alertrelay/common/testing/WarmBenchmark.class
missing=0
for f in "${jars[@]}" "$harness"; do [[ -f "$f" ]] || missing=1; done
if ((build || missing)); then
  echo "building the jars (./mvnw package -DskipTests) with $JAVA_HOME" >&2
  ./mvnw -q -B -ntp package -DskipTests
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
moto_port="$(free_port)" slack_port="$(free_port)" pagerduty_port="$(free_port)"

moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 & pids+=($!)
"$python" bench/receivers.py "$slack_port" "$pagerduty_port" >"$work/receivers.log" 2>&1 & pids+=($!)

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
ready=0
for _ in $(seq 1 150); do
  if curl -sf -o /dev/null "$AWS_ENDPOINT_URL/moto-api/" && curl -sf -o /dev/null "http://127.0.0.1:$slack_port/_count" \
      && curl -sf -o /dev/null "http://127.0.0.1:$pagerduty_port/_count"; then
    ready=1; break
  fi
  sleep 0.1
done
((ready)) || { echo "bench/run.sh: moto or the receivers did not start" >&2; cat "$work"/*.log >&2; exit 1; }

# The webhook URL and the routing key, KMS-encrypted as the Lambda console's helper does it: bound to the function name.
# fileb:// because AWS CLI v1 would fetch a URL-looking --plaintext argument.
key_id="$(aws kms create-key --query KeyMetadata.KeyId --output text)"
printf '%s' "http://127.0.0.1:$slack_port/services/T000/B000/XXXX" >"$work/webhook.txt"
printf '%s' "R0UT1NGKEY0BENCH0000000000000000" >"$work/routing-key.txt"
encrypt() { # $1 = plaintext file, $2 = function name
  aws kms encrypt --key-id "$key_id" --plaintext "fileb://$1" --encryption-context "LambdaFunctionName=$2" \
    --query CiphertextBlob --output text
}
ciphertexts=(
  --ciphertext "alert-relay-AlarmToSlack=$(encrypt "$work/webhook.txt" alert-relay-AlarmToSlack)"
  --ciphertext "alert-relay-EcsTaskStopped=$(encrypt "$work/webhook.txt" alert-relay-EcsTaskStopped)"
  --ciphertext "alert-relay-LogsErrorToPagerDuty=$(encrypt "$work/routing-key.txt" alert-relay-LogsErrorToPagerDuty)"
)

options=() command="bench/run.sh --runs $runs"
if ((tuned)); then
  # AppCDS: what an archive would give, for comparison only (tied to one JVM build; see FACTS.md and the README).
  options+=(--tuned-options "-XX:TieredStopAtLevel=1 -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile={archive}")
else
  command+=" --no-tuned"
fi
if ((quick)); then
  options+=(--warmup-millis 300 --measure-millis 600)
  command+=" --quick"
fi

"$python" bench/cold.py --root "$root" --java "$java" --python "$python" \
  --slack-url "http://127.0.0.1:$slack_port" --pagerduty-url "http://127.0.0.1:$pagerduty_port" \
  "${ciphertexts[@]}" --runs "$runs" "${options[@]}" --out bench/results.md --command "$command"
