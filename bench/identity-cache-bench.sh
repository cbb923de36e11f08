#!/usr/bin/env bash
# Measures what auth-proxy's identity cache costs in memory (issue 16 item 3): it starts the proxy with
# bench/config's routes and nginx as both the backend and Pi's /v2/me (a stub that accepts every bearer token
# and answers Pi's UserDTO with uid "uid-<token>"); then it sends each of N tokens (bench-token-0 ...
# bench-token-<N-1>) once to the `required` route (bench/fill-identities.lua) so the proxy verifies every one
# with /v2/me and caches it, and prints:
#   - the proxy's RSS (VmRSS from /proc) before and after the fill,
#   - its heap in use after a full GC (`jcmd <pid> GC.run`, then `jstat -gc`: survivors + eden + old) before
#     and after the fill, and the heap per cached identity = (after - before) / N,
#   - the /v2/me calls the stub served during the fill (N when every token was verified once).
# Why a stub and not pi-sandbox: the sandbox learns its users from YAML, and Spring Boot binds a list of 100,000
# users (each with its own scopes list) in quadratic time: it did not start within minutes.
# The cache's ttl is raised to 1 h for the run so no identity expires while the others are sent; max-size stays
# as shipped (100,000) unless N needs more. The X-Pi-Identity assertion's ttl is raised to 2 h with it, so each
# identity also keeps its signed assertion: at the shipped ttls (30 s for an identity, an assertion reused for
# 30 s) 100,000 cached identities were all used in the last 30 s, so each has one, and the figure must hold them.
# Then 64 connections load the public and the required route for BENCH_LOAD (20s) each, and it prints the RSS
# after that too; and the heap histogram by class per identity. With -XX:NativeMemoryTracking=summary in
# BENCH_PROXY_JAVA_OPTS (they come after auth-proxy/jvm.options, so they win) it also prints the JVM's memory by area.
# Usage: bench/identity-cache-bench.sh [identities, default 100000]   (BENCH_JAVA_OPTS as in proxy-bench.sh)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
identities=${1:-100000}
# shellcheck source=bench/start-proxies.sh
source "$root/bench/start-proxies.sh"
install_bench_tools
[ -f auth-proxy/target/auth-proxy.jar ] || mvn -B -q -DskipTests -pl auth-proxy -am package

logs=$root/bench/logs
mkdir -p "$logs"
conf=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$conf"' EXIT
cp bench/config/auth-proxy.yml "$conf/"
valid_until=$(( $(date +%s) + 86400 ))
valid_until_iso=$(date -u -d "@$valid_until" +%Y-%m-%dT%H:%M:%SZ)

export PI_EDGE_CONFIG_DIR=$conf PI_SANDBOX_PORT=21090 DEMO_BACKEND_PORT=21081
export PI_PROXY_PORT=21080 PI_PROXY_MANAGEMENT_PORT=21180 PI_PROXY_ADDRESS=127.0.0.1
export PI_API_BASE_URL=http://127.0.0.1:$PI_SANDBOX_PORT PI_BACKEND_URL=http://127.0.0.1:$DEMO_BACKEND_PORT
jvm=${BENCH_JAVA_OPTS:--Xms256m -Xmx512m}
cat >"$logs/identity-nginx.conf" <<NGINX
worker_processes 1;
pid $logs/identity-nginx.pid;
error_log $logs/identity-nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$DEMO_BACKEND_PORT; location / { return 200 '{"ok":true}'; } }
  # Pi's /v2/me for any bearer token, valid for a day; its access log counts the calls.
  server {
    listen 127.0.0.1:$PI_SANDBOX_PORT;
    default_type application/json;
    location = /v2/me {
      access_log $logs/identity-me-calls.log;
      if (\$http_authorization ~ "^Bearer ([A-Za-z0-9._-]+)\$") {
        return 200 '{"uid":"uid-\$1","credentials":{"scopes":["username","payments"],"valid_until":{"timestamp":$valid_until,"iso8601":"$valid_until_iso"}},"username":"\$1"}';
      }
      return 401 '{"error":"invalid_token"}';
    }
  }
  client_body_temp_path $logs/identity-nginx-body; proxy_temp_path $logs/identity-nginx-proxy;
  fastcgi_temp_path $logs/identity-nginx-fastcgi; uwsgi_temp_path $logs/identity-nginx-uwsgi; scgi_temp_path $logs/identity-nginx-scgi;
}
NGINX
rm -f "$logs/identity-me-calls.log"
/usr/sbin/nginx -c "$logs/identity-nginx.conf" -g 'daemon off;' &
pids+=($!)
max_size=$(( identities + 2 > 100000 ? identities + 2 : 100000 ))
# shellcheck disable=SC2086
java $jvm @auth-proxy/jvm.options ${BENCH_PROXY_JAVA_OPTS:-} -jar auth-proxy/target/auth-proxy.jar --pi.auth.cache.ttl=1h --pi.auth.cache.max-size=$max_size \
  --pi.auth.assertion.ttl=2h \
  --logging.level.pi-edge.access=warn >"$logs/identity-auth-proxy.log" 2>&1 &
