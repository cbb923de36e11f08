#!/usr/bin/env bash
# Measures what single settings do to the proxy's throughput, each as a ratio to the bare gateway (bench-gateway)
# in the same rounds: for every variant it (re)starts the proxy with that variant's JVM options and arguments,
# warms it up, then runs the bare gateway and the proxy in alternating rounds (wrk, bench/tokens.lua) on the
# public route and the required route with cached tokens, and prints the median of the per-round ratios.
# Same setup as bench/proxy-bench.sh (bench/config routes, pi-sandbox, nginx backend, the proxy's core pinned).
# Usage: bench/settings-bench.sh [variants file, default bench/settings-variants.txt]
#        (BENCH_DURATION=8s per run, BENCH_ROUNDS=3, BENCH_CONNECTIONS=64, BENCH_WARMUP=15s per variant)
# A variants file has one variant per line: name|JVM options|application arguments ('#' starts a comment); the JVM
# options come after the shipped auth-proxy/jvm.options, so they win.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
variants_file=${1:-$root/bench/settings-variants.txt}
duration=${BENCH_DURATION:-8s}
rounds=${BENCH_ROUNDS:-3}
connections=${BENCH_CONNECTIONS:-64}
warmup=${BENCH_WARMUP:-15s}
# shellcheck source=bench/start-proxies.sh
source "$root/bench/start-proxies.sh"
proxy_bench_setup

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
write_backend_conf
start_proxies "$jvm"
wait_for_proxies

# run url pid: one wrk run; prints requests/s and the server's CPU microseconds per request (user + system time of
# its process over the run). CPU per request holds up when other work shares the machine; requests/s does not.
run() {
  local before out requests
  before=$(cpu_ticks "$2")
  out=$("${pin_rest[@]}" wrk -t1 -c"$connections" -d"$duration" -s "$root/bench/tokens.lua" "$1")
  requests=$(awk '/requests in/ {print $1}' <<<"$out")
  awk -v rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")" -v ticks=$(( $(cpu_ticks "$2") - before )) \
    -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%s %.1f", rps, 1e6 * ticks / hz / n }'
}
bare="http://127.0.0.1:$BENCH_GATEWAY_PORT/off/item"
public="http://127.0.0.1:$PI_PROXY_PORT/off/item"
required="http://127.0.0.1:$PI_PROXY_PORT/on/item"
# The bare gateway once, for longer: its JIT must be done before the first variant's rounds compare with it.
for _ in 1 2 3; do "${pin_rest[@]}" wrk -t1 -c"$connections" -d"$warmup" -s "$root/bench/tokens.lua" "$bare" >/dev/null; done

echo "wrk: 1 thread, $connections connections, $duration per run, $rounds alternating rounds per variant, $(nproc) cores"
echo "x bare: medians of the per-round ratios to the bare gateway, by requests/s and by CPU per request (bare's CPU"
echo "per request / the proxy's, which predicts the requests/s ratio when the machine is shared)"
printf '%-24s %9s %9s %9s %9s %9s %9s %9s %7s  %s\n' variant "bare r/s" "bare us" "public x" "cpu x" "requ. x" "cpu x" \
  "requ. us" "RSS MB" "settings"
while IFS='|' read -r name options arguments; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  kill "$proxy_pid" 2>/dev/null || true
  wait "$proxy_pid" 2>/dev/null || true
  # shellcheck disable=SC2086
  "${pin_proxy[@]}" java $jvm @auth-proxy/jvm.options $options -jar auth-proxy/target/auth-proxy.jar $arguments >"$logs/auth-proxy-$name.log" 2>&1 &
  proxy_pid=$!
  pids+=($proxy_pid)
  wait_for_proxies
  for url in "$public" "$required"; do "${pin_rest[@]}" wrk -t1 -c"$connections" -d"$warmup" -s "$root/bench/tokens.lua" "$url" >/dev/null; done
  declare -A figures=()
  for round in $(seq 1 "$rounds"); do
    order=(bare public required)
    (( round % 2 )) || order=(required public bare)
    for setup in "${order[@]}"; do
      case $setup in bare) url=$bare pid=$gateway_pid ;; public) url=$public pid=$proxy_pid ;; *) url=$required pid=$proxy_pid ;; esac
      read -r rps cpu <<<"$(run "$url" "$pid")"
      figures[$setup.rps]="${figures[$setup.rps]:-} $rps" figures[$setup.cpu]="${figures[$setup.cpu]:-} $cpu"
    done
  done
  ratio() { awk -v a="${figures[$1]}" -v b="${figures[$2]}" 'BEGIN { n = split(a, x, " "); split(b, y, " "); for (i = 1; i <= n; i++) printf "%s ", y[i] / x[i] }'; }
  printf '%-24s %9.0f %9.1f %8.3fx %8.3fx %8.3fx %8.3fx %9.1f %7s  %s\n' "$name" "$(median "${figures[bare.rps]}")" \
    "$(median "${figures[bare.cpu]}")" "$(median "$(ratio bare.rps public.rps)")" "$(median "$(ratio public.cpu bare.cpu)")" \
    "$(median "$(ratio bare.rps required.rps)")" "$(median "$(ratio required.cpu bare.cpu)")" \
    "$(median "${figures[required.cpu]}")" "$(rss_mb "$proxy_pid")" "${options:-} ${arguments:-}"
done <"$variants_file"
echo "machine load (other work shares these cores): $(cut -d' ' -f1-3 /proc/loadavg)"
