-- Sends each of BENCH_IDENTITIES tokens (bench-token-0 ... bench-token-<N-1>, which the /v2/me stub of
-- bench/identity-cache-bench.sh accepts) once, so every one is verified with /v2/me and cached by the
-- proxy, then stops. Counts answers other than 200, which the script reports: each is an identity not cached.
local total = tonumber(os.getenv("BENCH_IDENTITIES") or "")
assert(total and total > 0, "BENCH_IDENTITIES is not set")
local sent, answered, failed = 0, 0, 0
request = function()
  local token = "bench-token-" .. (sent % total)
  sent = sent + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. token })
end
response = function(status)
  answered = answered + 1
  if status ~= 200 then
    failed = failed + 1
  end
  if answered == total then
    io.stderr:write(string.format("answered %d, not 200: %d\n", answered, failed))
    wrk.thread:stop()
  end
end
