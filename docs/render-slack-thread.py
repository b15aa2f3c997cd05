#!/usr/bin/env python3
"""Renders docs/slack-thread.png: what Slack app mode makes of an alarm's lifecycle, drawn from the function's own
dry-run output (ALARM, then OK, of the founding sample), laid out like Slack's channel and thread views.

Run from the project root after ./mvnw package (needs chromium on the PATH; not part of CI):
    python3 docs/render-slack-thread.py
"""
import html, json, os, re, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "alarm-to-slack/target/alarm-to-slack.jar")
EVENTS = ["events/alarm-sns-alb-healthyhostcount.json", "events/alarm-sns-alb-healthyhostcount-ok.json"]


def dry_run():
    env = dict(os.environ, SLACK_BOT_TOKEN="xoxb-example", SLACK_CHANNEL_ID="C0ALERTS01", ALARM_STATE_TABLE="demo")
    out = subprocess.run(["java", "-jar", JAR, "--dry-run", *EVENTS], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


MENTIONS = {}  # Slack user id -> the name a <@U...> mention shows (else the id)


def mrkdwn(text):
    """Enough of Slack's mrkdwn for a picture: dates, links, user mentions, bold, italic, code."""
    text = re.sub(r"<!date\^\d+\^[^|>]*\|([^>]*)>", r"\1", text)
    parts = re.split(r"(<[^>]+>)", text)
    rendered = []
    for part in parts:
        if part.startswith("<") and "|" in part:
            url, label = part[1:-1].split("|", 1)
            rendered.append('<a href="#">%s</a>' % label)
        elif re.fullmatch(r"<@\w+>", part):
            rendered.append("\x00@%s\x01" % MENTIONS.get(part[2:-1], part[2:-1]))
        else:
            rendered.append(part)
    text = "".join(rendered).replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")
    text = html.escape(text, quote=False).replace("&lt;a href=\"#\"&gt;", '<a href="#">').replace("&lt;/a&gt;", "</a>")
    text = text.replace("\x00", '<span class="mention">').replace("\x01", "</span>")
    text = re.sub(r"`([^`]+)`", r"<code>\1</code>", text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"<i>\1</i>", text)
    return emoji(text.replace("\n", "<br>"))


DOTS = {"red_circle": "#d13212", "large_green_circle": "#2eb67d", "large_yellow_circle": "#ecb22e"}
ICONS = {name: '<span class="dot" style="background:%s"></span>' % colour for name, colour in DOTS.items()}


def emoji(text):
    """Slack's emoji codes drawn as ICONS, coloured dots by default (headless Chromium may have no emoji font)."""
    return re.sub(":(%s):" % "|".join(map(re.escape, ICONS)), lambda m: ICONS[m.group(1)], text)


def blocks(items):
    out = []
    for block in items:
        kind = block.get("type")
        if kind == "header":
            out.append('<div class="header">%s</div>' % emoji(html.escape(block["text"]["text"])))
        elif kind == "section" and "fields" in block:
            out.append('<div class="fields">%s</div>' % "".join('<div>%s</div>' % mrkdwn(f["text"]) for f in block["fields"]))
        elif kind == "section":
            out.append('<div class="section">%s</div>' % mrkdwn(block["text"]["text"]))
        elif kind == "actions":
            out.append('<div class="actions">%s</div>' % "".join(
                '<span class="button %s">%s</span>' % (e.get("style", ""), html.escape(e["text"]["text"])) for e in block["elements"]))
        elif kind == "context":
            out.append('<div class="context">%s</div>' % " ".join(mrkdwn(e["text"]) for e in block["elements"]))
    return "".join(out)


def message(args, time, extra=""):
    body = blocks(args.get("blocks", []))
    for attachment in args.get("attachments", []):
        body += '<div class="attachment" style="border-color:%s">%s</div>' % (attachment.get("color", "#ddd"),
                                                                          blocks(attachment["blocks"]))
    return ('<div class="message"><div class="avatar">AR</div><div><div class="who">alert-relay <span class="app">APP</span>'
            ' <span class="time">%s</span></div>%s%s</div></div>') % (time, body, extra)


def chart():
    """A stand-in for the PNG CloudWatch draws: HealthyHostCount falling to 0 under the threshold line."""
    points = [2] * 28 + [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2]
    path = " ".join("%s%d,%d" % ("M" if i == 0 else "L", 20 + i * 12, 150 - p * 55) for i, p in enumerate(points))
    return ('<div class="chart"><div class="charttitle">shop-alb-no-healthy-hosts</div><svg width="560" height="175">'
            '<rect x="20" y="95" width="520" height="62" fill="#d1321222"/><line x1="20" x2="540" y1="95" y2="95" stroke="#d13212" stroke-dasharray="4"/>'
            '<text x="470" y="90" font-size="11" fill="#d13212">Threshold 1</text><line x1="368" x2="368" y1="10" y2="160" stroke="#d13212"/>'
            '<text x="372" y="22" font-size="11" fill="#d13212">ALARM</text><path d="%s" fill="none" stroke="#1f77b4" stroke-width="2"/>'
            '<text x="20" y="172" font-size="11" fill="#666">00:05</text><text x="500" y="172" font-size="11" fill="#666">03:35</text></svg>'
            '<div class="legend">&#9632; HealthyHostCount (Minimum, 60 s)</div></div>') % path


STYLE = """body{margin:0;font:15px/1.45 -apple-system,'Segoe UI',Lato,Arial,sans-serif;color:#1d1c1d;background:#fff;width:760px}
.bar{background:#3f0e40;color:#fff;padding:10px 16px;font-weight:700}.bar span{font-weight:400;opacity:.7}
.message{display:flex;gap:10px;padding:10px 16px}.avatar{width:36px;height:36px;border-radius:6px;background:#d13212;color:#fff;
font-weight:700;display:flex;align-items:center;justify-content:center;flex:none}.who{font-weight:900}.app{font-size:10px;background:#ddd;
padding:1px 3px;border-radius:2px;color:#555;font-weight:600}.time{font-weight:400;color:#616061;font-size:12px}
.attachment{border-left:4px solid;padding:2px 0 2px 12px;margin-top:4px}.header{font-weight:900;font-size:17px;margin:4px 0}
.section{margin:4px 0}.fields{display:grid;grid-template-columns:1fr 1fr;gap:6px 16px;margin:6px 0}.context{font-size:12px;color:#616061}
.actions{margin:8px 0}.button{display:inline-block;border:1px solid #bbb;border-radius:4px;padding:3px 12px;margin-right:8px;font-weight:700;font-size:13px}
.button.primary{background:#007a5a;color:#fff;border-color:#007a5a}code{background:#f4f4f4;border:1px solid #ddd;border-radius:3px;padding:0 3px;
font-size:12px;color:#c01343}a{color:#1264a3;text-decoration:none}.chart{border:1px solid #ddd;border-radius:6px;padding:8px;width:560px;margin-top:4px}
.dot{display:inline-block;width:14px;height:14px;border-radius:7px;vertical-align:-1px;margin-right:2px}.charttitle{font-weight:700;font-size:13px}.legend{font-size:12px;color:#1f77b4}.divider{color:#616061;font-size:13px;padding:4px 16px;
border-top:1px solid #eee}"""


def page(calls):
    posts = [c for c in calls if c["method"] == "chat.postMessage"]
    updates = [c for c in calls if c["method"] == "chat.update"]
    top = updates[-1]["arguments"] if updates else posts[0]["arguments"]
    replies = [c["arguments"] for c in posts if "thread_ts" in c["arguments"]]
    chart_file = [c for c in calls if c["method"] == "files.completeUploadExternal"]
    thread = message(top, "03:05")
    if chart_file:
        thread += message({"blocks": []}, "03:05", chart())
    for reply in replies:
        thread += message(reply, "03:17")
    return """<!doctype html><meta charset="utf-8"><style>
%s</style>
<div class="bar">Thread <span># alerts</span></div>%s<div class="divider">%d replies</div></html>""" % (
        STYLE, thread.replace('<div class="message">', '<div class="message">', 1), len(replies) + len(chart_file))


def screenshot(page_html, target, width, height):
    """Draws page_html with headless Chromium into the PNG target (a path under ROOT), width x height pixels. Chromium
    reaches for Google's services unless told not to, which a closed network refuses: the flags keep it offline."""
    with tempfile.TemporaryDirectory() as scratch:
        page_file = os.path.join(scratch, "page.html")
        with open(page_file, "w", encoding="utf-8") as f:
            f.write(page_html)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--disable-quic", "--no-first-run", "--user-data-dir=" + os.path.join(scratch, "profile"),
                        "--screenshot=" + os.path.join(ROOT, target), "--window-size=%d,%d" % (width, height),
                        "file://" + page_file], check=True, capture_output=True)
    print("wrote " + target)


def main():
    screenshot(page(dry_run()), "docs/slack-thread.png", 760, 1000)


if __name__ == "__main__":
    sys.exit(main())
