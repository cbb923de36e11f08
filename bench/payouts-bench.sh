#!/usr/bin/env bash
# Payout throughput and latency against the sandbox: sends N payouts to alice through the backend API (all at
# once, each with its own Idempotency-Key), waits until every one is completed, and prints payouts per second
# and the time from request to `completed` (median and max, as seen by polling every 50 ms).
#
# Needs a running demo with payouts on (bin/demo starts one): the sidecar's API and management port, and the
# sandbox. Usage: bench/payouts-bench.sh [N]   (default 20)
# Ports follow bin/demo's variables: PI_SIDECAR_PORT (8082), PI_SIDECAR_MANAGEMENT_PORT (9082).
set -euo pipefail

n=${1:-20}
api=http://127.0.0.1:${PI_SIDECAR_PORT:-8082}/pi-edge/api
management=http://127.0.0.1:${PI_SIDECAR_MANAGEMENT_PORT:-9082}
alice=5f0b5a2e-7c1d-4a8e-9d35-6c2f1a9b7e01
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
now_ms() { date +%s%3N; }

key=$(curl -sS -X POST "$management/actuator/apikeys" -H 'Content-Type: application/json' \
  -d '{"label":"payouts bench","permissions":"payouts:write"}' | field key)
[ -n "$key" ] || { echo "could not create an API key on $management" >&2; exit 1; }

declare -A started done_at
ids=()
start=$(now_ms)
for i in $(seq 1 "$n"); do
  t=$(now_ms)
  id=$(curl -sS -X POST "$api/payouts" -H "Authorization: Bearer $key" -H "Idempotency-Key: bench-$start-$i" \
    -H 'Content-Type: application/json' -d "{\"uid\":\"$alice\",\"amount\":0.01,\"memo\":\"bench $i\"}" | field id)
  [ -n "$id" ] || { echo "payout $i was not accepted" >&2; exit 1; }
  ids+=("$id"); started[$id]=$t
done
remaining=$n
while [ "$remaining" -gt 0 ]; do
  for id in "${ids[@]}"; do
    [ -n "${done_at[$id]:-}" ] && continue
    status=$(curl -sS "$api/payouts/$id" -H "Authorization: Bearer $key" | field status)
    case "$status" in
      completed) done_at[$id]=$(now_ms); remaining=$((remaining - 1)) ;;
      failed|cancelled) echo "payout $id ended $status" >&2; exit 1 ;;
    esac
  done
  sleep 0.05
done
end=$(now_ms)
latencies=$(for id in "${ids[@]}"; do echo $((done_at[$id] - started[$id])); done | sort -n)
median=$(sed -n "$(( (n + 1) / 2 ))p" <<<"$latencies")
max=$(tail -1 <<<"$latencies")
first=$(head -1 <<<"$latencies")
awk -v n="$n" -v ms="$((end - start))" -v first="$first" -v median="$median" -v max="$max" 'BEGIN {
  printf "%d payouts in %.2f s: %.2f payouts/s; request to completed: fastest %d ms, median %d ms, max %d ms\n",
    n, ms / 1000, n / (ms / 1000), first, median, max }'
