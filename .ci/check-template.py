"""Checks cfn-lint cannot make: every function can read the secrets its environment points at.

A function whose environment names an SSM parameter (X_PARAMETER) needs an SSM read policy for it, and one holding
KMS ciphertext (X_ENCRYPTED, kmsEncryptedHookUrl) needs kms:Decrypt; otherwise it deploys cleanly and fails at run time.
"""
import json
import sys

from cfnlint.decode import decode_str

template, errors = decode_str(open(sys.argv[1] if len(sys.argv) > 1 else "template.yaml").read())
if errors:
    sys.exit(f"template does not parse: {errors}")

problems = []
for name, resource in template["Resources"].items():
    if resource.get("Type") != "AWS::Serverless::Function":
        continue
    props = resource.get("Properties", {})
    variables = props.get("Environment", {}).get("Variables", {})
    policies = json.dumps(props.get("Policies", []))
    for variable in variables:
        if variable.endswith("_PARAMETER") and "SSMParameter" not in policies:
            problems.append(f"{name}: {variable} is set but the function has no SSM read policy")
        if (variable.endswith("_ENCRYPTED") or variable == "kmsEncryptedHookUrl") and "KMSDecryptPolicy" not in policies:
            problems.append(f"{name}: {variable} is set but the function has no KMSDecryptPolicy")
    if "AutoPublishAlias" not in props and "AutoPublishAlias" not in template.get("Globals", {}).get("Function", {}):
        problems.append(f"{name}: no AutoPublishAlias, so SnapStart never applies")

for problem in problems:
    print("template:", problem, file=sys.stderr)
if problems:
    sys.exit(1)
print("template: every function can read the secrets it is configured with")
