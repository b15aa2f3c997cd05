#!/usr/bin/env python3
"""Renders docs/slack-buttons.png: the top message of an alarm's thread in Slack app mode with its buttons
(SLACK_ACTIONS=on), and the same message after Alice clicked Acknowledge and Bob clicked Silence 1 h, with the
thread's replies. Nothing in it is made up: the real jars run against moto (DynamoDB, the thread table) and a Slack
Web API stand-in that records each call, and the picture is drawn from those calls with docs/render-slack-thread.py's
functions. The clicks are signed like events/make-slack-actions.py's samples, at the current time.

Run from the project root after ./mvnw package; needs moto_server and the AWS CLI on the PATH, a JDK >= 21
(.ci/find-jdk) and Chromium (not part of CI: apt-get update && apt-get install -y chromium):
    python3 docs/render-slack-buttons.py
"""
import importlib.util, json, os, socket, subprocess, sys, threading, time, urllib.parse
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load(path, name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


render = load("docs/render-slack-thread.py", "render_slack_thread")
samples = load("events/make-slack-actions.py", "make_slack_actions")

EVENT = "events/alarm-sns-alb-healthyhostcount.json"
CLICKS = ["acknowledge", "silence-1h"]  # Alice, then Bob (make-slack-actions.USERS)
TABLE = "alert-relay-threads"
CHANNEL = "C0ALERTS01"
render.MENTIONS.update({user_id: name for user_id, name in samples.USERS.values()})
# Slack's :raising_hand: and :no_bell:, drawn (headless Chromium may have no emoji font).
render.ICONS.update({
    "raising_hand": '<svg class="icon" viewBox="0 0 16 16"><path d="M4 9V4.5a1 1 0 0 1 2 0V8V3a1 1 0 0 1 2 0v5V3.5a1 1 0 0 1 '
                    '2 0V8V5a1 1 0 0 1 2 0v5.5C12 13 10.5 15 8 15S4.5 13.5 3.5 12L2 9.5a1 1 0 0 1 1.7-1z" fill="#f2c14e" '
                    'stroke="#b8860b" stroke-width=".7"/></svg>',
    "no_bell": '<svg class="icon" viewBox="0 0 16 16"><path d="M8 2a4 4 0 0 0-4 4v3.5L2.5 12h11L12 9.5V6a4 4 0 0 0-4-4z" '
               'fill="#f2c14e" stroke="#b8860b" stroke-width=".7"/><circle cx="8" cy="13.6" r="1.4" fill="#b8860b"/>'
               '<line x1="2" y1="14.5" x2="14" y2="1.5" stroke="#d13212" stroke-width="1.8"/></svg>',
})


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SlackStandIn(BaseHTTPRequestHandler):
    """The Web API at http://127.0.0.1:<port>/api/<method>: records each call, answers as Slack would."""
    calls = []
    posted = 2100

    def do_POST(self):
        method = self.path.rsplit("/", 1)[-1]
        body = self.rfile.read(int(self.headers.get("content-length", 0))).decode()
        if "json" in self.headers.get("content-type", ""):
            arguments = json.loads(body)
        else:
            arguments = dict(urllib.parse.parse_qsl(body))
        answer = {"ok": True}
        if method == "chat.postMessage":
            answer.update(ts="1763694313.40%04d" % SlackStandIn.posted, channel=CHANNEL)
            SlackStandIn.posted += 1
        SlackStandIn.calls.append({"method": method, "arguments": arguments, "answer": answer, "at": time.time()})
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json; charset=utf-8")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def run_jar(java, jar, args, env, stdin=None):
    result = subprocess.run([java, "-jar", os.path.join(ROOT, jar), *args], cwd=ROOT, env=env, input=stdin,
                            capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("%s failed (%d):\n%s%s" % (jar, result.returncode, result.stdout, result.stderr))


def thread_calls():
    """Runs the ALARM and the two clicks for real; returns the Web API calls the stand-in recorded."""
    java = os.path.join(subprocess.run(["bash", os.path.join(ROOT, ".ci/find-jdk")], check=True, capture_output=True,
                                       text=True).stdout.strip(), "bin", "java")
    moto_port = free_port()
    aws = dict(os.environ, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing", AWS_REGION="ap-northeast-1",
               AWS_DEFAULT_REGION="ap-northeast-1", AWS_EC2_METADATA_DISABLED="true")
    endpoint = "http://127.0.0.1:%d" % moto_port
    moto = subprocess.Popen(["moto_server", "-p", str(moto_port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    slack = ThreadingHTTPServer(("127.0.0.1", 0), SlackStandIn)
    threading.Thread(target=slack.serve_forever, daemon=True).start()
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", moto_port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        subprocess.run(["aws", "dynamodb", "create-table", "--endpoint-url", endpoint, "--table-name", TABLE,
                        "--attribute-definitions", "AttributeName=id,AttributeType=S", "--key-schema",
                        "AttributeName=id,KeyType=HASH", "--billing-mode", "PAY_PER_REQUEST"],
                       env=aws, check=True, capture_output=True)
        env = dict(aws, SLACK_BOT_TOKEN="xoxb-example", SLACK_CHANNEL_ID=CHANNEL, ALARM_STATE_TABLE=TABLE,
                   SLACK_API_URL="http://127.0.0.1:%d/api" % slack.server_address[1], SLACK_ACTIONS="on",
                   ALARM_CHARTS="off", AWS_ENDPOINT_URL=endpoint, SLACK_SIGNING_SECRET=samples.SAMPLE_SIGNING_SECRET,
                   SLACK_TEAM_ID=samples.TEAM["id"])
        run_jar(java, "alarm-to-slack/target/alarm-to-slack.jar", [EVENT], env)
        samples.TOP_TS = next(c for c in SlackStandIn.calls if c["method"] == "chat.postMessage")["answer"]["ts"]
        for n, action in enumerate(CLICKS):
            samples.AT = datetime.now(timezone.utc)
            run_jar(java, "slack-actions/target/slack-actions.jar", ["-"], env, json.dumps(samples.click(action, n + 1)))
        return SlackStandIn.calls
    finally:
        slack.shutdown()
        slack.server_close()
        os.killpg(moto.pid, 15)
        moto.wait()


def hhmm(call):
    return datetime.fromtimestamp(call["at"], timezone.utc).strftime("%H:%M")


def page(calls):
    posts = [c for c in calls if c["method"] == "chat.postMessage"]
    top = posts[0]
    top_ts = top["answer"]["ts"]
    updates = [c for c in calls if c["method"] == "chat.update" and c["arguments"].get("ts") == top_ts]
    replies = [c for c in posts if c["arguments"].get("thread_ts") == top_ts]
    before = render.message(top["arguments"], hhmm(top))
    after = render.message(updates[-1]["arguments"], hhmm(top)) + '<div class="divider">%d replies</div>' % len(
        replies) + "".join(render.message(r["arguments"], hhmm(r)) for r in replies)
    panel = '<div class="panel"><div class="label">%s</div><div class="bar">Thread <span># alerts</span></div>%s</div>'
    return ('<!doctype html><meta charset="utf-8"><style>\n%s\n%s</style><div class="panels">%s%s</div></html>' % (
        render.STYLE, EXTRA_STYLE, panel % ("Before: the alarm's top message, with its buttons", before),
        panel % ("After Alice clicked Acknowledge and Bob clicked Silence 1 h", after)))


EXTRA_STYLE = """body{width:auto;background:#f4f4f4}.panels{display:flex;gap:24px;padding:16px;background:#f4f4f4;align-items:flex-start}
.panel{width:640px;background:#fff;border:1px solid #ddd;border-radius:8px;overflow:hidden}
.label{font-weight:700;font-size:13px;color:#616061;padding:8px 16px;background:#fafafa;border-bottom:1px solid #eee}
.button.danger{color:#e01e5a;border-color:#e01e5a}.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}
.icon{width:15px;height:15px;vertical-align:-2px;margin-right:2px}.context .icon~.icon{margin-left:8px}"""


def main():
    render.screenshot(page(thread_calls()), "docs/slack-buttons.png", 1330, 830)


if __name__ == "__main__":
    sys.exit(main())
