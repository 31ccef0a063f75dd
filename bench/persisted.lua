-- wrk script for script/bench-persisted: one fixed request, over and over.
--
--   wrk ... -s bench/persisted.lua -- post PATH BODY_FILE   POST, application/json body
--   wrk ... -s bench/persisted.lua -- get PATH [ETAG]       GET, with If-None-Match: ETAG
--
-- Every request sends `Accept: application/json` (answers vary with Accept,
-- so the GET hits and their ETags must all use the same one). The request is
-- formatted once per thread; no response() callback, so wrk does not parse
-- the answers in Lua. done() prints one WRK_RESULT line for
-- script/bench-persisted to parse: 304s count as successes, statuses >= 400
-- as non2xx (wrk's own rule).

local fixed = nil

function init(args)
  local method, path = args[1], args[2]
  assert(path and path:sub(1, 1) == "/", "usage: -- post PATH BODY_FILE | get PATH [ETAG]")
  local headers = { ["Accept"] = "application/json" }
  if method == "post" then
    local file = assert(io.open(args[3], "rb"))
    local body = file:read("*a")
    file:close()
    headers["Content-Type"] = "application/json"
    fixed = wrk.format("POST", path, headers, body)
  elseif method == "get" then
    if args[3] and args[3] ~= "" then headers["If-None-Match"] = args[3] end
    fixed = wrk.format("GET", path, headers)
  else
    error("unknown method " .. tostring(method))
  end
end

function request()
  return fixed
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d socket_errors=%d non2xx=%d bytes=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status, summary.bytes))
end
