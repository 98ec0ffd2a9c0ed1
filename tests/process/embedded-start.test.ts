import { mkdtempSync, rmSync, statSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startServer, waitForStatus } from "../support/server-process";

describe("with no environment: embedded PGlite in DATA_DIR", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "tasklane-data-"));
  const dir = path.join(dataDir, "nested", "data");
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("creates the folder, migrates, serves / and /readyz, keeps its secret, and stops cleanly", async () => {
    const port = await freePort();
    const server = startServer({ DATA_DIR: dir }, port);
    await waitForStatus(`${server.url}/readyz`);

    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await home.text()).toContain("Tasklane");

    const secretFile = path.join(dir, "auth-secret");
    expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(server.output()).toContain("BETTER_AUTH_SECRET is not set");

    // One JSON line per request; health checks stay out of the info log. The line is written
    // when the response finishes and reaches us through a pipe: give it a moment.
    const logged = () => server.output().includes(home.headers.get("x-request-id")!);
    for (let waited = 0; !logged() && waited < 5_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const lines = server
      .output()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const request = lines.find((line) => line.msg === "request" && line.path === "/");
    expect(request).toMatchObject({ method: "GET", status: 200, requestId: home.headers.get("x-request-id") });
    expect(typeof request.durationMs).toBe("number");
    expect(lines.some((line) => line.path === "/readyz")).toBe(false);

    expect(await server.stop("SIGTERM")).toBe(0);

    // A second start reuses the data and the secret.
    const again = startServer({ DATA_DIR: dir }, port);
    await waitForStatus(`${again.url}/readyz`);
    expect(again.output()).toContain("BETTER_AUTH_SECRET is not set");
    expect(await again.stop("SIGINT")).toBe(0);
  });

  it("serves hashed assets with immutable caching and compresses HTML", async () => {
    const port = await freePort();
    const server = startServer({ DATA_DIR: dir }, port);
    try {
      await waitForStatus(`${server.url}/readyz`);
      const html = await fetch(`${server.url}/`, { headers: { "accept-encoding": "gzip" } });
      expect(html.headers.get("content-encoding")).toBe("gzip");
      // A client that accepts no encoding (fetch always sends one; node:http sends none) gets identity.
      const plain = await new Promise<http.IncomingMessage>((resolve) => http.get(`${server.url}/`, resolve));
      plain.resume();
      expect(plain.statusCode).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      const asset = (await html.text()).match(/\/assets\/[^"]+\.js/)?.[0];
      expect(asset).toBeTruthy();
      const response = await fetch(`${server.url}${asset}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toContain("immutable");

      // TRACE, which the Fetch API cannot carry, gets a 405, not a 500.
      for (const method of ["TRACE"]) {
        const status = await new Promise<number>((resolve, reject) => {
          const request = http.request(`${server.url}/tasks`, { method }, (res) => resolve(res.statusCode ?? 0));
          request.on("error", reject);
          request.end();
        });
        expect(status).toBe(405);
      }
    } finally {
      await server.stop();
    }
  });
});
