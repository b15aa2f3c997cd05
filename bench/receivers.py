#!/usr/bin/env python3
"""Loopback stand-ins for the two receivers, for bench/run.sh.

    python3 bench/receivers.py SLACK_PORT PAGERDUTY_PORT

Slack-like: any POST answers 200 "ok" (what an incoming webhook answers). PagerDuty-like: any POST answers 202 with
the Events API v2 success document. GET /_count on either port answers the number of POSTs that port has received, so
the driver can check that every measured run really delivered. Standard library only; binds 127.0.0.1 only.
"""
import http.server
import json
import sys
import threading


def receiver(status, content_type, body_of):
    class Receiver(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out as two writes; with Nagle on and the client's delayed ACK, a kept-alive
        # connection would stall each answer by up to 40 ms, a cost of this stand-in that real receivers do not have.
        disable_nagle_algorithm = True
        count = 0
        lock = threading.Lock()

        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            request = self.rfile.read(length)
            with Receiver.lock:
                Receiver.count += 1
            self.answer(status, content_type, body_of(request))

        def do_GET(self):
            if self.path == "/_count":
                with Receiver.lock:
                    count = Receiver.count
                self.answer(200, "text/plain", str(count).encode())
            else:
                self.answer(404, "text/plain", b"not found")

        def answer(self, code, kind, payload):
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    return Receiver


def pagerduty_body(request):
    try:
        dedup_key = json.loads(request).get("dedup_key", "")
    except ValueError:
        dedup_key = ""
    return json.dumps({"status": "success", "message": "Event processed", "dedup_key": dedup_key}).encode()


def main(slack_port, pagerduty_port):
    servers = [
        http.server.ThreadingHTTPServer(("127.0.0.1", slack_port), receiver(200, "text/html", lambda _: b"ok")),
        http.server.ThreadingHTTPServer(("127.0.0.1", pagerduty_port), receiver(202, "application/json", pagerduty_body)),
    ]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("receivers ready", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
