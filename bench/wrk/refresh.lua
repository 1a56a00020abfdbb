-- POST /auth/refresh with rotation: every response carries a new refresh token and the old one is
-- dead (presenting it again would revoke the whole family), so each connection must use the token
-- from its previous response. Run with one connection per thread (wrk -tN -cN): a thread then has
-- exactly one request in flight. Thread i starts from line i of REFRESH_TOKENS_FILE (one token per
-- line, from N separate logins). Every non-200 response is counted and the first one per thread
-- is shown; bench/run.sh requires the count to be 0.
local dir = os.getenv("WRK_LUA_DIR") or "bench/wrk"
dofile(dir .. "/report.lua")

-- Per-thread state (every thread runs this file in its own Lua state); setup() below sets
-- refresh_token and thread_id from the main state before init().
ok = 0
non200 = 0
first_error = ""

local headers = { ["Content-Type"] = "application/json" }

function request()
  return wrk.format("POST", "/auth/refresh", headers, '{"refresh_token":"' .. refresh_token .. '"}')
end

function response(status, hdrs, body)
  if status == 200 then
    local next_token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
    if next_token then
      refresh_token = next_token
      ok = ok + 1
      return
    end
  end
  non200 = non200 + 1
  if first_error == "" then
    first_error = tostring(status) .. " " .. string.sub(body or "", 1, 200)
  end
end

-- Main state only.
local threads = {}

function setup(thread)
  local tokens = {}
  for line in io.lines(os.getenv("REFRESH_TOKENS_FILE")) do
    if line ~= "" then
      tokens[#tokens + 1] = line
    end
  end
  local i = #threads + 1
  if tokens[i] == nil then
    error("REFRESH_TOKENS_FILE has " .. #tokens .. " tokens; thread " .. i .. " needs its own")
  end
  thread:set("refresh_token", tokens[i])
  thread:set("thread_id", i)
  threads[i] = thread
end

function done(summary, latency, requests)
  local total_ok, total_bad = 0, 0
  for i, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_bad = total_bad + t:get("non200")
    local err = t:get("first_error")
    if err ~= "" then
      io.write(string.format("BENCH_FIRST_ERROR thread %d: %s\n", i, err))
    end
  end
  -- Requests cut off by the end of the run are in neither count.
  report(summary, latency, {
    { "ok", total_ok },
    { "non200", total_bad },
    { "ok_rps", string.format("%.1f", total_ok / (summary.duration / 1e6)) },
  })
end
