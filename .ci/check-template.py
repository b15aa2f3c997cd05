"""Checks cfn-lint cannot make: every function can read the secrets its environment points at, and no more.

- A function whose environment names an SSM parameter (X_PARAMETER) needs ssm:GetParameter, and one holding KMS
  ciphertext (X_ENCRYPTED, kmsEncryptedHookUrl) needs kms:Decrypt for its own name as encryption context; otherwise
  it deploys cleanly and fails at run time.
- Nothing grants ssm:DescribeParameters, ssm:GetParameters or ssm:GetParametersByPath (the code calls GetParameter
  only), and every kms:Decrypt granted is bound to an encryption context (kms:EncryptionContext:*, or
  kms:EncryptionContextKeys), except the key-policy statement that hands a key's administration to the account's IAM.
- Every SNS topic has a topic policy that allows no unconditioned sns:Publish to any principal ('*') and denies
  sns:Publish to every principal outside a condition: within one account an IAM policy alone can allow Publish,
  so only a Deny keeps forged alarms out.
- Many accounts: a role EventBridge assumes (member-account.yaml's, for a target in another account) may put events
  on the one central bus it is given (a parameter, or an ARN without wildcards) and do nothing else; an event bus
  policy admits everyone ('*') only under aws:PrincipalOrgID; no IAM role is named, since a StackSet deploys the
  template to several regions of each account and IAM names are global.

The IAM checks run on the template as its transforms leave it (AWS::LanguageExtensions' Fn::ForEach loops expanded,
then SAM's resources, as cfn-lint transforms them), so statements that SAM policy templates such as KMSDecryptPolicy or
SSMParameterReadPolicy expand to are checked too; the function checks read the functions as written, loops expanded.
"""
import copy
import fnmatch
import sys

from cfnlint.decode import decode_str
from cfnlint.template import Template
from cfnlint.template.transforms.transform import Transform

FORBIDDEN_SSM_ACTIONS = ("ssm:DescribeParameters", "ssm:GetParameters", "ssm:GetParametersByPath")
SAM = "AWS::Serverless-2016-10-31"

path = sys.argv[1] if len(sys.argv) > 1 else "template.yaml"
source, errors = decode_str(open(path).read())
if errors:
    sys.exit(f"template does not parse: {errors}")
declared = source.get("Transform", [])
declared = declared if isinstance(declared, list) else [declared]


def transformed(transforms):
    """The template after the given transforms, in the order it declares them."""
    template = copy.deepcopy(source)
    template["Transform"] = transforms
    cfn = Template(path, template, ["us-east-1"])
    transform_errors = Transform().transform(cfn)
    if transform_errors:
        sys.exit(f"template does not transform: {transform_errors}")
    return cfn.template


written = transformed([t for t in declared if t != SAM])
resources = transformed(declared)["Resources"]

problems = []


def statements(node):
    """Every policy statement under node, from both branches of every Fn::If."""
    if isinstance(node, dict):
        if "Effect" in node:
            yield node
            return
        for value in node.values():
            yield from statements(value)
    elif isinstance(node, list):
        for item in node:
            yield from statements(item)


def as_list(value):
    return value if isinstance(value, list) else [value]


def grants(statement, action):
    """Whether the statement's Action names the action, literally or by a wildcard (kms:*, ssm:Get*, *)."""
    patterns = [a.lower() for a in as_list(statement.get("Action", [])) if isinstance(a, str)]
    return any(fnmatch.fnmatchcase(action.lower(), pattern) for pattern in patterns)


def condition_keys(statement):
    condition = statement.get("Condition", {})
    return {key.lower() for operator in condition.values() if isinstance(operator, dict) for key in operator}


def is_everyone(principal):
    return principal == "*" or (isinstance(principal, dict) and "*" in as_list(principal.get("AWS", [])))


def is_account_root(principal):
    arn = principal.get("AWS") if isinstance(principal, dict) else None
    return isinstance(arn, dict) and arn.get("Fn::Sub", "").endswith(":iam::${AWS::AccountId}:root")


def policy_documents(resource):
    """(document, is a KMS key policy) for each policy a resource carries."""
    props = resource.get("Properties", {})
    kind = resource.get("Type")
    if kind == "AWS::IAM::Role":
        return [(props.get("Policies", []), False)]
    if kind in ("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::RolePolicy"):
        return [(props.get("PolicyDocument", {}), False)]
    if kind == "AWS::KMS::Key":
        return [(props.get("KeyPolicy", {}), True)]
    return [(props.get("PolicyDocument", {}), False)] if "PolicyDocument" in props else []


for name, resource in resources.items():
    for document, key_policy in policy_documents(resource):
        for statement in statements(document):
            if statement.get("Effect") != "Allow":
                continue
            for action in FORBIDDEN_SSM_ACTIONS:
                if grants(statement, action):
                    problems.append(f"{name}: grants {action}; the functions call ssm:GetParameter only")
            if grants(statement, "kms:Decrypt") and not (key_policy and is_account_root(statement.get("Principal"))):
                if not any(key.startswith("kms:encryptioncontext") for key in condition_keys(statement)):
                    problems.append(f"{name}: grants kms:Decrypt without an encryption-context condition")


