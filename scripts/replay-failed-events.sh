#!/usr/bin/env bash
# Replays what landed in a failure queue through a function's jar, one message at a time, and deletes a message only
# when its replay succeeded (a failed one reappears after the visibility timeout). Configure the function exactly as
# in Lambda, through the environment (SLACK_WEBHOOK_URL_PARAMETER=..., AWS credentials and region).
#   usage: scripts/replay-failed-events.sh <function.jar> <queue-url> [--dry-run] [--max N]
#   --dry-run  print what would be sent; send nothing, delete nothing
set -euo pipefail
usage() {
  cat >&2 <<'USAGE'
Replays what landed in a failure queue through a function's jar, one message at a time, and deletes a message only
when its replay succeeded (a failed one reappears after the visibility timeout). Configure the function exactly as
in Lambda, through the environment (SLACK_WEBHOOK_URL_PARAMETER=..., AWS credentials and region).
  usage: scripts/replay-failed-events.sh <function.jar> <queue-url> [--dry-run] [--max N]
  --dry-run  print what would be sent; send nothing, delete nothing, and make every peeked message visible again
  --max N    replay at most N messages (default 100)
USAGE
  exit 2
}
[[ $# -ge 2 ]] || usage
jar="$1" queue="$2"; shift 2
dry_run="" max=100
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dry-run) dry_run="--dry-run" ;;
    --max) max="$2"; shift ;;
    *) echo "unknown option $1" >&2; usage ;;
  esac
  shift
done
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# AWS CLI v1 ignores AWS_ENDPOINT_URL for SQS; pass it on explicitly (moto, LocalStack, VPC endpoints).
sqs() { aws ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} sqs "$@"; }
message="$(mktemp)"
peeked=()
# A dry run must not hide what it looked at: the messages it received become visible again at once, not after
# the two-minute visibility timeout (a real replay right after it would otherwise find nothing).
release_peeked() {
  for handle in "${peeked[@]}"; do
    sqs change-message-visibility --queue-url "$queue" --receipt-handle "$handle" --visibility-timeout 0 || true
  done
  rm -f "$message"
}
trap release_peeked EXIT

replayed=0 failed=0
for ((i = 0; i < max; i++)); do
  sqs receive-message --queue-url "$queue" --max-number-of-messages 1 --visibility-timeout 120 \
    --wait-time-seconds 0 --output json >"$message"
  receipt="$(python3 -c 'import json,sys
try: m = json.load(open(sys.argv[1]))["Messages"][0]
except (ValueError, KeyError, IndexError): sys.exit(0)
print(m["ReceiptHandle"])' "$message")"
  [[ -n "$receipt" ]] || break
  [[ -z "$dry_run" ]] || peeked+=("$receipt")
  if "$JAVA" -jar "$jar" $dry_run --replay "$message"; then
    replayed=$((replayed + 1))
    [[ -n "$dry_run" ]] || sqs delete-message --queue-url "$queue" --receipt-handle "$receipt"
  else
    failed=$((failed + 1))
    echo "replay failed; the message stays in the queue" >&2
  fi
done
echo "replayed $replayed, failed $failed${dry_run:+ (dry run: nothing sent or deleted)}" >&2
[[ $failed -eq 0 ]]
