// Account rules that only show on the real production server: cookies over https, client
// IPs set by server.js, and attempt limits shared by several processes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createTestDatabase, freePort, startServer, testSecret, waitForStatus } from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
const dataDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "tasklane-accounts-"));
  tempDirs.push(dir);
  return dir;
};

const json = (origin: string, body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", origin, ...headers },
  body: JSON.stringify(body),
});

describe("served over https (BETTER_AUTH_URL=https://…)", () => {
  it("sets the session cookie Secure, HttpOnly, SameSite=Lax with the __Secure- prefix", async () => {
    const origin = "https://tasks.example.test";
    const port = await freePort();
    const server = startServer({ DATA_DIR: dataDir(), BETTER_AUTH_URL: origin }, port);
    try {
      await waitForStatus(`${server.url}/readyz`);
      const response = await fetch(
        `${server.url}/api/auth/sign-up/email`,
        json(origin, { name: "Sec", email: "sec@example.com", password: "Str0ng!password" }),
      );
      expect(response.status).toBe(200);
      const cookie = response.headers.getSetCookie().find((value) => value.includes("session_token="));
      expect(cookie).toMatch(/^__Secure-better-auth\.session_token=/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; SameSite=Lax/);
    } finally {
      await server.stop();
    }
  });
});

describe("client IP", () => {
  it("a client cannot dodge the per-IP limit by sending its own X-Client-Ip", async () => {
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    const server = startServer({ DATA_DIR: dataDir(), BETTER_AUTH_URL: origin, AUTH_RATE_LIMIT: "3" }, port);
    try {
      await waitForStatus(`${server.url}/readyz`);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await fetch(
          `${server.url}/api/auth/sign-in/email`,
          json(
            origin,
            { email: `nobody${i}@example.com`, password: "Wr0ng!password" },
            { "x-client-ip": `192.0.2.${i}` },
          ),
        );
        statuses.push(response.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await server.stop();
    }
  });
});

describe.runIf(adminUrl)("two server processes on one PostgreSQL", () => {
  it("share the sign-in attempt counters", async () => {
    const database = await createTestDatabase(adminUrl!);
    const env = { DATABASE_URL: database.url, BETTER_AUTH_SECRET: testSecret(), AUTH_RATE_LIMIT: "4" };
    const [portA, portB] = [await freePort(), await freePort()];
    const a = startServer({ ...env, BETTER_AUTH_URL: `http://localhost:${portA}` }, portA);
    const b = startServer({ ...env, BETTER_AUTH_URL: `http://localhost:${portB}` }, portB);
    try {
      await Promise.all([waitForStatus(`${a.url}/readyz`), waitForStatus(`${b.url}/readyz`)]);
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const [server, port] = i % 2 === 0 ? [a, portA] : [b, portB];
        const response = await fetch(
          `${server.url}/api/auth/sign-in/email`,
          json(`http://localhost:${port}`, { email: "shared@example.com", password: "Wr0ng!password" }),
        );
        statuses.push(response.status);
      }
      // Two per process would never trip a per-process limit of 4: the fifth try does, across both.
      expect(statuses).toEqual([401, 401, 401, 401, 429]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await database.drop();
    }
  });
});
