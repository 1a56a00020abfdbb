-- The same request over and over (wrk's fast path: no Lua per request). Method and JSON body come
-- from the environment (WRK_METHOD, WRK_BODY); extra headers from wrk's -H.
local dir = os.getenv("WRK_LUA_DIR") or "bench/wrk"
dofile(dir .. "/report.lua")

local method = os.getenv("WRK_METHOD")
if method and method ~= "" then
  wrk.method = method
end
local body = os.getenv("WRK_BODY")
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
