#!/usr/bin/env bash
# Benchmarks auth-proxy on loopback with wrk and prints requests/s and p50/p99 latency for:
#   1. the backend called directly,
#   1b. the yardstick: a bare Spring Cloud Gateway (bench-gateway: pi-edge's Boot and Cloud versions, one route,
#      default settings, no pi-edge code); every pi-edge setup is printed as a ratio to it,
#   1c. the outside peer: nginx with auth_request to the sandbox's /v2/me, cached by token with proxy_cache, in
#      front of the same backend (it checks the token but forwards no identity: nginx cannot read /v2/me's JSON
#      body without a module); every setup is also printed as a ratio to it,
#   2. the proxy on a route with auth off (pi-auth: public),
#   3. the proxy on a required route, with tokens already in its cache,
#   4. the same route with browser session cookies instead of bearer tokens (bench/cookies.lua), compared
#      with 3: the cost of opening a sealed session cookie against a cached bearer token,
#   5. the ceiling: the same required route on a second, tuned proxy (BENCH_TUNED_JAVA_OPTS, BENCH_TUNED_ARGS: by
#      default no access log and no per-route request metrics),
# and, to show where overhead comes from, the auth-off route plus three headers the size of the identity
# headers (added by the gateway's AddRequestHeader).
# Those runs saturate the proxy, so their p99 is mostly queueing and moves with throughput. A second part
# offers fixed loads below saturation (BENCH_RATES, requests/s) to the two proxy setups and compares their
# latency there: what the identity step adds to a request, rather than how long the queue grows.
# Both proxy setups get the very same requests (bench/tokens.lua: a bearer token and browser headers).
# It also prints the /v2/me calls per unique token, counted by pi-sandbox, and after the saturated rounds the
# resident memory (VmRSS) of the bare gateway's and the proxy's JVMs.
# The backend is nginx answering a fixed small body, so the three setups differ only by the proxy: an echo
# backend would answer the verified requests (with their extra identity headers) with bigger bodies.
# Usage: bench/proxy-bench.sh [duration of each run, default 10s] [connections, default 32]
#        (BENCH_WARMUP=30s, BENCH_ROUNDS=10, BENCH_RATES="2000 4000"; BENCH_RATES= skips that part)
# The setups run in short alternating rounds and are compared round by round (median of the per-round
# ratios and differences): on 2 cores the machine's speed drifts by 10-20% over minutes, and comparing
# neighbouring runs cancels most of that drift. The two setups under comparison run back to back, first
# one then the other in alternate rounds, so neither always inherits the state the other leaves (JIT
# profiles, heap). Each median comes with a distribution-free 95% confidence interval (order statistics
# of the rounds), and every round also runs auth off a second time as an A/A control: whatever difference
# the control shows is this machine's noise, the smallest difference the run can resolve.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
duration=${1:-10s}
connections=${2:-32}
threads=${BENCH_WRK_THREADS:-1}
warmup=${BENCH_WARMUP:-30s}

# shellcheck source=bench/start-proxies.sh
source "$root/bench/start-proxies.sh"
proxy_bench_setup
nginx_auth_port=28071

pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
# The outside peer: what a team gets from nginx alone. auth_request asks the sandbox's /v2/me with the client's
# Authorization header; proxy_cache keeps its 200 answers by token for the proxy's cache ttl (30 s), and
# requests without a valid token get 401. Keep-alive to both upstreams, as the gateways have pools.
rm -rf "$logs/nginx-auth-cache"
cat >"$logs/nginx-auth.conf" <<NGINX
worker_processes 1;
pid $logs/nginx-auth.pid;
error_log $logs/nginx-auth-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  proxy_cache_path $logs/nginx-auth-cache keys_zone=identity:10m max_size=64m;
  upstream backend { server 127.0.0.1:$DEMO_BACKEND_PORT; keepalive 64; }
  upstream pi { server 127.0.0.1:$PI_SANDBOX_PORT; keepalive 16; }
  server {
    listen 127.0.0.1:$nginx_auth_port;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    location / {
      auth_request /_identity;
      proxy_pass http://backend;
    }
    location = /_identity {
      internal;
      proxy_pass http://pi/v2/me;
      proxy_pass_request_body off;
      proxy_set_header Content-Length "";
      proxy_cache identity;
      proxy_cache_key \$http_authorization;
      proxy_cache_valid 200 30s;
      proxy_ignore_headers Cache-Control Expires Vary Set-Cookie;
    }
  }
  client_body_temp_path $logs/nginx-auth-body; proxy_temp_path $logs/nginx-auth-proxy;
  fastcgi_temp_path $logs/nginx-auth-fastcgi; uwsgi_temp_path $logs/nginx-auth-uwsgi; scgi_temp_path $logs/nginx-auth-scgi;
}
NGINX
write_backend_conf
start_proxies "$jvm"
"${pin_proxy[@]}" /usr/sbin/nginx -c "$logs/nginx-auth.conf" -g 'daemon off;' &
nginx_auth_pid=$!
pids+=($nginx_auth_pid)
wait_for_proxies
# The ceiling (issue 16, item 4): a second proxy, the same jar and jvm.options, with what an operator may trade away
# switched off: the access log and the per-route request metrics (spring_cloud_gateway_requests). It is compared in
# the same rounds. (The event loops need no setting: the proxy runs one per CPU the JVM may use, one here.)
tuned_port=28060
tuned_jvm=${BENCH_TUNED_JAVA_OPTS:-}
tuned_args=${BENCH_TUNED_ARGS:---logging.level.pi-edge.access=warn --spring.cloud.gateway.server.webflux.metrics.enabled=false}
# shellcheck disable=SC2086
PI_PROXY_PORT=$tuned_port PI_PROXY_MANAGEMENT_PORT=28061 "${pin_proxy[@]}" java $jvm @auth-proxy/jvm.options $tuned_jvm \
  -jar auth-proxy/target/auth-proxy.jar $tuned_args >"$logs/auth-proxy-tuned.log" 2>&1 &
tuned_pid=$!
pids+=($tuned_pid)
wait_for_url http://127.0.0.1:28061/actuator/health/readiness

# wrk prints latency as 812.00us, 1.23ms or 1.02s; convert to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n=v+0; if (v ~ /us$/) n/=1000; else if (v ~ /ms$/) n=n; else if (v ~ /s$/) n*=1000; printf "%.3f", n }'; }

# The measured server's own CPU time (cpu_ticks, start-proxies.sh: user + system, all its threads). Divided by the
# requests a run served, it is its cost per request: unlike latency at saturation, it does not depend on
# queueing, and it sets the throughput one core can reach. For nginx, the worker's (the master only waits).
nginx_auth_worker=$(pgrep -P "$nginx_auth_pid" | head -1)
server_pid() { case $1 in bare*) echo "$gateway_pid" ;; nginx*) echo "$nginx_auth_worker" ;; tuned*) echo "$tuned_pid" ;; *) echo "$proxy_pid" ;; esac; }
ticks_per_second=$(getconf CLK_TCK)

