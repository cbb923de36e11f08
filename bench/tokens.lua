-- Rotates the sandbox's two valid demo tokens, so the proxy serves both from its cache.
local tokens = { "sandbox-token-alice", "sandbox-token-bob" }
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1] })
end
