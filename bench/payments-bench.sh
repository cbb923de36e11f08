#!/usr/bin/env bash
# Benchmarks the payment handshake on loopback against pi-sandbox and prints complete handshakes per
# second with p50/p99 of the server-side steps (approve, complete: each one callback), three ways:
#   direct  - a backend calling the Pi API itself (the baseline: the Pi API's own latency),
#   pi-edge - pi-sdk-js's calls through auth-proxy and payment-sidecar (embedded PostgreSQL),
#   sidecar - the same callbacks straight to payment-sidecar, with the X-Pi-Identity the proxy would add
#             (signed by the driver with the proxy's key, which this script generates): the sidecar alone,
#             with PostgreSQL local and Pi answered by the sandbox (no latency configured),
# the sidecar's added latency (pi-edge minus direct), and CPU per handshake of every process on the machine's
# cores: each one's CPU time (user + system, /proc/<pid>/stat) over the run divided by the handshakes, for the
# sidecar, its embedded PostgreSQL (a separate process tree: the postmaster and its backends), the proxy, the
# sandbox (it also serves the driver's wallet steps), the demo backend (it receives the webhooks) and the driver
# itself, with the sidecar's context switches per handshake (all its threads, /proc/<pid>/task/*/status).
# Before the timed runs it measures each process's idle CPU (ms per second over BENCH_IDLE_SECONDS, default 10,
# 0 skips it): the fixed cost of JIT, GC and pollers, which a low rate pays per handshake too.
# The wallet's steps are not timed.
# Usage: bench/payments-bench.sh [concurrent users, default 8] [handshakes per user, default 40]
#        (BENCH_MODES="direct pi-edge sidecar" picks the modes, BENCH_WARMUP_PER_USER=30,
#         BENCH_THREADS="payment-sidecar auth-proxy" also prints those processes' CPU per handshake by thread group:
#         event loops, R2DBC's loops, GC, JIT compilers...; bench/thread_cpu.py;
#         BENCH_JAVA_OPTS replaces every JVM's options, default -Xms256m -Xmx512m: bin/demo's are
#         "-Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"; BENCH_JAVA_OPTS_SIDECAR and BENCH_JAVA_OPTS_PROXY add
#         options to one JVM, e.g. a JFR recording)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
users=${1:-8}
per_user=${2:-40}
logs=$root/bench/logs
mkdir -p "$logs"
for app in pi-sandbox demo-backend payment-sidecar auth-proxy; do
  [ -f "$app/target/$app.jar" ] && [ -d payment-sidecar/target/embedded-postgres ] || { mvn -B -q -DskipTests -pl pi-sandbox,demo-backend,payment-sidecar,auth-proxy -am package; break; }
done

# config/ as shipped, plus sandbox users enough for the concurrency (the sandbox keeps one open payment per user).
conf=$(mktemp -d)
cp config/auth-proxy.yml config/payment-sidecar.yml config/demo-backend.yml "$conf/"
{
  echo "pi:"; echo "  sandbox:"; echo "    api-key: sandbox-api-key"; echo "    users:"
  for i in $(seq 0 $((users - 1))); do
    printf '      - token: bench-token-%d\n        uid: bench-uid-%d\n        username: bench%d\n        scopes: [username, payments]\n        valid-for: 24h\n' "$i" "$i" "$i"
  done
} >"$conf/pi-sandbox.yml"