proxy_pid=$!
pids+=($proxy_pid)
for url in "http://127.0.0.1:$DEMO_BACKEND_PORT/" \
    "http://127.0.0.1:$PI_PROXY_MANAGEMENT_PORT/actuator/health/readiness"; do
  wait_for_url "$url" 180
done

rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$proxy_pid/status"; }
# Heap in use after a full collection, in KB: what live objects hold, without garbage waiting for the next GC.
heap_kb() {
  jcmd "$proxy_pid" GC.run >/dev/null
  jstat -gc "$proxy_pid" | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i } NR == 2 {
    printf "%.0f", $c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"] }'
}
on="http://127.0.0.1:$PI_PROXY_PORT/on/item"
# Load the proxy's hot path first (classes, JIT, pools) with the two demo tokens, so that "before" already
# holds everything but the identities.
wrk -t1 -c8 -d"${BENCH_WARMUP:-10s}" -s "$root/bench/tokens.lua" "$on" >/dev/null
calls_before=$(wc -l <"$logs/identity-me-calls.log")
rss_before=$(rss_mb); heap_before=$(heap_kb)
jcmd "$proxy_pid" GC.class_histogram >"$logs/identity-histogram-before.txt"
echo "filling the identity cache with $identities distinct tokens..."
# wrk's main thread sleeps for the whole -d even after the script stops its thread, so the fill runs in the
# background and is ended here once the script reports every answer.
rm -f "$logs/identity-fill.log"  # so an earlier run's "answered" line cannot end the wait below at once
BENCH_IDENTITIES=$identities wrk -t1 -c16 -d1h -s "$root/bench/fill-identities.lua" "$on" >/dev/null 2>"$logs/identity-fill.log" &
fill_pid=$!
until grep -qs '^answered' "$logs/identity-fill.log"; do
  kill -0 "$fill_pid" 2>/dev/null || { echo "the fill stopped early (see $logs/identity-fill.log)" >&2; exit 1; }
  sleep 1
done
kill "$fill_pid"; wait "$fill_pid" 2>/dev/null || true
cat "$logs/identity-fill.log"
me_calls=$(( $(wc -l <"$logs/identity-me-calls.log") - calls_before ))
rss_after=$(rss_mb); heap_after=$(heap_kb)
# Then the benchmark's load on top of the full cache (64 connections, the public and the required route), so the
# RSS printed last is the proxy's after a benchmark with every identity cached: what issue 16's memory target is.
for url in "http://127.0.0.1:$PI_PROXY_PORT/off/item" "$on"; do
  wrk -t1 -c64 -d"${BENCH_LOAD:-20s}" -s "$root/bench/tokens.lua" "$url" >/dev/null
done
rss_loaded=$(rss_mb)
jcmd "$proxy_pid" GC.class_histogram >"$logs/identity-histogram-after.txt"
echo "proxy JVM options: $jvm, then auth-proxy/jvm.options, then ${BENCH_PROXY_JAVA_OPTS:-nothing}; cache ttl 1h, max-size $max_size, assertion ttl 2h"
echo "/v2/me calls during the fill: ${me_calls:-0} for $identities tokens"
awk -v n="$identities" -v rb="$rss_before" -v ra="$rss_after" -v rl="$rss_loaded" -v load="${BENCH_LOAD:-20s}" -v hb="$heap_before" -v ha="$heap_after" 'BEGIN {
  printf "RSS: %.1f MB before, %.1f MB after the fill, %.1f MB after %s of saturating load on top\n", rb, ra, rl, load
  printf "heap after a full GC: %.1f MB before, %.1f MB after the fill\n", hb / 1024, ha / 1024
  printf "heap per cached identity: %.0f bytes ((after - before) / %d)\n", (ha - hb) * 1024 / n, n
}'
echo "what the identities hold, by class (heap histogram after minus before, bytes per identity):"
awk -v n="$identities" 'FNR == NR { if ($1 ~ /^[0-9]+:$/) before[$4] = $3; next }
  $1 ~ /^[0-9]+:$/ { d = $3 - before[$4]; if (d > 0) printf "%10.1f  %s\n", d / n, $4 }' \
  "$logs/identity-histogram-before.txt" "$logs/identity-histogram-after.txt" | sort -rn | head -n 15
if [[ "$jvm ${BENCH_PROXY_JAVA_OPTS:-}" == *NativeMemoryTracking=summary* ]]; then
  echo "the JVM's memory by area after the fill (Native Memory Tracking, committed MB):"
  jcmd "$proxy_pid" VM.native_memory summary | sed -n 's/^-  *\([A-Za-z ]*\) (reserved=[0-9]*KB, committed=\([0-9]*\)KB).*/\1 \2/p' \
    | awk '{ kb = $NF; $NF = ""; if (kb >= 1024) printf "%8.1f  %s\n", kb / 1024, $0 }'
fi
