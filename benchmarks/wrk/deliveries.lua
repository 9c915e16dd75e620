-- Sends pre-signed deliveries in turn, each thread starting at its own offset.
-- Usage: wrk ... -s deliveries.lua <url> <request-file>
-- The file holds, for each request, its length, a newline, then the raw HTTP request (see RequestFile).

local requests = {}
local count = 0
local index = 0

local function load(path)
  local file = assert(io.open(path, "rb"))
  local data = file:read("*a")
  file:close()
  local position = 1
  while position <= #data do
    local newline = string.find(data, "\n", position, true)
    local length = tonumber(string.sub(data, position, newline - 1))
    requests[count + 1] = string.sub(data, newline + 1, newline + length)
    count = count + 1
    position = newline + 1 + length
  end
end

local threads_set_up = 0
setup = function(thread)
  thread:set("wrk_thread", threads_set_up)
  threads_set_up = threads_set_up + 1
end

init = function(args)
  load(args[1])
  index = ((wrk_thread or 0) * 7919) % count
end

request = function()
  index = index + 1
  if index > count then
    index = 1
  end
  return requests[index]
end

done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d connect_errors=%d read_errors=%d write_errors=%d status_errors=%d timeouts=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, summary.bytes,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50.0), latency:percentile(90.0), latency:percentile(99.0), latency:percentile(99.9),
    latency.max, latency.mean))
end
