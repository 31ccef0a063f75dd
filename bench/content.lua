-- wrk script for script/bench-content: POSTs GraphQL reads to /graphql.
--
--   wrk ... -s bench/content.lua -- list          the 20-item list, always the same
--   wrk ... -s bench/content.lua -- slug FILE     contentBySlug, cycling through
--                                                 the slugs in FILE (one a line)
--
-- The queries match LIST_QUERY and SLUG_QUERY in bench/content_load.py, whose
-- `check` makes sure they answer with data (wrk only sees HTTP statuses).
-- done() prints one WRK_RESULT line for script/bench-content to parse.

local list_body = '{"query":"{ contents(first: 20) { edges { node { id title slug excerpt '
  .. 'author { displayName } tags { name } } } } }"}'
local slug_head = '{"query":"query BySlug($slug: String!) { contentBySlug(type: \\"article\\", '
  .. 'slug: $slug) { id title slug excerpt bodyHtml publishedAt readingTime '
  .. 'author { displayName } category { name } tags { name } } }","variables":{"slug":"'
local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }

local threads = 0
function setup(thread)
  thread:set("thread_index", threads)
  threads = threads + 1
end

local fixed = nil
local slugs = {}
local next_slug = 0

function init(args)
  if args[1] == "slug" then
    for line in io.lines(args[2]) do
      if line ~= "" then slugs[#slugs + 1] = line end
    end
    assert(#slugs > 0, "no slugs in " .. tostring(args[2]))
    -- Threads start far apart so they do not ask for the same slugs together.
    next_slug = ((thread_index or 0) * math.floor(#slugs / 2)) % #slugs
  else
    fixed = wrk.format("POST", "/graphql", headers, list_body)
  end
end

function request()
  if fixed then return fixed end
  next_slug = next_slug % #slugs + 1
  return wrk.format("POST", "/graphql", headers, slug_head .. slugs[next_slug] .. '"}}')
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "WRK_RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non2xx=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, e.status))
end
