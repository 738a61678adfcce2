-- wrk script of the server benchmark (bench/server/run.sh): each request POSTs the `application` of
-- one shipped sample (one JSON text a line in $ZHISHEN_BENCH_BODIES, taken in turn) to
-- /api/v1/applications with the channel token $ZHISHEN_BENCH_TOKEN and an Idempotency-Key unique to
-- the run ($ZHISHEN_BENCH_RUN), the wrk thread and the request. wrk keeps its connections alive.
-- done() prints the answers by HTTP status; only 201 counts as a decision.
local bodies = {}
for line in io.lines(os.getenv("ZHISHEN_BENCH_BODIES")) do
  if #line > 0 then bodies[#bodies + 1] = line end
end
local token = os.getenv("ZHISHEN_BENCH_TOKEN")
local run = os.getenv("ZHISHEN_BENCH_RUN") or tostring(os.time())

local threads = {}
local created = 0
function setup(thread)
  created = created + 1
  thread:set("tid", created)
  threads[#threads + 1] = thread
end

local n = 0
local prefix
statuses = {}
function init(args)
  prefix = "wrk-" .. run .. "-" .. tostring(tid) .. "-"
  n = tid * 7  -- threads start at different samples
end

function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/applications", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. n,
  }, bodies[(n % #bodies) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, count in pairs(t:get("statuses")) do total[status] = (total[status] or 0) + count end
  end
  local seconds = summary.duration / 1e6
  local decided = total[201] or 0
  io.write(string.format("wrk closed loop: %d decisions (201) in %.1f s = %.0f decisions/s\n", decided, seconds, decided / seconds))
  for status, count in pairs(total) do io.write(string.format("wrk closed loop: HTTP %d: %d\n", status, count)) end
  io.write(string.format("wrk closed loop: latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; socket errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
