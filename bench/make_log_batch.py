#!/usr/bin/env python3
"""Writes a CloudWatch Logs subscription event ({"awslogs":{"data": base64(gzip(json))}}) holding a large batch of
realistic, varied error lines, for the warm benchmark of logs-error-to-pagerduty.

    python3 bench/make_log_batch.py OUT.json [EVENTS=10000]

The lines mix what a subscription filter such as "?ERROR ?FATAL" passes on: Lambda's plain-text prefix with request
ids or a bare level, log4j/logback lines with Java stack traces (Caused by, "... n more"), Python tracebacks, Lambda JSON log records
and error records, with ids, order numbers, e-mail addresses, IPs, UUIDs and secrets that fingerprinting must fold and
redaction must hide. About 200 bytes per event on average, so 10,000 events decode to about 2 MB. Deterministic
(fixed seed). Standard library only.
"""
import base64
import gzip
import json
import random
import sys
import uuid

START = 1_795_230_245_123


def compact(document):
    return json.dumps(document, separators=(",", ":"))


def lines(rng):
    def rid():
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def ts(i):
        seconds = i // 10
        return "2026-11-21T03:%02d:%02d.%03dZ" % (seconds // 60 % 60, seconds % 60, i % 1000)

    def lambda_or_bare(i):
        # half the lines carry Lambda's "<time>\t<request id>\tERROR\t" prefix, half a container's bare "ERROR "
        return "%s\t%s\tERROR\t" % (ts(i), rid()) if rng.random() < 0.5 else "ERROR "

    customers = ["cus_N8fK2mQ9xLp", "cus_4Hq7TzP0aWe", "cus_Lm3sV9qRb2K", "cus_Zx8Wc5Nd1Jh"]
    templates = [
        lambda i: lambda_or_bare(i) + "Payment %d failed for %s: card declined\n"
                  % (rng.randint(1000, 99999), rng.choice(customers)),
        lambda i: lambda_or_bare(i) + "Timeout after %d ms calling 10.0.%d.%d:8443\n"
                  % (rng.randint(3000, 30000), rng.randint(0, 255), rng.randint(1, 254)),
        lambda i: lambda_or_bare(i) + "Login failed for %s@example.com: token eyJhbGciOiJIUzI1NiJ9.%s\n"
                  % (rng.choice(["ana", "bo", "chen", "dara"]), "%x" % rng.getrandbits(64)),
        lambda i: ("2026-11-21 03:06:%02d,%03d [http-nio-8080-exec-%d] ERROR c.s.web.OrderController - Order %d could not be saved\n"
                   "org.springframework.dao.DataIntegrityViolationException: could not execute statement; SQL [n/a]; constraint [orders_pkey]\n"
                   "\tat org.springframework.orm.jpa.vendor.HibernateJpaDialect.convertHibernateAccessException(HibernateJpaDialect.java:290)\n"
                   "\tat com.shop.web.OrderService.save(OrderService.java:88)\n"
                   "\tat com.shop.web.OrderController.create(OrderController.java:41)\n"
                   "Caused by: org.postgresql.util.PSQLException: ERROR: duplicate key value violates unique constraint \"orders_pkey\"\n"
                   "  Detail: Key (id)=(%d) already exists.\n"
                   "\tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2676)\n"
                   "\t... 42 more")
                  % (i % 60, i % 1000, rng.randint(1, 200), i + 50000, i + 50000),
        lambda i: ("[ERROR]\t%s\t%s\tUnhandled exception while processing message %s\n"
                   "Traceback (most recent call last):\n"
                   "  File \"/var/task/app.py\", line 42, in handler\n"
                   "    process(record)\n"
                   "  File \"/var/task/app.py\", line 77, in process\n"
                   "    raise ValueError(f\"bad amount {amount!r}\")\n"
                   "ValueError: bad amount '%d.%02d'")
                  % (ts(i), rid(), rid(), rng.randint(-999, -1), rng.randint(0, 99)),
        lambda i: compact({"timestamp": ts(i), "level": "ERROR",
                              "message": "Could not reserve stock for order %d: upstream returned %d" % (i + 90000, rng.choice([500, 502, 503])),
                              "logger": "com.shop.checkout.StockClient", "requestId": rid(), "service": "checkout"}),
        lambda i: compact({"timestamp": ts(i), "level": "ERROR", "requestId": rid(),
                              "errorType": "java.lang.NullPointerException",
                              "errorMessage": "Cannot invoke \"com.shop.checkout.Cart.total()\" because \"cart\" is null",
                              "stackTrace": ["com.shop.checkout.CheckoutHandler.handleRequest(CheckoutHandler.java:57)",
                                             "java.base/java.lang.reflect.Method.invoke(Unknown Source)"]}),
        lambda i: compact({"timestamp": ts(i), "level": "FATAL", "requestId": rid(), "logger": "com.shop.checkout.Boot",
                              "message": "Signing key rejected: api_key=sk_live_%s password=%s" % ("%x" % rng.getrandbits(96), "%x" % rng.getrandbits(40))}),
        lambda i: lambda_or_bare(i) + "ConditionalCheckFailedException: orders-%s pk=ORDER#%d\n"
                  % (rng.choice(["prod", "eu", "us"]), rng.randint(1, 10**9)),
        lambda i: lambda_or_bare(i) + "GetObject s3://reports/%d.csv: AccessDenied (request id %X)\n"
                  % (rng.randint(1, 10**6), rng.getrandbits(64)),
    ]
    weights = [26, 16, 8, 2, 2, 8, 3, 1, 14, 8]
    i = 0
    while True:
        yield rng.choices(templates, weights)[0](i)
        i += 1


def batch(count, seed=7):
    rng = random.Random(seed)
    source = lines(rng)
    events = [{"id": str(38234701234567890123456789012345678901234567890123456 + i), "timestamp": START + i * 97,
               "message": next(source)} for i in range(count)]
    return {"messageType": "DATA_MESSAGE", "owner": "123456789012", "logGroup": "/aws/lambda/orders-api",
            "logStream": "2026/11/21/[$LATEST]4f9c2f7d0c5a4d5e9b1e8a7c6d5e4f3a",
            "subscriptionFilters": ["alert-relay-errors"], "logEvents": events}


def encode(decoded_batch):
    """The subscription event CloudWatch Logs would deliver for this batch; returns (decoded JSON bytes, event text)."""
    decoded = json.dumps(decoded_batch, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    data = base64.b64encode(gzip.compress(decoded, mtime=0)).decode("ascii")
    return decoded, json.dumps({"awslogs": {"data": data}})


def write(out_path, count=10000):
    """Writes the event; returns (decoded bytes, bytes as delivered)."""
    decoded, event = encode(batch(count))
    with open(out_path, "w", encoding="utf-8") as f:
        f.write(event)
    return len(decoded), len(event)


if __name__ == "__main__":
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    decoded_size, delivered_size = write(sys.argv[1], events)
    print("%d events, %d bytes decoded, %d bytes as delivered" % (events, decoded_size, delivered_size))
