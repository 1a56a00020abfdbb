-- Shared by the wrk scripts of bench/run.sh: prints one machine-readable line after a run,
--   BENCH_RESULT requests=... rps=... p50_ms=... p99_ms=... bad_status=... ...
-- (wrk's own human-readable report is printed as well). bad_status counts responses >= 400, as
-- wrk's "Non-2xx or 3xx responses" does.
function report(summary, latency, extra)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local line = string.format(
    "BENCH_RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f"
      .. " bad_status=%d connect_err=%d read_err=%d write_err=%d timeouts=%d",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout)
  for _, kv in ipairs(extra or {}) do
    line = line .. " " .. kv[1] .. "=" .. tostring(kv[2])
  end
  io.write(line .. "\n")
end

function done(summary, latency, requests)
  report(summary, latency)
end
