#!/usr/bin/env python3
"""Shares of a JDK Flight Recorder recording's CPU samples (jdk.ExecutionSample), by library and by method.

Usage: bench/jfr_samples.py RECORDING.jfr [FROM]
  FROM: an ISO time (UTC, e.g. 2026-12-01T02:20:26); samples before it are left out, so start-up and warm-up
  do not count. Record the sidecar with, for example,
    BENCH_MODES=sidecar BENCH_JAVA_OPTS_SIDECAR="-XX:StartFlightRecording=filename=/tmp/sidecar.jfr,settings=profile,dumponexit=true" \\
      bench/payments-bench.sh 8 60
Each sample counts once, for the first category (in the order below) that any frame of its stack belongs to,
so the shares add up to 100%. JFR samples only threads running Java code (not GC, JIT or the kernel), every
10 ms with settings=profile. Needs the JDK's `jfr` tool; standard library only otherwise.
"""
import collections
import json
import subprocess
import sys

CATEGORIES = [
    ("ES256 verification (SunEC, Nimbus, Spring Security JWT)",
     ("sun.security.ec", "sun.security.util.math", "java.security.Signature", "com.nimbusds",
      "org.springframework.security", "java.math.BigInteger")),
    ("R2DBC: PostgreSQL driver, pool, Spring R2DBC", ("io.r2dbc", "reactor.pool", "org.springframework.r2dbc")),
    ("Jackson", ("tools.jackson", "com.fasterxml")),
    ("HTTP clients: Pi API, webhooks (WebClient, reactor-netty client)",
     ("reactor.netty.http.client", "org.springframework.web.reactive.function.client")),
    ("WebFlux server and codecs", ("org.springframework.web", "org.springframework.http", "reactor.netty.http.server")),
    ("Micrometer", ("io.micrometer",)),
    ("Logging", ("ch.qos.logback", "org.slf4j")),
    ("Netty transport", ("io.netty", "reactor.netty")),
    ("Reactor operators", ("reactor.core",)),
]


def frames(event):
    return [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
            for f in event["values"]["stackTrace"]["frames"]]


def main():
    recording, since = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "")
    printed = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", recording],
                             capture_output=True, check=True, text=True).stdout
    stacks = [frames(e) for e in json.loads(printed)["recording"]["events"] if e["values"]["startTime"] >= since]
    total = len(stacks)
    if not total:
        sys.exit("no samples" + (f" from {since}" if since else ""))
    shares = collections.Counter()
    for stack in stacks:
        shares[next((name for name, prefixes in CATEGORIES if any(f.startswith(prefixes) for f in stack)), "other")] += 1
    print(f"{total} samples")
    for name, count in shares.most_common():
        print(f"{100 * count / total:5.1f}%  {name}")
    print("top frames (self):")
    for method, count in collections.Counter(s[0] for s in stacks if s).most_common(15):
        print(f"{100 * count / total:5.1f}%  {method}")
    print("pi-edge methods (inclusive):")
    inclusive = collections.Counter()
    for stack in stacks:
        inclusive.update({f.split("$$Lambda")[0] for f in stack if f.startswith("dev.piedge")})
    for method, count in inclusive.most_common(15):
        print(f"{100 * count / total:5.1f}%  {method}")


if __name__ == "__main__":
    main()
