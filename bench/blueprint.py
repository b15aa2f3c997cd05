#!/usr/bin/env python3
"""The work of AWS's cloudwatch-alarm-to-slack-python Lambda blueprint, as its documentation describes it, for the
cold-start comparison in bench/run.sh. Written for this benchmark; not the blueprint's code.

At import (the Lambda init phase): decrypt the environment variable kmsEncryptedHookUrl with KMS (boto3), binding the
encryption context {"LambdaFunctionName": AWS_LAMBDA_FUNCTION_NAME} as the Lambda console's encryption helper does,
and prefix https:// (the blueprint stores the URL without its scheme; a value that has one keeps it, so the benchmark
can post to a loopback http server). The handler takes the first SNS record's alarm (AlarmName, NewStateValue,
NewStateReason), builds {"channel": slackChannel, "text": "<name> state is now <state>: <reason>"} and POSTs it as JSON
with urllib.

    AWS_LAMBDA_FUNCTION_NAME=... kmsEncryptedHookUrl=<base64> slackChannel=#alerts python3.11 bench/blueprint.py event.json

A fresh interpreter per run, like a cold Lambda container: the process imports, handles one event, exits.
"""
import base64
import json
import logging
import os
import sys
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

import boto3

logger = logging.getLogger()
logger.setLevel(logging.INFO)

SLACK_CHANNEL = os.environ.get("slackChannel", "#alerts")


def _decrypt_hook_url():
    kms = boto3.client("kms")
    answer = kms.decrypt(
        CiphertextBlob=base64.b64decode(os.environ["kmsEncryptedHookUrl"]),
        EncryptionContext={"LambdaFunctionName": os.environ["AWS_LAMBDA_FUNCTION_NAME"]},
    )
    url = answer["Plaintext"].decode("utf-8")
    return url if url.startswith(("https://", "http://")) else "https://" + url


HOOK_URL = _decrypt_hook_url()


def lambda_handler(event, context):
    logger.info("Event: %s", event)
    alarm = json.loads(event["Records"][0]["Sns"]["Message"])
    slack_message = {
        "channel": SLACK_CHANNEL,
        "text": "%s state is now %s: %s" % (alarm["AlarmName"], alarm["NewStateValue"], alarm["NewStateReason"]),
    }
    request = Request(HOOK_URL, json.dumps(slack_message).encode("utf-8"), {"Content-Type": "application/json"})
    try:
        with urlopen(request, timeout=10) as response:
            response.read()
        logger.info("Message posted to %s", slack_message["channel"])
    except HTTPError as e:
        logger.error("Request failed: %d %s", e.code, e.reason)
        raise
    except URLError as e:
        logger.error("Server connection failed: %s", e.reason)
        raise


if __name__ == "__main__":
    logging.basicConfig(stream=sys.stderr, format="%(levelname)s %(message)s")
    with open(sys.argv[1], encoding="utf-8") as f:
        lambda_handler(json.load(f), None)
