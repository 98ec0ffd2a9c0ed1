// Several server processes on one PostgreSQL behave as one app (load-balancer ready).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiesOf } from "../support/cookies";
import { PASSWORD } from "../support/passwords";
import { secretOfUri, totpCode } from "../support/totp";
import {
  createTestDatabase,
  freePort,
  type ServerProcess,
  startServer,
  testSecret,
  waitForStatus,
} from "../support/server-process";

const adminUrl = process.env.TEST_DATABASE_URL;

describe.runIf(adminUrl)("three instances on one PostgreSQL", () => {
  let servers: ServerProcess[] = [];
  let drop: () => Promise<void>;
  // One public URL, as behind a load balancer: every instance is configured the same.
  const publicUrl = "http://tasks.example.test";

  beforeAll(async () => {
    const database = await createTestDatabase(adminUrl!);
    drop = database.drop;
    const secret = testSecret();
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    servers = ports.map((port) =>
      startServer(
        {
          DATABASE_URL: database.url,
          BETTER_AUTH_SECRET: secret,
          BETTER_AUTH_URL: publicUrl,
          AUTH_RATE_LIMIT: "5",
          LOG_LEVEL: "warn",
        },
        port,
      ),
    );
    await Promise.all(servers.map((server) => waitForStatus(`${server.url}/readyz`)));
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await drop?.();
  });

  const post = (server: ServerProcess, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: publicUrl, ...headers },
      body: JSON.stringify(body),
      redirect: "manual",
    });

  it("a session made on one instance works on the others, and sign-out on one is seen by all", async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const email = `multi-${Date.now()}@example.test`;
    const signUp = await post(a, "/api/auth/sign-up/email", { name: "Multi", email, password: PASSWORD });
    expect(signUp.status).toBe(200);
    const cookie = cookiesOf(signUp);

    for (const server of [b, c]) {
      const page = await fetch(`${server.url}/tasks`, { headers: { cookie }, redirect: "manual" });
      expect(page.status).toBe(200);
    }

    const signOut = await post(b, "/api/auth/sign-out", {}, { cookie });
    expect(signOut.status).toBe(200);
    for (const server of [a, c]) {
      const page = await fetch(`${server.url}/tasks`, { headers: { cookie }, redirect: "manual" });
      expect(page.status).toBe(302);
    }
  });

  it("JWTs minted by any instance, all asked at once, verify on every instance", async () => {
    const email = `jwt-${Date.now()}@example.test`;
    const signUp = await post(servers[0]!, "/api/auth/sign-up/email", { name: "Jwt", email, password: PASSWORD });
    const cookie = cookiesOf(signUp);
    const tokens = await Promise.all(
      servers.map(async (server) => {
        const response = await fetch(`${server.url}/api/auth/token`, { headers: { cookie } });
        expect(response.status).toBe(200);
        return ((await response.json()) as { token: string }).token;
      }),
    );
    for (const token of tokens) {
      for (const server of servers) {
        const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
        expect(me.status).toBe(200);
        expect(await me.json()).toMatchObject({ email });
      }
    }
  });

  // Before the sign-in limit test below, which spends this address's sign-in budget.
  it("two-factor code limits are shared: wrong codes spread over the instances add up", async () => {
    const [a, b, c] = servers as [ServerProcess, ServerProcess, ServerProcess];
    const email = `two-factor-${Date.now()}@example.test`;
    const cookie = cookiesOf(await post(a, "/api/auth/sign-up/email", { name: "Two", email, password: PASSWORD }));
    const enable = await post(a, "/api/auth/two-factor/enable", { password: PASSWORD }, { cookie });
    const secret = secretOfUri(((await enable.json()) as { totpURI: string }).totpURI);
    expect((await post(b, "/api/auth/two-factor/verify-totp", { code: totpCode(secret) }, { cookie })).status).toBe(
      200,
    );
    const challenge = cookiesOf(await post(c, "/api/auth/sign-in/email", { email, password: PASSWORD }));
    expect(challenge).toMatch(/two_factor=/);

    const wrong = totpCode(secret) === "000000" ? "111111" : "000000";
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const server = servers[attempt % servers.length]!;
      statuses.push(
        (await post(server, "/api/auth/two-factor/verify-totp", { code: wrong }, { cookie: challenge })).status,
      );
    }
    // AUTH_RATE_LIMIT is 5 here and setting it up used one code: four wrong ones, then every instance refuses.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it("sign-in limits are shared: failures spread over the instances add up", async () => {
    const email = `limited-${Date.now()}@example.test`;
    await post(servers[0]!, "/api/auth/sign-up/email", { name: "Limited", email, password: PASSWORD });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 9; attempt++) {
      const server = servers[attempt % servers.length]!;
      const response = await post(server, "/api/auth/sign-in/email", { email, password: "Wr0ng!Password" });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 4).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(-2)).toEqual([429, 429]);
  });
});
