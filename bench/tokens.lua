-- The same request for both proxy setups, as a Pi Browser sends it: a bearer token (rotating over the
-- sandbox's two valid demo users) and ordinary browser headers. Only the route's policy differs.
local tokens = { "sandbox-token-alice", "sandbox-token-bob" }
local i = 0
local browser = {
  ["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) PiBrowser/2.0 Chrome/126.0 Mobile Safari/537.36",
  ["Accept"] = "application/json, text/plain, */*",
  ["Accept-Language"] = "en-US,en;q=0.9",
  ["Accept-Encoding"] = "gzip, deflate",
  ["Origin"] = "https://shop.example",
  ["Referer"] = "https://shop.example/cart",
}
-- With BENCH_RATE (requests/s over all connections) and BENCH_CONNECTIONS set, each connection waits a
-- random, exponentially distributed think time between requests: an offered load near BENCH_RATE that
-- stays below saturation, so latency shows what the proxy adds rather than how long the queue is.
local rate = tonumber(os.getenv("BENCH_RATE") or "")
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "")
if rate and connections and rate > 0 then
  local mean_ms = 1000 * connections / rate
  math.randomseed(20261122)
  delay = function()
    return math.floor(-mean_ms * math.log(1 - math.random()) + 0.5)
  end
end
request = function()
  i = i + 1
  local headers = {}
  for k, v in pairs(browser) do headers[k] = v end
  headers["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1]
  return wrk.format("GET", nil, headers)
end