export PI_EDGE_CONFIG_DIR=$conf PI_PROXY_PORT=22080 PI_PROXY_ADDRESS=127.0.0.1 PI_PROXY_MANAGEMENT_PORT=23080
export DEMO_BACKEND_PORT=22081 DEMO_BACKEND_MANAGEMENT_PORT=23081 PI_SIDECAR_PORT=22082 PI_SIDECAR_MANAGEMENT_PORT=23082
export PI_SANDBOX_PORT=22090 PI_API_BASE_URL=http://127.0.0.1:22090 PI_API_KEY=sandbox-api-key
export PI_BACKEND_URL=http://127.0.0.1:22081 PI_SIDECAR_URL=http://127.0.0.1:22082 PI_SIDECAR_EMBEDDED_DATABASE=true
# The embedded PostgreSQL binaries live beside the sidecar's jar; its launcher (PropertiesLauncher) reads LOADER_PATH,
# the other apps' launcher ignores it.
export LOADER_PATH=$root/payment-sidecar/target/embedded-postgres
export PI_IDENTITY_JWKS_URI=http://127.0.0.1:22080/.well-known/jwks.json
# The proxy signs X-Pi-Identity with a key made here, so the sidecar mode can sign the same assertions.
openssl ecparam -name prime256v1 -genkey -noout -out "$conf/identity-key.pem" 2>/dev/null
PI_AUTH_ASSERTION_JWK=$(openssl ec -in "$conf/identity-key.pem" -text -noout 2>/dev/null | python3 -c '
import base64, json, re, sys
text = sys.stdin.read()
hexes = lambda label: bytes.fromhex("".join(re.search(label + r":\s*((?:[0-9a-f]{2}:?\s*)+)", text).group(1).split()).replace(":", ""))
b64 = lambda data: base64.urlsafe_b64encode(data).rstrip(b"=").decode()
d, pub = hexes("priv")[-32:].rjust(32, b"\0"), hexes("pub")
print(json.dumps({"kty": "EC", "crv": "P-256", "kid": "bench", "d": b64(d), "x": b64(pub[1:33]), "y": b64(pub[33:65])}))')
export PI_AUTH_ASSERTION_JWK BENCH_IDENTITY_KEY=$conf/identity-key.pem
export PI_FULFILLMENT_URL=http://127.0.0.1:22081/pi-edge/fulfillment PI_FULFILLMENT_SECRET=bench-only-secret-0123456789abcdef0123456789
pids=()
declare -A pid_of
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$conf"' EXIT
for app in pi-sandbox demo-backend payment-sidecar auth-proxy; do
  extra=
  # The proxy runs with its shipped settings (auth-proxy/jvm.options), as bin/demo and the image start it.
  case $app in payment-sidecar) extra=${BENCH_JAVA_OPTS_SIDECAR:-} ;; auth-proxy) extra="@auth-proxy/jvm.options ${BENCH_JAVA_OPTS_PROXY:-}" ;; esac
  # shellcheck disable=SC2086
  java ${BENCH_JAVA_OPTS:--Xms256m -Xmx512m} $extra \
    -jar "$app/target/$app.jar" --logging.level.pi-edge.access=warn >"$logs/payments-$app.log" 2>&1 &
  pids+=($!)
  pid_of[$app]=$!
done
for url in http://127.0.0.1:22090/actuator/health http://127.0.0.1:23081/actuator/health \
    http://127.0.0.1:23082/actuator/health/readiness http://127.0.0.1:23080/actuator/health/readiness; do
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "$url" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "$url" || { echo "not ready: $url (see $logs)" >&2; exit 1; }
done

