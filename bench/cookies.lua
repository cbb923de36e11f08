-- Like tokens.lua, but signed in with pi-edge's session cookie instead of a bearer token: the same browser
-- headers, and the cookies bench/proxy-bench.sh got from POST /pi-edge/session for the two demo users
-- (BENCH_COOKIES, space-separated name=value pairs), taken in turn.
local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "%S+") do
  cookies[#cookies + 1] = cookie
end
assert(#cookies > 0, "BENCH_COOKIES is empty")
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
  headers["Cookie"] = cookies[(i % #cookies) + 1]
  return wrk.format("GET", nil, headers)
end
