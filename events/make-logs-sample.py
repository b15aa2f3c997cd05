#!/usr/bin/env python3
"""Wraps a decoded CloudWatch Logs subscription batch the way CloudWatch Logs delivers it to Lambda:
{"awslogs": {"data": base64(gzip(json))}}.

    python3 events/make-logs-sample.py events/logs-subscription-plain.decoded.json
        writes events/logs-subscription-plain.json

With no argument it regenerates every events/*.decoded.json. Standard library only; the gzip header carries no
timestamp, so the output is the same on every run.
"""
import base64
import glob
import gzip
import json
import os
import sys


def wrap(decoded_path):
    with open(decoded_path, encoding="utf-8") as f:
        batch = json.load(f)
    compact = json.dumps(batch, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    data = base64.b64encode(gzip.compress(compact, mtime=0)).decode("ascii")
    out_path = decoded_path[: -len(".decoded.json")] + ".json"
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"awslogs": {"data": data}}, f, indent=2)
        f.write("\n")
    return out_path


def main(args):
    paths = args or sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "*.decoded.json")))
    for path in paths:
        if not path.endswith(".decoded.json"):
            sys.exit(f"{path}: expected a file named *.decoded.json")
        print(wrap(path))


if __name__ == "__main__":
    main(sys.argv[1:])
