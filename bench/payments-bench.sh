#!/usr/bin/env bash
# Benchmarks the payment handshake on loopback against pi-sandbox and prints complete handshakes per
# second with p50/p99 of the server-side steps (approve, complete), two ways:
#   direct  - a backend calling the Pi API itself (the baseline: the Pi API's own latency),
#   pi-edge - pi-sdk-js's calls through auth-proxy and payment-sidecar (embedded PostgreSQL),
# and the sidecar's added latency (pi-edge minus direct). The wallet's steps are not timed.
# Usage: bench/payments-bench.sh [concurrent users, default 8] [handshakes per user, default 40]
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

export PI_EDGE_CONFIG_DIR=$conf PI_PROXY_PORT=38080 PI_PROXY_ADDRESS=127.0.0.1 PI_PROXY_MANAGEMENT_PORT=39080
export DEMO_BACKEND_PORT=38081 DEMO_BACKEND_MANAGEMENT_PORT=39081 PI_SIDECAR_PORT=38082 PI_SIDECAR_MANAGEMENT_PORT=39082
export PI_SANDBOX_PORT=38090 PI_API_BASE_URL=http://127.0.0.1:38090 PI_API_KEY=sandbox-api-key
export PI_BACKEND_URL=http://127.0.0.1:38081 PI_SIDECAR_URL=http://127.0.0.1:38082 PI_SIDECAR_EMBEDDED_DATABASE=true
# The embedded PostgreSQL binaries live beside the sidecar's jar; its launcher (PropertiesLauncher) reads LOADER_PATH,
# the other apps' launcher ignores it.
export LOADER_PATH=$root/payment-sidecar/target/embedded-postgres
export PI_IDENTITY_JWKS_URI=http://127.0.0.1:38080/.well-known/jwks.json
export PI_FULFILLMENT_URL=http://127.0.0.1:38081/pi-edge/fulfillment PI_FULFILLMENT_SECRET=bench-only-secret-0123456789abcdef0123456789
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$conf"' EXIT
for app in pi-sandbox demo-backend payment-sidecar auth-proxy; do
  # shellcheck disable=SC2086
  java -Xms256m -Xmx512m ${BENCH_JAVA_OPTS_SIDECAR:+$( [ "$app" = payment-sidecar ] && echo "$BENCH_JAVA_OPTS_SIDECAR")} \
    -jar "$app/target/$app.jar" --logging.level.pi-edge.access=warn >"$logs/payments-$app.log" 2>&1 &
  pids+=($!)
done
for url in http://127.0.0.1:38090/actuator/health http://127.0.0.1:39081/actuator/health \
    http://127.0.0.1:39082/actuator/health/readiness http://127.0.0.1:39080/actuator/health/readiness; do
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "$url" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "$url" || { echo "not ready: $url (see $logs)" >&2; exit 1; }
done

driver=(python3 "$root/bench/payments_driver.py" http://127.0.0.1:38090 http://127.0.0.1:38080)
echo "warming up..."
"${driver[@]}" "$users" "${BENCH_WARMUP_PER_USER:-30}" direct >/dev/null
"${driver[@]}" "$users" "${BENCH_WARMUP_PER_USER:-30}" pi-edge >/dev/null
echo "$users concurrent users x $per_user handshakes, loopback, $(nproc) cores (ms; server side = approve + complete)"
direct=$("${driver[@]}" "$users" "$per_user" direct); echo "$direct"
edge=$("${driver[@]}" "$users" "$per_user" pi-edge); echo "$edge"
value() { sed -n "s/.* $1= *\\([0-9.]*\\).*/\\1/p" <<<"$2"; }
awk -v d50="$(value server_side_p50 "$direct")" -v d99="$(value server_side_p99 "$direct")" \
    -v e50="$(value server_side_p50 "$edge")" -v e99="$(value server_side_p99 "$edge")" \
    'BEGIN { printf "sidecar added latency (pi-edge - direct, server side): p50 %+.2f ms, p99 %+.2f ms\n", e50 - d50, e99 - d99 }'
webhooks=$(grep -c "POST /pi-edge/fulfillment" "$logs/payments-demo-backend.log" || true)
echo "payment.completed webhooks received by the backend: $webhooks"
