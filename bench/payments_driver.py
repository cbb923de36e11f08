#!/usr/bin/env python3
"""Drives complete U2A Pi payment handshakes and prints throughput and latency.

Three modes over the same pi-sandbox:
  direct  - what a hand-written backend does: GET the payment and approve it, then complete it,
            calling the Pi API itself with the Server API Key;
  pi-edge - what pi-sdk-js does through auth-proxy and payment-sidecar: POST approve (token in the
            body) and POST complete to .../pi_payment/*;
  sidecar - the same callbacks straight to payment-sidecar (the second URL is the sidecar's), each with
            the X-Pi-Identity the proxy would add: an ES256 JWT signed here, once per user before the
            timing, with the proxy's own key (BENCH_IDENTITY_KEY, a PEM file; the `openssl` command signs).
The wallet's steps (create, submit the transaction) are the same in both and are not timed.
It also prints its own CPU time (all threads, user + system) per handshake over the timed part, wallet steps
included: the driver shares the machine's cores with the servers it measures.
Standard library only, so it runs wherever python3 does.
"""
import base64
import json
import os
import subprocess
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


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def der_integer(der, at):
    """One DER INTEGER at `at`: its value as 32 big-endian bytes, and where the next element starts."""
    length = der[at + 1]
    value = der[at + 2:at + 2 + length].lstrip(b"\0")
    return value.rjust(32, b"\0"), at + 2 + length


def identity_assertion(index):
    """What the proxy's payments route forwards for bench user `index`: X-Pi-Identity, valid for an hour."""
    now = int(time.time())
    header = b64url(json.dumps({"alg": "ES256", "kid": "bench", "typ": "JWT"}).encode())
    claims = b64url(json.dumps({"iss": "pi-edge", "sub": f"bench-uid-{index}", "aud": "payments", "iat": now,
                                "exp": now + 3600, "scopes": ["username", "payments"], "username": f"bench{index}"}).encode())
    signing_input = f"{header}.{claims}".encode()
    der = subprocess.run(["openssl", "dgst", "-sha256", "-sign", os.environ["BENCH_IDENTITY_KEY"]], input=signing_input,
                         capture_output=True, check=True).stdout
    # DER SEQUENCE { INTEGER r, INTEGER s } (short form: an ES256 signature is under 128 bytes) to JWS's r || s.
    r, after = der_integer(der, 2)
    s, _ = der_integer(der, after)
    return f"{header}.{claims}.{b64url(r + s)}"


ASSERTIONS = {i: identity_assertion(i) for i in range(USERS)} if MODE == "sidecar" else {}


def handshake(token, timings):
    payment = call("POST", f"{SANDBOX}/sandbox/payments", {"amount": 3.14, "memo": "Green tea", "metadata": {"productId": "green-tea"}},
                   {"Authorization": f"Bearer {token}"})["identifier"]
    start = time.perf_counter()
    identity = {"X-Pi-Identity": ASSERTIONS[int(token.rsplit("-", 1)[1])]} if MODE == "sidecar" else {}
    if MODE == "direct":
        call("GET", f"{SANDBOX}/v2/payments/{payment}", headers={"Authorization": f"Key {KEY}"})
        call("POST", f"{SANDBOX}/v2/payments/{payment}/approve", {}, {"Authorization": f"Key {KEY}"})
    elif MODE == "sidecar":
        assert call("POST", f"{PROXY}/pi_payment/approve", {"paymentId": payment}, identity)["status"] == "APPROVED"
    else:
        assert call("POST", f"{PROXY}/shop/pi_payment/approve", {"paymentId": payment, "accessToken": token})["status"] == "APPROVED"
    approved = time.perf_counter()
    txid = call("POST", f"{SANDBOX}/sandbox/payments/{payment}/transaction")["transaction"]["txid"]
    submitted = time.perf_counter()
    if MODE == "direct":
        call("POST", f"{SANDBOX}/v2/payments/{payment}/complete", {"txid": txid}, {"Authorization": f"Key {KEY}"})
    elif MODE == "sidecar":
        assert call("POST", f"{PROXY}/pi_payment/complete", {"paymentId": payment, "transactionId": txid},
                    identity)["status"] == "COMPLETED"
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
began, cpu_began = time.perf_counter(), time.process_time()
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
elapsed, driver_cpu = time.perf_counter() - began, time.process_time() - cpu_began


def pct(values, p):
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


if timings:
    approve, complete, server = zip(*timings)
    print(f"{MODE:8s} handshakes={len(timings):5d} errors={len(errors)} per_s={len(timings) / elapsed:7.1f} "
          f"approve_p50={pct(approve, 50):6.2f} approve_p99={pct(approve, 99):6.2f} "
          f"complete_p50={pct(complete, 50):6.2f} complete_p99={pct(complete, 99):6.2f} "
          f"server_side_p50={pct(server, 50):6.2f} server_side_p99={pct(server, 99):6.2f} "
          f"driver_cpu_ms={1000 * driver_cpu / len(timings):6.2f}")
for error in errors[:3]:
    print("  error:", error)