def role_statements(function_name):
    """The statements of a function's role: its inline policies and the policies attached to it by name."""
    role = resources.get(function_name, {}).get("Properties", {}).get("Role", {}).get("Fn::GetAtt", [None])[0]
    found = list(statements(resources.get(role, {}).get("Properties", {}).get("Policies", [])))
    for resource in resources.values():
        props = resource.get("Properties", {})
        if resource.get("Type", "").startswith("AWS::IAM::") and {"Ref": role} in as_list(props.get("Roles", [])):
            found.extend(statements(props.get("PolicyDocument", {})))
    return [s for s in found if s.get("Effect") == "Allow"]


for name, resource in written["Resources"].items():
    if resource.get("Type") != "AWS::Serverless::Function":
        continue
    props = resource.get("Properties", {})
    granted = role_statements(name)
    reads_parameters = any(grants(s, "ssm:GetParameter") for s in granted)
    decrypts_own_ciphertext = any(
        grants(s, "kms:Decrypt")
        and s.get("Condition", {}).get("StringEquals", {}).get("kms:EncryptionContext:LambdaFunctionName") == {"Ref": name}
        for s in granted)
    for variable in props.get("Environment", {}).get("Variables", {}):
        if variable.endswith("_PARAMETER") and not reads_parameters:
            problems.append(f"{name}: {variable} is set but the function may not call ssm:GetParameter")
        if (variable.endswith("_ENCRYPTED") or variable == "kmsEncryptedHookUrl") and not decrypts_own_ciphertext:
            problems.append(f"{name}: {variable} is set but the function may not kms:Decrypt with its own name as"
                            " encryption context (LambdaFunctionName)")
    if "AutoPublishAlias" not in props and "AutoPublishAlias" not in written.get("Globals", {}).get("Function", {}):
        problems.append(f"{name}: no AutoPublishAlias, so SnapStart never applies")

for name, resource in resources.items():
    if resource.get("Type") != "AWS::SNS::Topic":
        continue
    policies = [r["Properties"] for r in resources.values() if r.get("Type") == "AWS::SNS::TopicPolicy"
                and {"Ref": name} in as_list(r.get("Properties", {}).get("Topics", []))]
    if not policies:
        problems.append(f"{name}: no topic policy, so any principal of the account allowed sns:Publish can forge an alarm")
    topic_statements = [s for p in policies for s in statements(p.get("PolicyDocument", {}))]
    for statement in topic_statements:
        if (statement.get("Effect") == "Allow" and grants(statement, "sns:Publish")
                and is_everyone(statement.get("Principal")) and not statement.get("Condition")):
            problems.append(f"{name}: its topic policy allows sns:Publish to every principal without a condition")
    if policies and not any(
            s.get("Effect") == "Deny" and grants(s, "sns:Publish") and is_everyone(s.get("Principal")) and s.get("Condition")
            for s in topic_statements):
        problems.append(f"{name}: its topic policy denies sns:Publish to no one, so IAM policies alone can publish")



def trusts(role, service):
    trust = role.get("Properties", {}).get("AssumeRolePolicyDocument", {})
    return any(service in as_list(s.get("Principal", {}).get("Service", [])) for s in statements(trust)
               if isinstance(s.get("Principal"), dict))


def names_one_bus(resource):
    """A Ref (a parameter or the bus itself) or an event-bus ARN without wildcards."""
    if isinstance(resource, dict):
        return set(resource) in ({"Ref"}, {"Fn::GetAtt"}) or (
            set(resource) == {"Fn::Sub"} and "*" not in str(resource) and ":event-bus/" in str(resource))
    return isinstance(resource, str) and ":event-bus/" in resource and "*" not in resource


for name, resource in resources.items():
    props = resource.get("Properties", {})
    if resource.get("Type") == "AWS::IAM::Role":
        if "RoleName" in props:
            problems.append(f"{name}: a named role; IAM names are global, so a second region's stack would collide")
        if trusts(resource, "events.amazonaws.com"):
            for statement in statements(props.get("Policies", [])):
                if statement.get("Effect") != "Allow":
                    continue
                if [a.lower() for a in as_list(statement.get("Action", []))] != ["events:putevents"]:
                    problems.append(f"{name}: EventBridge's role may do more than events:PutEvents")
                targets = as_list(statement.get("Resource", []))
                if len(targets) != 1 or not names_one_bus(targets[0]):
                    problems.append(f"{name}: EventBridge's role may put events on more than the one central bus")
    bus_policy = props.get("Policy") if resource.get("Type") == "AWS::Events::EventBus" else (
        props if resource.get("Type") == "AWS::Events::EventBusPolicy" else None)
    for statement in statements(bus_policy or {}):
        if (statement.get("Effect") == "Allow" and is_everyone(statement.get("Principal"))
                and "aws:principalorgid" not in condition_keys(statement)):
            problems.append(f"{name}: its event bus policy admits every principal without aws:PrincipalOrgID")

for problem in dict.fromkeys(problems):
    print("template:", problem, file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{path}: every function can read the secrets it is configured with and no more (GetParameter alone,"
      " kms:Decrypt bound to an encryption context); every topic and event bus admits only what its policy names;"
      " EventBridge's roles put events on one bus")