declare -A RPS P50 P99 CPU
# in_turn round "key|name|url[|script]"...: runs the setups in the given order in odd rounds and in reverse order in
# even ones, so that no setup always inherits the state the one before it leaves (JIT profiles, heap).
in_turn() {
  local round=$1 i key name url; shift
  local setups=("$@") script
  for (( i = 0; i < ${#setups[@]}; i++ )); do
    IFS='|' read -r key name url script <<<"${setups[(round % 2) ? i : ${#setups[@]} - 1 - i]}"
    run "$key" "$name #$round" "$url" -s "$root/bench/${script:-tokens}.lua"
  done
}
run() { # key name url [wrk args...]
  local key=$1 name=$2 url=$3; shift 3
  local pid; pid=$(server_pid "$key")
  local before; before=$(cpu_ticks "$pid")
  local out; out=$("${pin_rest[@]}" wrk -t"$threads" -c"$connections" -d"$duration" --latency "$@" "$url")
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(to_ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  errors=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  local cpu="-"
  if [ "$key" != direct ]; then
    cpu=$(awk -v ticks=$(( $(cpu_ticks "$pid") - before )) -v hz="$ticks_per_second" -v n="$(awk '/requests in/ {print $1}' <<<"$out")" \
      'BEGIN { printf "%.1f", 1e6 * ticks / hz / n }')
    CPU[$key]="${CPU[$key]:-} $cpu"
  fi
  printf '%-40s %12s %10s %10s %8s %12s\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}" "$cpu"
  RPS[$key]="${RPS[$key]:-} $rps"
  P50[$key]="${P50[$key]:-} $p50"
  P99[$key]="${P99[$key]:-} $p99"
}
# "low high coverage%": the k-th smallest and k-th largest of the values, with the largest k for which
# the pair covers the true median with at least 95% probability (binomial sign-test ranks; needs 6 values).
median_ci() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END {
  n = NR; k = 0; tail = 0; term = 0.5 ^ n
  for (j = 0; 2 * (tail + term) <= 0.05; j++) { tail += term; k = j + 1; term = term * (n - j) / (j + 1) }
  if (k == 0) { printf "- - 0"; exit }
  printf "%.3f %.3f %.1f", v[k], v[n - k + 1], 100 * (1 - 2 * tail) }'; }
# Per-round comparisons of two series recorded in the same rounds: b/a and b-a for each round.
ratios() { awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " "); for (i = 1; i <= n; i++) printf "%s ", y[i] / x[i] }'; }
differences() { awk -v a="$1" -v b="$2" 'BEGIN { n = split(a, x, " "); split(b, y, " "); for (i = 1; i <= n; i++) printf "%s ", y[i] - x[i] }'; }

direct="http://127.0.0.1:$DEMO_BACKEND_PORT/off/item"
bare="http://127.0.0.1:$BENCH_GATEWAY_PORT/off/item"
peer="http://127.0.0.1:$nginx_auth_port/on/item"
off="http://127.0.0.1:$PI_PROXY_PORT/off/item"
on="http://127.0.0.1:$PI_PROXY_PORT/on/item"
tuned="http://127.0.0.1:$tuned_port/on/item"
tokens=(-s "$root/bench/tokens.lua")

# Session cookies for the two demo users, made by the proxy's own sign-in (bench/cookies.lua sends them).
BENCH_COOKIES=""
for token in sandbox-token-alice sandbox-token-bob; do
  cookie=$(curl -fsS -D - -o /dev/null -X POST "http://127.0.0.1:$PI_PROXY_PORT/pi-edge/session" \
    -H "Origin: http://127.0.0.1:$PI_PROXY_PORT" -H 'Content-Type: application/json' -d "{\"accessToken\":\"$token\"}" \
    | sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-pi_edge_session=[^;]*\).*/\1/p')
  [ -n "$cookie" ] || { echo "sign-in for $token set no session cookie (see $logs)" >&2; exit 1; }
  BENCH_COOKIES="$BENCH_COOKIES $cookie"
done
export BENCH_COOKIES
curl -fsS -X DELETE "http://127.0.0.1:$PI_SANDBOX_PORT/sandbox/calls" >/dev/null
echo "warming up (JIT, connection pools, identity cache): $warmup per target..."
wrk -t"$threads" -c"$connections" -d"$warmup" "$direct" >/dev/null
for target in "$bare" "$peer"; do wrk -t"$threads" -c"$connections" -d"$warmup" "${tokens[@]}" "$target" >/dev/null; done
curl -fsS -o /dev/null -H 'Authorization: Bearer sandbox-token-alice' "$peer" \
  || { echo "nginx auth_request refused a valid token (see $logs/nginx-auth-error.log)" >&2; exit 1; }
hdr="http://127.0.0.1:$PI_PROXY_PORT/hdr/item"
for target in "$off" "$hdr" "$on" "$tuned"; do wrk -t"$threads" -c"$connections" -d"$warmup" "${tokens[@]}" "$target" >/dev/null; done
wrk -t"$threads" -c"$connections" -d"$warmup" -s "$root/bench/cookies.lua" "$on" >/dev/null
# Then all four at once, as a proxy in service sees public and signed-in traffic side by side. Warmed one
# route at a time, the JIT compiles each route's code for the route it last saw and recompiles it at every
# switch between rounds, which the measured route pays for (two 10-pair A/Bs: cached tokens cost
# +11.5 us/request over auth off after one-route-at-a-time warm-up, +5 us after mixed warm-up).
mixed=()
for target in "$off" "$hdr" "$on"; do
  wrk -t"$threads" -c"$(( (connections + 3) / 4 ))" -d"$warmup" "${tokens[@]}" "$target" >/dev/null &
  mixed+=($!)
done
wrk -t"$threads" -c"$(( (connections + 3) / 4 ))" -d"$warmup" -s "$root/bench/cookies.lua" "$on" >/dev/null &
mixed+=($!)
wait "${mixed[@]}"

echo "wrk: $threads thread(s), $connections connections, $duration per run, loopback, $(nproc) cores; proxy runs alternate"
[ ${#pin_proxy[@]} -gt 0 ] && echo "pinned: proxy, bare gateway and nginx auth_request on core $(( $(nproc) - 1 )); wrk, nginx backend and pi-sandbox on core 0"
printf '%-40s %12s %10s %10s %8s %12s\n' "setup" "requests/s" "p50 ms" "p99 ms" "non-2xx" "cpu us/req"
run direct "backend (nginx) direct" "$direct"
rounds=${BENCH_ROUNDS:-10}
for round in $(seq 1 "$rounds"); do
  in_turn "$round" "bare|bare gateway (one route)|$bare" "off|proxy, auth off (public route)|$off" \
    "cached|proxy, cached tokens (required)|$on" "cookie|proxy, session cookies (required)|$on|cookies" \
    "control|proxy, auth off again (A/A control)|$off" "nginx|nginx auth_request + proxy_cache|$peer" \
    "tuned|proxy tuned, cached tokens (required)|$tuned"
  run hdr "proxy, auth off + 3 headers of that size #$round" "$hdr" "${tokens[@]}"
done

# Resident memory right after the load, what a container's memory limit counts (heap, metaspace, code cache,
# thread stacks, Netty's direct buffers).
echo "RSS after the saturated rounds: bare gateway $(rss_mb "$gateway_pid") MB, proxy $(rss_mb "$proxy_pid") MB, tuned proxy $(rss_mb "$tuned_pid") MB"
echo "  (JVM options: $jvm for all; the proxies then auth-proxy/jvm.options; the tuned one then ${tuned_jvm:-nothing}, and $tuned_args)"
me_calls=$(curl -fsS "http://127.0.0.1:$PI_SANDBOX_PORT/sandbox/calls" | sed -n 's/.*"me":\([0-9]*\).*/\1/p')
me_calls=${me_calls:-0}
awk -v calls="$me_calls" -v hdr="$(median "${RPS[hdr]}")" -v off="$(median "${RPS[off]}")" -v on="$(median "${RPS[cached]}")" \
    -v offp99="$(median "${P99[off]}")" -v onp99="$(median "${P99[cached]}")" \
    -v offcpu="$(median "${CPU[off]}")" -v oncpu="$(median "${CPU[cached]}")" \
    -v hdrratio="$(median "$(ratios "${RPS[off]}" "${RPS[hdr]}")")" \
    -v cpudelta="$(median "$(differences "${CPU[off]}" "${CPU[cached]}")")" 'BEGIN {
  printf "/v2/me calls (the proxy and nginx together): %d for 2 unique tokens = %.1f per token (cache ttl 30 s)\n", calls, calls / 2
  printf "medians of rounds: auth off %.0f req/s, p99 %.3f ms, %.1f us CPU/req; cached tokens %.0f req/s, p99 %.3f ms, %.1f us CPU/req\n", off, offp99, offcpu, on, onp99, oncpu
  printf "round by round (median): auth off + headers alone reach %.1f%% of auth off\n", 100 * hdrratio
  printf "round by round (median): cached tokens add %+.1f us CPU/req\n", cpudelta
}'
# compare name series-a series-b: the median per-round ratio and p99 difference, with confidence intervals.
compare() {
  local rlo rhi cov dlo dhi _
  read -r rlo rhi cov <<<"$(median_ci "$(ratios "${RPS[$2]}" "${RPS[$3]}")")"
  read -r dlo dhi _ <<<"$(median_ci "$(differences "${P99[$2]}" "${P99[$3]}")")"
  awk -v name="$1" -v ratio="$(median "$(ratios "${RPS[$2]}" "${RPS[$3]}")")" \
      -v delta="$(median "$(differences "${P99[$2]}" "${P99[$3]}")")" \
      -v rlo="$rlo" -v rhi="$rhi" -v dlo="$dlo" -v dhi="$dhi" -v cov="$cov" 'BEGIN {
    printf "  %s: throughput %.1f%%, p99 %+.3f ms", name, 100 * ratio, delta
    if (cov == 0) printf " (confidence intervals need at least 6 rounds)\n"
    else printf "; %.1f%% confidence intervals %.1f%% to %.1f%%, p99 %+.3f to %+.3f ms\n", cov, 100 * rlo, 100 * rhi, dlo, dhi
  }'
}
echo "medians of the $rounds per-round comparisons with auth off, and how far this machine's noise leaves them uncertain:"
compare "cached tokens (targets: >= 90%, <= +1 ms)" off cached
# The control runs the auth-off setup twice: any difference it shows is noise, the resolution of this run.
compare "A/A control (auth off again)" off control
echo "the same for session cookies, against cached bearer tokens:"
compare "session cookies (target: within 10%)" cached cookie

# Every setup against the yardstick (the bare gateway) and the outside peer (nginx), as medians of the per-round
# ratios with their confidence intervals ("-" below 6 rounds), and the medians of p50 and p99 over the rounds.
ratio_ci() {
  local lo hi cov
  read -r lo hi cov <<<"$(median_ci "$(ratios "${RPS[$1]}" "${RPS[$2]}")")"
  awk -v r="$(median "$(ratios "${RPS[$1]}" "${RPS[$2]}")")" -v lo="$lo" -v hi="$hi" -v cov="$cov" 'BEGIN {
    if (cov == 0) printf "%.2fx", r; else printf "%.2fx [%.2f-%.2f]", r, lo, hi }'
}
echo
echo "every setup against the bare gateway and nginx auth_request (medians of $rounds per-round ratios, [95% CI])"
echo "targets (issue 16): public route >= 0.90x bare, cached tokens >= 0.85x bare, cookies within 10% of cached"
printf '%-40s %12s %20s %20s %10s %10s %12s\n' "setup" "requests/s" "x bare gateway" "x nginx" "p50 ms" "p99 ms" "cpu us/req"
for key in bare off cached cookie control tuned nginx; do
  case $key in
    bare) name="bare gateway (one route)" ;; off) name="proxy, auth off (public route)" ;;
    cached) name="proxy, cached tokens (required)" ;; cookie) name="proxy, session cookies (required)" ;;
    control) name="proxy, auth off again (A/A control)" ;; nginx) name="nginx auth_request + proxy_cache" ;;
    tuned) name="proxy tuned, cached tokens (required)" ;;
  esac
  printf '%-40s %12.0f %20s %20s %10.3f %10.3f %12.1f\n' "$name" "$(median "${RPS[$key]}")" "$(ratio_ci bare "$key")" \
    "$(ratio_ci nginx "$key")" "$(median "${P50[$key]}")" "$(median "${P99[$key]}")" "$(median "${CPU[$key]}")"
