#!/usr/bin/env bash
# Benchmarks auth-proxy on loopback with wrk and prints requests/s and p50/p99 latency for:
#   1. the demo backend called directly,
#   2. the proxy on a route with auth off (pi-auth: public),
#   3. the proxy on a required route, with tokens already in its cache,
# plus the /v2/me calls per unique token, counted by pi-sandbox.
# Usage: bench/proxy-bench.sh [duration, default 20s] [connections, default 32]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
duration=${1:-20s}
connections=${2:-32}
threads=${BENCH_WRK_THREADS:-1}

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
fi
for app in pi-sandbox demo-backend auth-proxy; do
  [ -f "$app/target/$app.jar" ] || { mvn -B -q -DskipTests -pl pi-sandbox,demo-backend,auth-proxy -am package; break; }
done

export PI_SANDBOX_PORT=28090 DEMO_BACKEND_PORT=28081 DEMO_BACKEND_MANAGEMENT_PORT=29081
export PI_PROXY_PORT=28080 PI_PROXY_MANAGEMENT_PORT=29080 PI_PROXY_ADDRESS=127.0.0.1
export PI_API_BASE_URL=http://127.0.0.1:$PI_SANDBOX_PORT PI_BACKEND_URL=http://127.0.0.1:$DEMO_BACKEND_PORT
export PI_EDGE_CONFIG_DIR=$root/bench/config
logs=$root/bench/logs
mkdir -p "$logs"
jvm=${BENCH_JAVA_OPTS:--Xms256m -Xmx512m}

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
# shellcheck disable=SC2086
for app in pi-sandbox demo-backend auth-proxy; do
  java $jvm -jar "$app/target/$app.jar" >"$logs/$app.log" 2>&1 &
  pids+=($!)
done
for url in "http://127.0.0.1:$PI_SANDBOX_PORT/actuator/health" "http://127.0.0.1:$DEMO_BACKEND_MANAGEMENT_PORT/actuator/health" \
    "http://127.0.0.1:$PI_PROXY_MANAGEMENT_PORT/actuator/health/readiness"; do
  for _ in $(seq 1 240); do curl -fsS -o /dev/null "$url" 2>/dev/null && break; sleep 0.5; done
  curl -fsS -o /dev/null "$url" || { echo "not ready: $url (see $logs)" >&2; exit 1; }
done

# wrk prints latency as 812.00us, 1.23ms or 1.02s; convert to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }

declare -A RPS P99
run() { # key name url [wrk args...]
  local key=$1 name=$2 url=$3; shift 3
  wrk -t"$threads" -c"$connections" -d5s "$@" "$url" >/dev/null   # warm-up: JIT, connection pools, cache
  local out; out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  printf '%-34s %12s %10s %10s %8s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
  RPS[$key]=$rps
  P99[$key]=$p99
}

curl -fsS -X DELETE "http://127.0.0.1:$PI_SANDBOX_PORT/sandbox/calls" >/dev/null
echo "wrk: $threads thread(s), $connections connections, $duration per setup after a 5 s warm-up, loopback, $(nproc) cores"
printf '%-34s %12s %10s %10s %8s\n' "setup" "requests/s" "p50 ms" "p99 ms" "non-2xx"
run direct "backend direct" "http://127.0.0.1:$DEMO_BACKEND_PORT/off/item"
run off "proxy, auth off (public route)" "http://127.0.0.1:$PI_PROXY_PORT/off/item"
run cached "proxy, cached tokens (required)" "http://127.0.0.1:$PI_PROXY_PORT/on/item" -s "$root/bench/tokens.lua"

me_calls=$(curl -fsS "http://127.0.0.1:$PI_SANDBOX_PORT/sandbox/calls" | sed -n 's/.*"me":\([0-9]*\).*/\1/p')
me_calls=${me_calls:-0}
awk -v calls="$me_calls" -v off="${RPS[off]}" -v on="${RPS[cached]}" -v offp99="${P99[off]}" -v onp99="${P99[cached]}" 'BEGIN {
  printf "/v2/me calls: %d for 2 unique tokens = %.1f per token (cache ttl 30 s; each run is shorter)\n", calls, calls / 2
  printf "cached tokens vs auth off: throughput %.1f%% (target >= 90%%), p99 %+.3f ms (target <= +1 ms)\n", 100 * on / off, onp99 - offp99
}'
