#!/usr/bin/env bash
# Profiles auth-proxy and the bare gateway (bench-gateway) with JDK Flight Recorder under wrk load, with the
# same setup as bench/proxy-bench.sh (bench/config routes, pi-sandbox, nginx backend, the proxy's core pinned),
# and prints where the CPU samples go: for each setup, the top frames by inclusive samples, the top pi-edge
# frames (dev.piedge.*) and the hottest leaf methods, as percentages of all samples of the event loops.
# Proportions of samples, unlike requests/s, hold up on a machine shared with other work.
# Usage: bench/profile-proxy.sh [seconds recorded per setup, default 30] [connections, default 64]
#        (PROFILE_WARMUP=20s per setup; recordings and summaries in bench/logs/profile-*.{jfr,txt})
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-30}
connections=${2:-64}
warmup=${PROFILE_WARMUP:-20s}
# shellcheck source=bench/start-proxies.sh
source "$root/bench/start-proxies.sh"
proxy_bench_setup
# Reactive stacks are deep: JFR's default of 64 frames would cut off the filters near the stack's root.
profiled_jvm="$jvm -XX:FlightRecorderOptions=stackdepth=2048"
# JFR's profile settings with a 2 ms sampling period instead of 10 ms (more samples per recording).
sed 's|control="method-sampling-java-interval">10 ms<|control="method-sampling-java-interval">2 ms<|' \
  "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" >"$logs/profile-2ms.jfc"

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
write_backend_conf
start_proxies "$profiled_jvm"
wait_for_proxies

# profile name pid url: warms the setup up, then records it for $seconds under the same load.
profile() {
  local name=$1 pid=$2 url=$3 file="$logs/profile-$1.jfr"
  "${pin_rest[@]}" wrk -t1 -c"$connections" -d"$warmup" -s "$root/bench/tokens.lua" "$url" >/dev/null
  rm -f "$file"
  jcmd "$pid" JFR.start name=profile settings="$logs/profile-2ms.jfc" filename="$file" >/dev/null
  "${pin_rest[@]}" wrk -t1 -c"$connections" -d"${seconds}s" -s "$root/bench/tokens.lua" "$url" | awk '/Requests\/sec|Non-2xx/'
  jcmd "$pid" JFR.stop name=profile >/dev/null
  jfr print --events jdk.ExecutionSample --stack-depth 2048 "$file" \
    | python3 "$root/bench/jfr-hot.py" >"$logs/profile-$name.txt"
  echo "== $name ($url): $logs/profile-$name.txt"
  head -n "${PROFILE_LINES:-60}" "$logs/profile-$name.txt"
}
profile bare "$gateway_pid" "http://127.0.0.1:$BENCH_GATEWAY_PORT/off/item"
profile public "$proxy_pid" "http://127.0.0.1:$PI_PROXY_PORT/off/item"
profile required "$proxy_pid" "http://127.0.0.1:$PI_PROXY_PORT/on/item"
echo "machine load while profiling (other work shares these cores): $(cut -d' ' -f1-3 /proc/loadavg)"
