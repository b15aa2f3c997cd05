#!/usr/bin/env python3
"""Writes the signed Slack interactivity samples: a click on each button of the thread of
alarm-sns-alb-healthyhostcount.json, as a Lambda function URL delivers it (payload format 2.0; Slack's form body,
which function URLs hand over base64-encoded).

They are signed with the local runner's sample signing secret, at 03:07:30 UTC on the alarm's day, so run them as
of then:  java -jar slack-actions/target/slack-actions.jar --dry-run --at 2026-11-21T03:07:30Z events/slack-action-acknowledge.json
  usage: python3 events/make-slack-actions.py      (rewrites events/slack-action-*.json)
"""
import base64
import hashlib
import hmac
import json
import urllib.parse
from datetime import datetime, timezone
from pathlib import Path

SAMPLE_SIGNING_SECRET = "alert-relay-sample-signing-secret"   # SlackActionsHandler.SAMPLE_SIGNING_SECRET
TEAM = {"id": "T0SAMPLE01", "domain": "example-shop"}           # SlackActionsHandler.SAMPLE_TEAM_ID
CHANNEL = "C0ALERTS01"
TOP_TS = "1763694313.402100"
THREAD = "alarm|arn:aws:cloudwatch:ap-northeast-1:123456789012:alarm:shop-alb-no-healthy-hosts"
AT = datetime(2026, 11, 21, 3, 7, 30, tzinfo=timezone.utc)
USERS = {"acknowledge": ("U0ALICE001", "alice"), "silence-1h": ("U0BOB00001", "bob"),
         "silence-until-ok": ("U0BOB00001", "bob"), "unsilence": ("U0BOB00001", "bob"), "page": ("U0CAROL001", "carol")}


def click(action, seconds):
    user_id, user_name = USERS[action]
    timestamp = str(int(AT.timestamp()))
    payload = {
        "type": "block_actions",
        "team": TEAM,
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": TEAM["id"]},
        "api_app_id": "A0SAMPLE01",
        "token": "deprecated-verification-token",
        "container": {"type": "message", "message_ts": TOP_TS, "channel_id": CHANNEL, "is_ephemeral": False},
        "trigger_id": "1234567890123.1234567890123.0123456789abcdef0123456789abcdef",
        "channel": {"id": CHANNEL, "name": "alerts"},
        "message": {"type": "message", "ts": TOP_TS, "bot_id": "B0SAMPLE01", "text": "ALARM: shop-alb-no-healthy-hosts"},
        "response_url": "https://hooks.slack.com/actions/T0SAMPLE01/1234567890123/sample",
        "actions": [{
            "type": "button", "block_id": "alert-relay-actions", "action_id": "alert-relay:" + action,
            "text": {"type": "plain_text", "text": action, "emoji": True}, "value": THREAD,
            "action_ts": "%d.%06d" % (int(AT.timestamp()), seconds),
        }],
    }
    body = "payload=" + urllib.parse.quote(json.dumps(payload, separators=(",", ":")), safe="")
    signature = "v0=" + hmac.new(SAMPLE_SIGNING_SECRET.encode(), ("v0:%s:%s" % (timestamp, body)).encode(),
                                 hashlib.sha256).hexdigest()
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": "/",
        "rawQueryString": "",
        "headers": {
            "content-type": "application/x-www-form-urlencoded",
            "host": "abcdefghijklmnopqrstuvwxyz012345.lambda-url.ap-northeast-1.on.aws",
            "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            "x-slack-request-timestamp": timestamp,
            "x-slack-signature": signature,
            "x-forwarded-proto": "https",
        },
        "requestContext": {
            "accountId": "anonymous",
            "apiId": "abcdefghijklmnopqrstuvwxyz012345",
            "domainName": "abcdefghijklmnopqrstuvwxyz012345.lambda-url.ap-northeast-1.on.aws",
            "http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "203.0.113.7",
                     "userAgent": "Slackbot 1.0 (+https://api.slack.com/robots)"},
            "requestId": "c0ffee00-0000-4000-8000-%012d" % seconds,
            "routeKey": "$default",
            "stage": "$default",
            "time": AT.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(AT.timestamp() * 1000),
        },
        "body": base64.b64encode(body.encode()).decode(),
        "isBase64Encoded": True,
    }


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for n, action in enumerate(USERS):
        (here / ("slack-action-%s.json" % action)).write_text(json.dumps(click(action, n + 1), indent=2) + "\n")