driver=(python3 "$root/bench/payments_driver.py" http://127.0.0.1:22090)
modes=${BENCH_MODES:-direct pi-edge sidecar}
target() { case $1 in sidecar) echo "$PI_SIDECAR_URL" ;; *) echo "http://127.0.0.1:$PI_PROXY_PORT" ;; esac; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# The embedded PostgreSQL is not a child of the sidecar's process (pg_ctl detaches it): it is found by the port the
# sidecar logs. Its backends are pooled, so they live through the run; the postmaster's own children totals
# (fields 16, 17) cover any that exit.
pg_port=$(sed -n 's/.*Using embedded PostgreSQL on port \([0-9]*\).*/\1/p' "$logs/payments-payment-sidecar.log" | head -1)
postmaster=$(pgrep -f -- "bin/postgres -D .* -p ${pg_port:-none}( |$)" | head -1 || true)
pg_ticks() {
  local total=0 p
  [ -n "$postmaster" ] || { echo 0; return; }
  for p in $postmaster $(pgrep -P "$postmaster"); do
    total=$((total + $(awk '{ print $14 + $15 + $16 + $17 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# The sidecar's context switches, voluntary + involuntary, summed over its threads (/proc/<pid>/status alone
# counts only the main thread).
ctx_switches() {
  cat /proc/"$1"/task/*/status 2>/dev/null | awk '/^(non)?voluntary_ctxt_switches/ { n += $2 } END { print n + 0 }'
}
apps=(payment-sidecar auth-proxy pi-sandbox demo-backend)
snapshot() { local app; for app in "${apps[@]}"; do printf '%s ' "$(cpu_ticks "${pid_of[$app]}")"; done; echo "$(pg_ticks) $(ctx_switches "${pid_of[payment-sidecar]}")"; }
echo "warming up..."
for mode in $modes; do
  "${driver[@]}" "$(target "$mode")" "$users" "${BENCH_WARMUP_PER_USER:-30}" "$mode" >/dev/null
done
idle=${BENCH_IDLE_SECONDS:-10}
if [ "$idle" -gt 0 ]; then
  before=$(snapshot); sleep "$idle"; after=$(snapshot)
  awk -v hz="$(getconf CLK_TCK)" -v s="$idle" -v b="$before" -v a="$after" 'BEGIN {
    split(b, x, " "); split(a, y, " ")
    printf "idle CPU over %d s (ms per second): sidecar %.1f, its PostgreSQL %.1f, proxy %.1f, sandbox %.1f, backend %.1f",
      s, 1000 * (y[1] - x[1]) / hz / s, 1000 * (y[5] - x[5]) / hz / s, 1000 * (y[2] - x[2]) / hz / s,
      1000 * (y[3] - x[3]) / hz / s, 1000 * (y[4] - x[4]) / hz / s
    # Threads that end (the JVM retires idle JIT compiler threads) take their counts with them.
    printf "; sidecar context switches %s\n", (y[6] >= x[6]) ? sprintf("%.0f/s", (y[6] - x[6]) / s) : "(threads ended, not counted)" }'
fi
echo "$users concurrent users x $per_user handshakes, loopback, $(nproc) cores (ms; server side = approve + complete)"
declare -A result
for mode in $modes; do
  for app in ${BENCH_THREADS:-}; do python3 bench/thread_cpu.py snapshot "${pid_of[$app]}" >"$conf/threads-$app"; done
  before=$(snapshot)
  result[$mode]=$("${driver[@]}" "$(target "$mode")" "$users" "$per_user" "$mode")
  after=$(snapshot)
  for app in ${BENCH_THREADS:-}; do python3 bench/thread_cpu.py snapshot "${pid_of[$app]}" >"$conf/threads-$app.after"; done
  echo "${result[$mode]}"
  handshakes=$(sed -n 's/.*handshakes= *\([0-9]*\).*/\1/p' <<<"${result[$mode]}" | head -1)
  if [ "${handshakes:-0}" -gt 0 ]; then
    awk -v hz="$(getconf CLK_TCK)" -v n="$handshakes" -v mode="$mode" -v b="$before" -v a="$after" \
        -v driver="$(sed -n 's/.*driver_cpu_ms= *\([0-9.]*\).*/\1/p' <<<"${result[$mode]}")" \
        -v pg_found="${postmaster:+yes}" 'BEGIN {
      split(b, x, " "); split(a, y, " ")
      total = 0
      for (i = 1; i <= 5; i++) { d[i] = 1000 * (y[i] - x[i]) / hz / n; total += d[i] }
      total += driver
      printf "  %s: CPU per handshake: sidecar %.2f ms", mode, d[1]
      printf ", its PostgreSQL %s", (pg_found == "yes") ? sprintf("%.2f ms", d[5]) : "(not found)"
      printf ", proxy %.2f ms, sandbox %.2f ms, backend %.2f ms, driver %.2f ms; total %.2f ms", d[2], d[3], d[4], driver, total
      printf "; sidecar context switches %s\n", (y[6] >= x[6]) ? sprintf("%.1f", (y[6] - x[6]) / n) : "(threads ended, not counted)" }'
    for app in ${BENCH_THREADS:-}; do
      echo "  $app by thread (ms per handshake, share):"
      python3 bench/thread_cpu.py diff "$conf/threads-$app" "$conf/threads-$app.after" "$handshakes"
    done
  fi
done
value() { sed -n "s/.* $1= *\\([0-9.]*\\).*/\\1/p" <<<"$2"; }
if [ -n "${result[direct]:-}" ] && [ -n "${result[pi-edge]:-}" ]; then
  awk -v d50="$(value server_side_p50 "${result[direct]}")" -v d99="$(value server_side_p99 "${result[direct]}")" \
      -v e50="$(value server_side_p50 "${result[pi-edge]}")" -v e99="$(value server_side_p99 "${result[pi-edge]}")" \
      'BEGIN { printf "sidecar added latency (pi-edge - direct, server side): p50 %+.2f ms, p99 %+.2f ms\n", e50 - d50, e99 - d99 }'
fi
webhooks=$(grep -c "POST /pi-edge/fulfillment" "$logs/payments-demo-backend.log" || true)
# One per handshake of the pi-edge and sidecar modes, warm-ups included: users x (warm-up + per user) per mode.
echo "payment.completed webhooks received by the backend (warm-ups included): $webhooks"
