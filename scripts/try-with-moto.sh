#!/usr/bin/env bash
# Runs alarm-to-slack end to end with no AWS account: moto_server plays KMS, a tiny local server plays Slack.
# The webhook URL is KMS-encrypted exactly as the Lambda console's encryption helper does it (encryption context
# LambdaFunctionName), then the shaded jar decrypts it through moto and posts the message to the local server.
#   usage: scripts/try-with-moto.sh [event.json]     (needs moto_server, the aws CLI, python3 and a built jar)
set -euo pipefail
cd "$(dirname "$0")/.."
event="${1:-events/alarm-sns-alb-healthyhostcount.json}"
jar=alarm-to-slack/target/alarm-to-slack.jar
missing() { echo "scripts/try-with-moto.sh needs $1, which is not on the PATH ($2)" >&2; exit 2; }
command -v moto_server >/dev/null || missing moto_server "pip install 'moto[server]'"
command -v aws >/dev/null || missing "the AWS CLI (aws)" "pip install awscli, or AWS CLI v2"
command -v python3 >/dev/null || missing python3 "it plays Slack"
command -v curl >/dev/null || missing curl "it waits for moto to answer"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_major="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}' || true)"
[[ "$java_major" =~ ^[0-9]+$ ]] && (( java_major >= 21 )) \
  || missing "a JDK 21 or newer as java (or JAVA_HOME)" "found: ${java_major:-none}; .ci/find-jdk finds one"
[[ -f "$jar" ]] || { echo "build first: ./mvnw -q package -DskipTests" >&2; exit 2; }

work="$(mktemp -d)"
cleanup() { kill "${moto_pid:-}" "${slack_pid:-}" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
moto_port="$(free_port)"; slack_port="$(free_port)"

moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 & moto_pid=$!
python3 - "$slack_port" "$work/received.json" >"$work/slack.log" 2>&1 <<'PY' & slack_pid=$!
import http.server, sys
port, out = int(sys.argv[1]), sys.argv[2]
class Slack(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        open(out, "ab").write(body + b"\n")
        self.send_response(200); self.send_header("Content-Type", "text/html"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *args): pass
http.server.HTTPServer(("127.0.0.1", port), Slack).serve_forever()
PY

export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
for _ in $(seq 1 100); do curl -s -o /dev/null "$AWS_ENDPOINT_URL/moto-api/" && break; sleep 0.1; done

function_name=alert-relay-AlarmToSlack
printf '%s' "http://127.0.0.1:$slack_port/services/T000/B000/XXXX" >"$work/url.txt"
key_id="$(aws kms create-key --query KeyMetadata.KeyId --output text)"
ciphertext="$(aws kms encrypt --key-id "$key_id" --plaintext "fileb://$work/url.txt" \
  --encryption-context "LambdaFunctionName=$function_name" --query CiphertextBlob --output text)"

echo "KMS key $key_id; running $jar on $event" >&2
AWS_LAMBDA_FUNCTION_NAME="$function_name" SLACK_WEBHOOK_URL_ENCRYPTED="$ciphertext" "$JAVA" -jar "$jar" "$event"
echo "the local Slack received:" >&2
cat "$work/received.json"