done

rates=${BENCH_RATES-2000 4000}
[ -n "$rates" ] || exit 0
echo
echo "fixed offered load below saturation: each connection waits an exponential think time (mean connections/rate)"
printf '%-40s %12s %10s %10s %8s %12s\n' "setup" "requests/s" "p50 ms" "p99 ms" "non-2xx" "cpu us/req"
for rate in $rates; do
  export BENCH_RATE=$rate BENCH_CONNECTIONS=$connections
  for round in $(seq 1 "$rounds"); do
    in_turn "$round" "off@$rate|proxy, auth off @ $rate/s|$off" "on@$rate|proxy, cached tokens @ $rate/s|$on"
  done
  unset BENCH_RATE BENCH_CONNECTIONS
done
for rate in $rates; do
  awk -v rate="$rate" -v offr="$(median "${RPS[off@$rate]}")" -v onr="$(median "${RPS[on@$rate]}")" \
      -v off50="$(median "${P50[off@$rate]}")" -v on50="$(median "${P50[on@$rate]}")" \
      -v off99="$(median "${P99[off@$rate]}")" -v on99="$(median "${P99[on@$rate]}")" \
      -v offcpu="$(median "${CPU[off@$rate]}")" -v oncpu="$(median "${CPU[on@$rate]}")" \
      -v d50="$(median "$(differences "${P50[off@$rate]}" "${P50[on@$rate]}")")" \
      -v d99="$(median "$(differences "${P99[off@$rate]}" "${P99[on@$rate]}")")" 'BEGIN {
    printf "at %d/s offered (medians; served %.0f vs %.0f req/s): p50 %.3f -> %.3f ms, p99 %.3f -> %.3f ms, CPU %.1f -> %.1f us/req\n", rate, offr, onr, off50, on50, off99, on99, offcpu, oncpu
    printf "  round by round (median): cached tokens add p50 %+.3f ms, p99 %+.3f ms (target <= +1 ms)\n", d50, d99
  }'
  read -r lo hi cov <<<"$(median_ci "$(differences "${P99[off@$rate]}" "${P99[on@$rate]}")")"
  if [ "$cov" != 0 ]; then
    printf '  %s%% confidence interval of that median: p99 %+.3f to %+.3f ms\n' "$cov" "$lo" "$hi"
  fi
done
