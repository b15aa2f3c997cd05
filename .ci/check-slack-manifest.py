"""Checks the Slack app manifest (slack-actions/slack-app-manifest.json) that creates alert-relay's Slack app in one step.

Slack refuses a manifest that is not valid JSON or lacks a field, but only when someone pastes it into "Create New
App"; a missing scope or setting is worse: the app is created and a function fails later (missing_scope, or clicks
that never arrive). So, here:
- display_information.name and features.bot_user.display_name are set (Slack requires a bot user's display_name);
- the bot scopes include what the functions call: chat:write (chat.postMessage, chat.update, chat.postEphemeral),
  files:write (the alarm charts), users:read and users:read.email (users.lookupByEmail, to mention who is on call);
- interactivity is on, with an https request_url on a Lambda function URL host, or the placeholder naming a template
  output that exists (SlackActionsUrl), so the README's "paste the output here" stays true;
- socket mode is off (Slack would send the clicks over a WebSocket, never to the URL), token rotation is off (the
  functions hold one long-lived xoxb token in SSM), and org-wide deployment is off (SLACK_TEAM_ID is one workspace).
  usage: python3 .ci/check-slack-manifest.py [MANIFEST [TEMPLATE]]
"""
import json
import re
import sys

from cfnlint.decode import decode_str

REQUIRED_BOT_SCOPES = ("chat:write", "files:write", "users:read", "users:read.email")
FUNCTION_URL = re.compile(r"^https://[a-z0-9]+\.lambda-url\.[a-z0-9-]+\.on\.aws/$")
PLACEHOLDER = re.compile(r"^https://REPLACE-WITH-([A-Za-z0-9]+)-OUTPUT\.lambda-url\.[a-z0-9-]+\.on\.aws/$")

manifest_path = sys.argv[1] if len(sys.argv) > 1 else "slack-actions/slack-app-manifest.json"
template_path = sys.argv[2] if len(sys.argv) > 2 else "template.yaml"

try:
    with open(manifest_path, encoding="utf-8") as f:
        manifest = json.load(f)
except (OSError, ValueError) as e:
    sys.exit(f"{manifest_path}: not a readable JSON file: {e}")
if not isinstance(manifest, dict):
    sys.exit(f"{manifest_path}: not a JSON object")


def at(path):
    """The value at a dotted path, or None."""
    node = manifest
    for key in path.split("."):
        node = node.get(key) if isinstance(node, dict) else None
    return node


problems = []
for path in ("display_information.name", "features.bot_user.display_name"):
    if not isinstance(at(path), str) or not at(path).strip():
        problems.append(f"{path} is missing or empty")

scopes = at("oauth_config.scopes.bot")
if not isinstance(scopes, list):
    problems.append("oauth_config.scopes.bot is not a list of scopes")
else:
    missing = [scope for scope in REQUIRED_BOT_SCOPES if scope not in scopes]
    if missing:
        problems.append(f"oauth_config.scopes.bot lacks {', '.join(missing)}")

if at("settings.interactivity.is_enabled") is not True:
    problems.append("settings.interactivity.is_enabled is not true: Slack would send no button clicks")
request_url = at("settings.interactivity.request_url")
placeholder = PLACEHOLDER.match(request_url) if isinstance(request_url, str) else None
if placeholder:
    source, errors = decode_str(open(template_path, encoding="utf-8").read())
    if errors:
        sys.exit(f"{template_path} does not parse: {errors}")
    if placeholder.group(1) not in source.get("Outputs", {}):
        problems.append(f"settings.interactivity.request_url names output {placeholder.group(1)}, which {template_path}"
                        " does not have")
elif not (isinstance(request_url, str) and FUNCTION_URL.match(request_url)):
    problems.append(f"settings.interactivity.request_url {request_url!r} is neither a Lambda function URL nor the"
                    " REPLACE-WITH-<output>-OUTPUT placeholder")

for setting, why in (("socket_mode_enabled", "clicks would go over a WebSocket, never to the function URL"),
                     ("token_rotation_enabled", "the functions keep one long-lived bot token in SSM"),
                     ("org_deploy_enabled", "slack-actions accepts one workspace (SLACK_TEAM_ID)")):
    if at(f"settings.{setting}") is not False:
        problems.append(f"settings.{setting} is not false: {why}")

for problem in problems:
    print(f"{manifest_path}: {problem}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{manifest_path}: valid JSON; bot scopes {', '.join(REQUIRED_BOT_SCOPES)}; interactivity on, to"
      f" {request_url}; socket mode, token rotation and org-wide deployment off")
