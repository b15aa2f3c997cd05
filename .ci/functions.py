"""The Lambda functions of this build, read from the poms, so that no script keeps a list of its own.

The root pom's <modules> is the one list; a module is a function when its pom sets the lambda.handler property (the
handler its shaded jar runs), and a library (common, slack, pagerduty-client) when it does not. Prints one line per
function, in module order: the module, its shaded jar, and the jar's size ceiling in MiB: 20 for a function built on
the slack module (Slack app mode brings the DynamoDB client, and alarm-to-slack CloudWatch's), 15 for any other.
  usage: python3 .ci/functions.py [ROOT]      (ROOT: the checkout, by default the one this script is in)
"""
import sys
from pathlib import Path
from xml.etree import ElementTree

POM = {"pom": "http://maven.apache.org/POM/4.0.0"}
CEILING_MIB, CEILING_WITH_SLACK_MIB = 15, 20

root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent


def pom(directory):
    return ElementTree.parse(directory / "pom.xml").getroot()


def builds_on_slack(project):
    """Whether the module's own code (not only its tests) depends on the slack module."""
    return any(dependency.findtext("pom:artifactId", namespaces=POM) == "slack"
               and dependency.findtext("pom:scope", "compile", POM) != "test"
               for dependency in project.findall("pom:dependencies/pom:dependency", POM))


modules = [m.text.strip() for m in pom(root).findall("pom:modules/pom:module", POM)]
functions = 0
for module in modules:
    project = pom(root / module)
    if not (project.findtext("pom:properties/pom:lambda.handler", "", POM) or "").strip():
        continue
    artifact = project.findtext("pom:artifactId", namespaces=POM)
    ceiling = CEILING_WITH_SLACK_MIB if builds_on_slack(project) else CEILING_MIB
    print(module, f"{module}/target/{artifact}.jar", ceiling)
    functions += 1
if not functions:
    sys.exit(f"{root / 'pom.xml'}: no module sets lambda.handler, so there is no function to build")
