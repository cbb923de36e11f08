# Sourced by bench/proxy-bench.sh, bench/profile-proxy.sh and bench/settings-bench.sh (and, for install_bench_tools
# and wait_for_url alone, bench/identity-cache-bench.sh): proxy_bench_setup, then
# write_backend_conf, then start_proxies starts, from the repository root, the nginx
# backend ($logs/nginx.conf), pi-sandbox, pi-edge's proxy and the bare gateway, and sets pin_proxy/pin_rest,
# proxy_pid and gateway_pid and appends every pid to pids.
# Usage: start_proxies "<JVM options for the proxy and the bare gateway>"   (pi-sandbox gets $jvm; the proxy then
# gets its shipped auth-proxy/jvm.options, whose settings win, as bin/demo and the image start it)
# On 2 cores, wrk, nginx, the sandbox and the proxy fight for CPU and the figures swing by ±30%; pinning
# the proxy to its own core (everything else to core 0) makes them repeatable. BENCH_PIN=0 turns it off.
# The setups it is compared with (the bare gateway, nginx auth_request) share that core; only one of them
# carries load at a time.
# Installs wrk and nginx from Debian's packages when missing: every proxy benchmark drives load with wrk and puts
# nginx behind (and, in proxy-bench.sh, beside) the proxy.
install_bench_tools() {
  local tool
  for tool in wrk nginx; do
    if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
      echo "Installing $tool (Debian package)..." >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$tool" >/dev/null; }
    fi
  done
}

# The setup every proxy benchmark shares, run from the repository root ($root): installs wrk and nginx and builds the
# jars if missing, and sets
# the ports, the routes (bench/config), $logs and $jvm (BENCH_JAVA_OPTS, default -Xms256m -Xmx512m).
proxy_bench_setup() {
  local app
  install_bench_tools
  for app in pi-sandbox auth-proxy bench-gateway; do
    [ -f "$app/target/$app.jar" ] || { mvn -B -q -DskipTests -pl pi-sandbox,auth-proxy,bench-gateway -am package; break; }
  done
  export PI_SANDBOX_PORT=28090 DEMO_BACKEND_PORT=28081
  export PI_PROXY_PORT=28080 PI_PROXY_MANAGEMENT_PORT=29080 PI_PROXY_ADDRESS=127.0.0.1
  export PI_API_BASE_URL=http://127.0.0.1:$PI_SANDBOX_PORT PI_BACKEND_URL=http://127.0.0.1:$DEMO_BACKEND_PORT
  export PI_EDGE_CONFIG_DIR=$root/bench/config
  export BENCH_GATEWAY_PORT=28070 BENCH_BACKEND_URL=$PI_BACKEND_URL
  logs=$root/bench/logs
  mkdir -p "$logs"
  jvm=${BENCH_JAVA_OPTS:--Xms256m -Xmx512m}
}

# Writes $logs/nginx.conf: the backend every setup forwards to, nginx answering a small fixed body.
write_backend_conf() {
  cat >"$logs/nginx.conf" <<NGINX
  worker_processes 1;
  pid $logs/nginx.pid;
  error_log $logs/nginx-error.log;
  events { worker_connections 1024; }
  http {
    access_log off;
    server { listen 127.0.0.1:$DEMO_BACKEND_PORT; location / { return 200 '{"ok":true}'; } }
    client_body_temp_path $logs/nginx-body; proxy_temp_path $logs/nginx-proxy;
    fastcgi_temp_path $logs/nginx-fastcgi; uwsgi_temp_path $logs/nginx-uwsgi; scgi_temp_path $logs/nginx-scgi;
  }
NGINX
}

start_proxies() {
  local proxy_jvm=$1
  pin_proxy=() pin_rest=()
  if [ "${BENCH_PIN:-1}" = 1 ] && command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ]; then
    pin_proxy=(taskset -c "$(( $(nproc) - 1 ))") pin_rest=(taskset -c 0)
  fi
  "${pin_rest[@]}" /usr/sbin/nginx -c "$logs/nginx.conf" -g 'daemon off;' &
  pids+=($!)
  # shellcheck disable=SC2086
  "${pin_rest[@]}" java $jvm -jar pi-sandbox/target/pi-sandbox.jar >"$logs/pi-sandbox.log" 2>&1 &
  pids+=($!)
  # shellcheck disable=SC2086
  "${pin_proxy[@]}" java $proxy_jvm @auth-proxy/jvm.options -jar auth-proxy/target/auth-proxy.jar >"$logs/auth-proxy.log" 2>&1 &
  proxy_pid=$!
  pids+=($proxy_pid)
  # shellcheck disable=SC2086
  "${pin_proxy[@]}" java $proxy_jvm -jar bench-gateway/target/bench-gateway.jar >"$logs/bench-gateway.log" 2>&1 &
  gateway_pid=$!
  pids+=($gateway_pid)
}

# wait_for_url URL [seconds, default 120]: waits until URL answers 2xx, or ends the script naming it.
wait_for_url() {
  local tries=$(( ${2:-120} * 2 ))
  for _ in $(seq 1 "$tries"); do curl -fsS -o /dev/null "$1" 2>/dev/null && return; sleep 0.5; done
  curl -fsS -o /dev/null "$1" || { echo "not ready: $1 (see $logs)" >&2; exit 1; }
}

# Figures of a process and of a list of numbers, for the benchmarks that compare setups:
# cpu_ticks PID: the process's user + system CPU time so far, in clock ticks (getconf CLK_TCK per second).
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# rss_mb PID: its resident memory, in MB.
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# median "n1 n2 ...": the median of space-separated numbers, to 3 decimals.
median() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# Waits until the sandbox, the backend, the proxy and the bare gateway answer (2 minutes at most each).
wait_for_proxies() {
  local url
  for url in "http://127.0.0.1:$PI_SANDBOX_PORT/actuator/health" "http://127.0.0.1:$DEMO_BACKEND_PORT/" \
      "http://127.0.0.1:$PI_PROXY_MANAGEMENT_PORT/actuator/health/readiness" "http://127.0.0.1:$BENCH_GATEWAY_PORT/off/item"; do
    wait_for_url "$url"
  done
}
