// Load generator process: runs autocannon against one URL and prints one JSON line with
// throughput and latency percentiles (p95 computed from every recorded response time).
import autocannon from "autocannon";

const options = JSON.parse(process.argv[2]);
const latencies = [];
const statuses = {};

const instance = autocannon({
  url: options.url,
  method: options.method ?? "GET",
  headers: options.headers ?? {},
  body: options.body,
  connections: options.connections,
  duration: options.duration,
  amount: options.amount,
});
instance.on("response", (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
instance.on("done", (result) => {
  latencies.sort((a, b) => a - b);
  const at = (q) =>
    latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : null;
  const expected = options.expectStatus ?? 200;
  const errors =
    result.errors +
    result.timeouts +
    Object.entries(statuses)
      .filter(([code]) => Number(code) !== expected)
      .reduce((sum, [, n]) => sum + n, 0);
  process.stdout.write(
    JSON.stringify({
      requests: latencies.length,
      rps: latencies.length / (result.duration || options.duration),
      p50: at(0.5),
      p95: at(0.95),
      p99: at(0.99),
      errors,
      statuses,
    }) + "\n",
  );
});
