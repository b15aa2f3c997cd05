#!/usr/bin/env bash
# The on-call side (pagerduty/), checked offline: formatting, every PagerDuty block against the provider's real schema
# (and that the check catches a broken module), the AWS hand-off module validated with the local AWS provider mirror,
# and end to end against moto: Terraform writes the routing key into SSM as it would in AWS, the logs function reads it
# through PAGERDUTY_ROUTING_KEY_PARAMETER and sends to a local PagerDuty stand-in. What cannot be checked here: a real
# terraform plan/apply against PagerDuty (the provider cannot be downloaded on these machines).
#   usage: .ci/check-pagerduty.sh WORK_DIR   (a scratch directory; the caller removes it)
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:?usage: .ci/check-pagerduty.sh WORK_DIR}"
mirror="${TERRAFORM_PROVIDER_MIRROR:-/opt/tf-plugins}"
export TF_IN_AUTOMATION=1 TF_CLI_CONFIG_FILE=/dev/null CHECKPOINT_DISABLE=1

echo "terraform fmt -check -recursive pagerduty/"
terraform fmt -check -recursive pagerduty/

echo "PagerDuty blocks against provider 3.30.8's schema"
npm ci --prefix .ci/pagerduty-schema --no-audit --no-fund --loglevel=error >/dev/null
node .ci/pagerduty-schema/check.mjs pagerduty/
if node .ci/pagerduty-schema/check.mjs .ci/pagerduty-schema/broken >"$work/broken.out" 2>&1; then
  echo "CI: the schema check passed a module that is broken on purpose" >&2; exit 1
fi
for expected in misspelled_argument missing_required_argument misspelled_block missing_nested_required_argument no_such_resource; do
  grep -q "\.$expected" "$work/broken.out" || { echo "CI: the schema check missed the mistake in $expected" >&2; cat "$work/broken.out" >&2; exit 1; }
done
echo "the schema check reports each of the 5 mistakes in .ci/pagerduty-schema/broken"

echo "terraform validate pagerduty/modules/routing-key-ssm (AWS provider from $mirror)"
cp -r pagerduty/modules/routing-key-ssm "$work/validate"
(cd "$work/validate" && terraform init -backend=false -input=false -plugin-dir="$mirror" >/dev/null && terraform validate -no-color)

echo "end to end against moto: terraform writes the SecureString, logs-error-to-pagerduty reads it"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pd_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 & moto_pid=$!
python3 - "$pd_port" "$work/pagerduty-bodies" >"$work/pd.log" 2>&1 <<'PY' & pd_pid=$!
import http.server, sys
out = sys.argv[2]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with open(out, "ab") as f:
            f.write(body + b"\n")
        self.send_response(202); self.send_header("Content-Type", "application/json"); self.end_headers()
        self.wfile.write(b'{"status":"success","message":"Event processed","dedup_key":"x"}')
    def log_message(self, *a):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
PY
trap 'kill $moto_pid $pd_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/moto-api/" && break; sleep 0.1; done

key="R0UT1NGKEYFROMTERRAFORM000000001"
mkdir -p "$work/handoff"
cat >"$work/handoff/main.tf" <<TF
provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  endpoints {
    ssm = "http://127.0.0.1:$port"
  }
}
variable "routing_key" {
  type      = string
  sensitive = true
}
module "routing_key" {
  source      = "$(pwd)/pagerduty/modules/routing-key-ssm"
  routing_key = var.routing_key
}
output "parameter_name" {
  value = module.routing_key.parameter_name
}
TF
(cd "$work/handoff" && terraform init -input=false -plugin-dir="$mirror" >/dev/null \
  && TF_VAR_routing_key="$key" terraform apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1) \
  || { cat "$work/apply.log" >&2; exit 1; }
if grep -rq "$key" "$work/handoff/terraform.tfstate" "$work/apply.log"; then
  echo "CI: the routing key is in plain text in the Terraform state or output" >&2; exit 1
fi
parameter=$(cd "$work/handoff" && terraform output -raw parameter_name)
echo "terraform wrote $parameter (write-only: the key is not in the state)"

AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_ENDPOINT_URL="http://127.0.0.1:$port" \
  PAGERDUTY_ROUTING_KEY_PARAMETER="$parameter" PAGERDUTY_EVENTS_URL="http://127.0.0.1:$pd_port/v2/enqueue" \
  java -jar logs-error-to-pagerduty/target/logs-error-to-pagerduty.jar events/logs-alarm-sns-alarm.json 2>"$work/run.log" \
  || { cat "$work/run.log" >&2; exit 1; }
grep -q "\"routing_key\":\"$key\"" "$work/pagerduty-bodies" \
  || { echo "CI: the PagerDuty stand-in did not get the routing key Terraform stored" >&2; exit 1; }
if grep -q "$key" "$work/run.log"; then echo "CI: the routing key reached the function's log" >&2; exit 1; fi
echo "logs-error-to-pagerduty sent with the key from $parameter; the key is in no log"
