#!/usr/bin/env python3
"""Drives complete U2A Pi payment handshakes and prints throughput and latency.

Two modes over the same pi-sandbox:
  direct  - what a hand-written backend does: GET the payment and approve it, then complete it,
            calling the Pi API itself with the Server API Key;
  pi-edge - what pi-sdk-js does through auth-proxy and payment-sidecar: POST approve (token in the
            body) and POST complete to .../pi_payment/*.
The wallet's steps (create, submit the transaction) are the same in both and are not timed.
Standard library only, so it runs wherever python3 does.
"""
import json
import statistics
import sys
import threading
import time
import urllib.request

SANDBOX, PROXY, USERS, PER_USER, MODE, KEY = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], "sandbox-api-key"


def call(method, url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json", **(headers or {})})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


def handshake(token, timings):
    payment = call("POST", f"{SANDBOX}/sandbox/payments", {"amount": 3.14, "memo": "Green tea", "metadata": {"productId": "green-tea"}},
                   {"Authorization": f"Bearer {token}"})["identifier"]
    start = time.perf_counter()
    if MODE == "direct":
        call("GET", f"{SANDBOX}/v2/payments/{payment}", headers={"Authorization": f"Key {KEY}"})
        call("POST", f"{SANDBOX}/v2/payments/{payment}/approve", {}, {"Authorization": f"Key {KEY}"})
    else:
        assert call("POST", f"{PROXY}/shop/pi_payment/approve", {"paymentId": payment, "accessToken": token})["status"] == "APPROVED"
    approved = time.perf_counter()
    txid = call("POST", f"{SANDBOX}/sandbox/payments/{payment}/transaction")["transaction"]["txid"]
    submitted = time.perf_counter()
    if MODE == "direct":
        call("POST", f"{SANDBOX}/v2/payments/{payment}/complete", {"txid": txid}, {"Authorization": f"Key {KEY}"})
    else:
        assert call("POST", f"{PROXY}/shop/pi_payment/complete", {"paymentId": payment, "transactionId": txid})["status"] == "COMPLETED"
    done = time.perf_counter()
    timings.append((approved - start, done - submitted, (approved - start) + (done - submitted)))


def user(index, timings, errors):
    for _ in range(PER_USER):
        try:
            handshake(f"bench-token-{index}", timings)
        except Exception as error:  # counted and shown; a benchmark must not hide failures
            errors.append(repr(error))


timings, errors = [], []
threads = [threading.Thread(target=user, args=(i, timings, errors)) for i in range(USERS)]
began = time.perf_counter()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed = time.perf_counter() - began


def pct(values, p):
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


if timings:
    approve, complete, server = zip(*timings)
    print(f"{MODE:8s} handshakes={len(timings):5d} errors={len(errors)} per_s={len(timings) / elapsed:7.1f} "
          f"approve_p50={pct(approve, 50):6.2f} approve_p99={pct(approve, 99):6.2f} "
          f"complete_p50={pct(complete, 50):6.2f} complete_p99={pct(complete, 99):6.2f} "
          f"server_side_p50={pct(server, 50):6.2f} server_side_p99={pct(server, 99):6.2f}")
for error in errors[:3]:
    print("  error:", error)
