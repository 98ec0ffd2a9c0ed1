// The metrics listener (decision 074), read the way Prometheus reads it: the built server with
// METRICS_PORT, a few real requests, and the exposition text parsed. Labels are route ids, never
// paths; the public port does not serve the metrics; two workers' counters add up in the primary.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  freePort,
  type ServerProcess,
  signUpOver,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus's text format, the sample lines (names, labels, values); comments skipped. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, name, value] of match[2]?.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g) ?? []) labels[name!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

async function scrape(metricsPort: number): Promise<Sample[]> {
  const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

const find = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));

const total = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  find(samples, name, labels).reduce((sum, s) => sum + s.value, 0);

/** A request on a connection of its own (no keep-alive), so that a cluster spreads them. */
function request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const UUID = "3f2a1b4c-1111-4222-8333-444455556666";

async function exercise(base: string) {
  expect(await request(`${base}/sign-in`)).toBe(200);
  expect(await request(`${base}/api/tasks/${UUID}`)).toBe(401);
  expect(await request(`${base}/no/such/page/${UUID}`)).toBe(404);
  const signIn = await request(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: base },
    body: JSON.stringify({ email: "nobody@example.com", password: "not-the-password-1A!" }),
  });
  expect(signIn).toBe(401);
}

function expectOnlyBoundedLabels(samples: Sample[]) {
  for (const sample of samples) {
    for (const value of Object.values(sample.labels)) {
      expect(value, `${sample.name} ${JSON.stringify(sample.labels)}`).not.toMatch(/^\/|[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  }
}

describe("the metrics listener, embedded database", () => {
  let server: ServerProcess;
  let metricsPort: number;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    metricsPort = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startServer(
      { DATA_DIR: "memory://", BETTER_AUTH_URL: base, METRICS_PORT: String(metricsPort), AUTH_RATE_LIMIT: "2" },
      port,
    );
    await waitForStatus(`${base}/readyz`);
  });
  afterAll(() => server?.stop());

  it("shows requests by route id and status class, durations, auth attempts, the outbox and the process", async () => {
    await exercise(base);
    const samples = await scrape(metricsPort);

    expect(total(samples, "tasklane_http_requests_total", { route: "routes/sign-in", status: "2xx" })).toBe(1);
    expect(total(samples, "tasklane_http_requests_total", { route: "api-task", status: "4xx" })).toBe(1);
    expect(
      total(samples, "tasklane_http_requests_total", { route: "unmatched", status: "4xx" }),
    ).toBeGreaterThanOrEqual(1);
    expect(total(samples, "tasklane_http_requests_total", { route: "routes/api.auth.$", status: "4xx" })).toBe(1);
    expect(total(samples, "tasklane_http_request_duration_seconds_count", { route: "routes/sign-in" })).toBe(1);
    expect(
      find(samples, "tasklane_http_request_duration_seconds_bucket", { route: "api-task", le: "+Inf" }),
    ).toHaveLength(1);
    expectOnlyBoundedLabels(samples);

    expect(total(samples, "tasklane_auth_attempts_total", { kind: "sign-in" })).toBe(1);
    expect(find(samples, "tasklane_db_statement_errors_total", { kind: "unique_violation" })).toHaveLength(1);
    expect(find(samples, "tasklane_mail_outbox_pending")[0]?.value).toBe(0);
    expect(find(samples, "tasklane_mail_outbox_oldest_pending_seconds")[0]?.value).toBe(0);
    expect(find(samples, "tasklane_db_pool_waiting")[0]?.value).toBe(0);
    for (const name of [
      "nodejs_eventloop_lag_seconds",
      "process_resident_memory_bytes",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(find(samples, name), name).toHaveLength(1);
    }
    expect(find(samples, "nodejs_gc_duration_seconds_count").length).toBeGreaterThan(0);
  });

  it("counts a statement the database refuses, by its kind", async () => {
    // A second label of the same name: the unique index refuses the insert (409 for the client).
    const account = await signUpOver(base);
    const label = () => postLabel(base, account.token, "Errands");
    const kind = { kind: "unique_violation" };
    expect(await label()).toBe(201);
    const before = total(await scrape(metricsPort), "tasklane_db_statement_errors_total", kind);
    expect(await label()).toBe(409);
    expect(total(await scrape(metricsPort), "tasklane_db_statement_errors_total", kind)).toBe(before + 1);
  });

  it("counts the sign-ins refused by the attempt limit", async () => {
    // The first test's failed sign-in was the first of AUTH_RATE_LIMIT=2 for its address.
    const signIn = () =>
      request(`${base}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Origin: base },
        body: JSON.stringify({ email: "nobody@example.com", password: "not-the-password-1A!" }),
      });
    expect(await signIn()).toBe(401);
    expect(await signIn()).toBe(429);
    const samples = await scrape(metricsPort);
    expect(total(samples, "tasklane_auth_attempts_total", { kind: "sign-in" })).toBe(3);
    expect(total(samples, "tasklane_auth_attempts_limited_total", { kind: "sign-in" })).toBe(1);
  });

  it("is not served on the public port, and answers nothing but /metrics", async () => {
    expect(await request(`${base}/metrics`)).toBe(404);
    expect(await request(`http://127.0.0.1:${metricsPort}/`)).toBe(404);
    expect(server.output()).toContain(`metrics on http://127.0.0.1:${metricsPort}/metrics`);
  });
});

const adminUrl = process.env.TEST_DATABASE_URL;

describe.runIf(adminUrl)("the metrics of two workers (WEB_CONCURRENCY=2), added up by the primary", () => {
  let server: ServerProcess;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let metricsPort: number;
  let base: string;

  beforeAll(async () => {
    database = await createTestDatabase(adminUrl!);
    const port = await freePort();
    metricsPort = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = startServer(
      {
        WEB_CONCURRENCY: "2",
        DATABASE_URL: database.url,
        BETTER_AUTH_SECRET: testSecret(),
        BETTER_AUTH_URL: base,
        METRICS_PORT: String(metricsPort),
      },
      port,
    );
    await waitForStatus(`${base}/readyz`);
    for (let waited = 0; !server.output().includes("all workers ready"); waited += 100) {
      if (waited > 30_000) throw new Error(`the workers did not start:\n${server.output()}${server.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it("sums the workers' counters and shows each pool", async () => {
    await exercise(base);
    const requests = 30;
    for (let i = 0; i < requests; i++) expect(await request(`${base}/api/me`)).toBe(401);
    // Both workers answered some of them (each log line carries its process id).
    const pids = new Set(
      server
        .output()
        .split("\n")
        .filter((line) => line.includes('"path":"/api/me"'))
        .map((line) => (JSON.parse(line) as { pid: number }).pid),
    );
    expect(pids.size).toBe(2);

    const samples = await scrape(metricsPort);
    expect(total(samples, "tasklane_http_requests_total", { route: "routes/api.me", status: "4xx" })).toBe(requests);
    expect(total(samples, "tasklane_http_request_duration_seconds_count", { route: "routes/api.me" })).toBe(requests);
    expect(total(samples, "tasklane_http_requests_total", { route: "api-task", status: "4xx" })).toBe(1);
    expect(total(samples, "tasklane_auth_attempts_total", { kind: "sign-in" })).toBe(1);
    expectOnlyBoundedLabels(samples);
    // Each worker keeps a pool: the connections add up; the outbox is one table, read once.
    expect(find(samples, "tasklane_db_pool_connections", { state: "idle" })).toHaveLength(1);
    expect(total(samples, "tasklane_db_pool_connections")).toBeGreaterThanOrEqual(2);
    expect(find(samples, "tasklane_mail_outbox_pending")[0]?.value).toBe(0);
    expect(find(samples, "nodejs_eventloop_lag_seconds")).toHaveLength(1);
    expect(await request(`${base}/metrics`)).toBe(404);
  });

  it("counts a statement PostgreSQL refuses, from whichever worker ran it", async () => {
    const account = await signUpOver(base);
    const label = () => postLabel(base, account.token, "Errands");
    const kind = { kind: "unique_violation" };
    expect(await label()).toBe(201);
    const before = total(await scrape(metricsPort), "tasklane_db_statement_errors_total", kind);
    for (let i = 0; i < 4; i++) expect(await label()).toBe(409);
    expect(total(await scrape(metricsPort), "tasklane_db_statement_errors_total", kind)).toBe(before + 4);
  });
});

/** Creates a label named `name` through the API; answers the status. */
function postLabel(base: string, token: string, name: string): Promise<number> {
  return request(`${base}/api/labels`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ name }),
  });
}
