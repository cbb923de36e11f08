#!/usr/bin/env bash
# Profiles the bare gateway (bench-gateway) and pi-edge's proxy (public route, required route with cached tokens)
# with Linux perf under wrk load: the whole process, so the kernel, the garbage collector and the JVM's own
# threads count too, which JDK Flight Recorder (bench/profile-proxy.sh) does not see. Same setup as
# bench/proxy-bench.sh (bench/config routes, pi-sandbox, nginx backend, the proxy's core pinned).
# Prints, per setup, the samples per 1,000 requests by category (kernel, garbage collection, each library's package,
# each pi-edge class) and the kernel's share by syscall: comparable across setups at different requests/s.
# Installs perf (linux-perf) from Debian's packages when missing.
# Usage: bench/perf-proxy.sh [seconds recorded per setup, default 10] [connections, default 64]
#        (PERF_WARMUP=15s per setup and round, 4 rounds; recordings in bench/logs/perf-*.data)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
seconds=${1:-10}
connections=${2:-64}
warmup=${PERF_WARMUP:-15s}
# shellcheck source=bench/start-proxies.sh
source "$root/bench/start-proxies.sh"
proxy_bench_setup
command -v perf >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q linux-perf >/dev/null
frequency=1999

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
write_backend_conf
# Frame pointers, so perf can walk the JIT's frames; the perf map (jcmd Compiler.perfmap) names them.
start_proxies "$jvm -XX:+PreserveFramePointer"
wait_for_proxies

bare="http://127.0.0.1:$BENCH_GATEWAY_PORT/off/item"
public="http://127.0.0.1:$PI_PROXY_PORT/off/item"
required="http://127.0.0.1:$PI_PROXY_PORT/on/item"
# Alternating warm-ups: the JIT of both JVMs must be done before anything is recorded.
for _ in 1 2 3 4; do
  for url in "$bare" "$public" "$required"; do
    "${pin_rest[@]}" wrk -t1 -c"$connections" -d"$warmup" -s "$root/bench/tokens.lua" "$url" >/dev/null
  done
done

summaries=()
for setup in "bare $bare $gateway_pid" "public $public $proxy_pid" "required $required $proxy_pid"; do
  read -r name url pid <<<"$setup"
  # wrk runs 4 s longer than perf records, so the recording sees steady load from start to end.
  "${pin_rest[@]}" wrk -t1 -c"$connections" -d"$(( seconds + 4 ))s" -s "$root/bench/tokens.lua" "$url" \
    >"$logs/perf-$name-wrk.txt" &
  wrk_pid=$!
  sleep 2
  perf record -F "$frequency" -g -p "$pid" -o "$logs/perf-$name.data" -- sleep "$seconds" 2>"$logs/perf-$name-record.log"
  wait "$wrk_pid"
  jcmd "$pid" Compiler.perfmap >/dev/null
  requests_per_second=$(awk '/^Requests\/sec/ {print $2}' "$logs/perf-$name-wrk.txt")
  summaries+=("$name:$logs/perf-$name.data:$requests_per_second:$seconds")
done
echo "perf at $frequency Hz, $seconds s per setup, wrk $connections connections; the proxy and the bare gateway on their own core"
python3 "$root/bench/perf_categories.py" "${summaries[@]}"
