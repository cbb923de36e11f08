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
request = function()
  i = i + 1
  local headers = {}
  for k, v in pairs(browser) do headers[k] = v end
  headers["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1]
  return wrk.format("GET", nil, headers)
end
