// Accounts under attack, on the real server: account probing (answers and timing), brute
// force from many IPs or over many emails, spoofed client-IP headers, session fixation,
// sign-out and revocation, and secrets kept out of the log even at LOG_LEVEL=debug.
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiTokenFor,
  cookiesOf,
  get,
  PASSWORD,
  postAuthJson,
  postForm,
  type SecurityServer,
  type SignedInUser,
  sessionTokenOf,
  signUpWithForm,
  startSecurityServer,
  uniqueEmail,
} from "../support/security-server";

let server: SecurityServer;
let user: SignedInUser;

beforeAll(async () => {
  server = await startSecurityServer({ LOG_LEVEL: "debug" });
  user = await signUpWithForm(server, "Target");
});
afterAll(() => server?.stop());

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function timed(send: () => Promise<Response>) {
  const started = performance.now();
  const response = await send();
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

/** The page without what legitimately differs per response (nonce, request ids, the email typed in). */
const normalise = (html: string, email: string) =>
  html
    .replaceAll(email, "EMAIL")
    .replace(/nonce-?="?[A-Za-z0-9+/=]+"?/g, "NONCE")
    .replace(/[0-9a-f-]{36}/g, "ID");

describe("account probing through sign-in", () => {
  const unknownEmail = () => uniqueEmail("nobody");

  it("the form answers an unknown email and a wrong password with the same status and page", async () => {
    const unknown = uniqueEmail("nobody");
    const a = await postForm(server, "/sign-in", { email: unknown, password: "Wr0ng!password" });
    const b = await postForm(server, "/sign-in", { email: user.email, password: "Wr0ng!password" });
    expect(a.status).toBe(401);
    expect(b.status).toBe(a.status);
    expect(normalise(await b.text(), user.email)).toBe(normalise(await a.text(), unknown));
  });

  it("/api/auth/sign-in/email answers both with the same status and body", async () => {
    const a = await postAuthJson(server, "/sign-in/email", { email: unknownEmail(), password: "Wr0ng!password" });
    const b = await postAuthJson(server, "/sign-in/email", { email: user.email, password: "Wr0ng!password" });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(await b.json()).toEqual(await a.json());
  });

  // Better Auth hashes the submitted password even when no account matches, so an unknown
  // email costs what a wrong password costs. Without that, the unknown email would answer in
  // a few milliseconds against scrypt's tens: medians over several tries, generous bounds.
  it.each([
    ["the form", (email: string) => postForm(server, "/sign-in", { email, password: "Wr0ng!password" })],
    [
      "the HTTP endpoint",
      (email: string) => postAuthJson(server, "/sign-in/email", { email, password: "Wr0ng!password" }),
    ],
  ])("%s takes as long for an unknown email as for a wrong password", async (_label, send) => {
    const unknown: number[] = [];
    const wrong: number[] = [];
    await send(user.email); // warm-up
    for (let i = 0; i < 9; i++) {
      unknown.push((await timed(() => send(unknownEmail()))).ms);
      wrong.push((await timed(() => send(user.email))).ms);
    }
    const [u, w] = [median(unknown), median(wrong)];
    expect(u, `unknown ${u.toFixed(1)} ms vs wrong ${w.toFixed(1)} ms`).toBeGreaterThan(w * 0.5);
    expect(Math.abs(u - w), `unknown ${u.toFixed(1)} ms vs wrong ${w.toFixed(1)} ms`).toBeLessThan(Math.max(250, w));
  });
});

describe("sign-up with an email that is taken", () => {
  it("says so plainly (a product decision, see SECURITY.md), with no other detail", async () => {
    const response = await postForm(server, "/sign-up", { name: "Again", email: user.email, password: PASSWORD });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await response.text()).toContain("An account with this email already exists");
  });
});

describe("sessions", () => {
  it("sign-in issues a new session token: one planted beforehand is never the one after", async () => {
    const planted = "better-auth.session_token=attacker-chosen-token.signature";
    const first = await postForm(server, "/sign-in", { email: user.email, password: PASSWORD }, { cookie: planted });
    expect(first.status).toBe(302);
    const second = await postAuthJson(server, "/sign-in/email", { email: user.email, password: PASSWORD });
    const tokens = [sessionTokenOf(cookiesOf(first)), sessionTokenOf(cookiesOf(second)), sessionTokenOf(user.cookie)];
    expect(tokens.every(Boolean)).toBe(true);
    expect(new Set(tokens).size).toBe(3);
    expect(tokens[0]).not.toContain("attacker-chosen-token");
  });

  it("sign-out ends the session at once for pages and for /api/auth/token", async () => {
    const session = cookiesOf(await postForm(server, "/sign-in", { email: user.email, password: PASSWORD }));
    expect((await get(server, "/tasks", { cookie: session })).status).toBe(200);
    expect((await postForm(server, "/sign-out", {}, { cookie: session })).status).toBe(302);
    const page = await get(server, "/tasks", { cookie: session });
    expect(page.status).toBe(302);
    expect(page.headers.get("location")).toMatch(/^\/sign-in/);
    expect((await get(server, "/api/auth/token", { cookie: session })).status).toBe(401);
  });

  it("revoking a session from settings ends it at once for pages and for /api/auth/token", async () => {
    const other = cookiesOf(await postAuthJson(server, "/sign-in/email", { email: user.email, password: PASSWORD }));
    const sessionId = (
      (await (await get(server, "/api/auth/get-session", { cookie: other })).json()) as { session: { id: string } }
    ).session.id;
    const revoked = await postForm(
      server,
      "/settings",
      { intent: "revoke-session", sessionId },
      { cookie: user.cookie },
    );
    expect(revoked.status).toBe(302);
    expect((await get(server, "/settings", { cookie: other })).status).toBe(302);
    expect((await get(server, "/api/auth/token", { cookie: other })).status).toBe(401);
    expect((await get(server, "/settings", { cookie: user.cookie })).status).toBe(200);
  });

  it("an API token already issued stays valid for JWT_EXPIRES_IN (900 s) at most: the documented bound", async () => {
    const claims = decodeJwt(await apiTokenFor(server, user));
    expect(claims.exp! - claims.iat!).toBe(900);
  });
});

describe("secrets in the log (LOG_LEVEL=debug)", () => {
  it("no password, session token, cookie, JWT or Authorization header appears in stdout or stderr", async () => {
    const password = `Log!${crypto.randomUUID()}Aa1`;
    const email = uniqueEmail("logged");
    const signUp = await postForm(server, "/sign-up", { name: "Logger", email, password });
    expect(signUp.status).toBe(302);
    const formCookie = cookiesOf(signUp);
    const apiSignIn = await postAuthJson(server, "/sign-in/email", { email, password });
    const bearerSession = apiSignIn.headers.get("set-auth-token")!;
    const jwt = ((await (await get(server, "/api/auth/token", { cookie: formCookie })).json()) as { token: string })
      .token;
    const bogusBearer = `forged-${crypto.randomUUID()}`;
    await get(server, "/api/tasks", { headers: { authorization: `Bearer ${jwt}` } });
    await get(server, "/api/tasks", { headers: { authorization: `Bearer ${bogusBearer}` } });
    await get(server, "/api/auth/token", { headers: { authorization: `Bearer ${bearerSession}` } });
    await postForm(server, "/sign-in", { email, password: `${password}-wrong` });
    await postForm(
      server,
      "/settings/password",
      { currentPassword: "Wr0ng!current", newPassword: `${password}B` },
      {
        cookie: formCookie,
      },
    );
    // Something that fails on the server side, so an error with the request is logged too.
    await get(server, "/tasks?q=%00", { cookie: formCookie });
    await new Promise((resolve) => setTimeout(resolve, 300));

    const log = server.process.output() + server.process.stderr();
    expect(log).toContain('"level":"debug"');
    const secrets = {
      password,
      wrongPassword: `${password}-wrong`,
      sessionToken: sessionTokenOf(formCookie)!,
      cookie: decodeURIComponent(formCookie.split("=")[1]!),
      bearerSession,
      jwt,
      jwtSignature: jwt.split(".")[2]!,
      bogusBearer,
    };
    for (const [name, secret] of Object.entries(secrets)) expect(log.includes(secret), name).toBe(false);
  });
});

describe("attempt limits (AUTH_RATE_LIMIT 10 a minute)", () => {
  let limited: SecurityServer;
  let proxied: SecurityServer;
  beforeAll(async () => {
    [limited, proxied] = await Promise.all([
      startSecurityServer({ AUTH_RATE_LIMIT: "10" }),
      startSecurityServer({ AUTH_RATE_LIMIT: "10", TRUST_PROXY: "1" }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([limited?.stop(), proxied?.stop()]);
  });

  /** How many tries went by before the first 429 (Infinity when none came). */
  async function triesBefore429(send: (i: number) => Promise<Response>, max = 20): Promise<number> {
    for (let i = 0; i < max; i++) {
      const response = await send(i);
      if (response.status === 429) {
        // HTTP clients get Retry-After; the form says how long to wait in its message.
        const body = await response.text();
        if (response.headers.get("content-type")?.startsWith("text/html")) expect(body).toContain("Too many attempts");
        else expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
        return i;
      }
      expect(response.status).toBeLessThan(500);
    }
    return Infinity;
  }

  it("one email tried from many IPs (a trusted proxy's X-Forwarded-For) is slowed down before 20 tries", async () => {
    const email = uniqueEmail("target");
    const tries = await triesBefore429((i) =>
      postAuthJson(
        proxied,
        "/sign-in/email",
        { email, password: `Wr0ng!${i}` },
        { headers: { "x-forwarded-for": `198.51.100.${i + 1}` } },
      ),
    );
    expect(tries).toBeLessThanOrEqual(10);
  });

  it("one IP trying many emails is slowed down before 20 tries, on the form and on the endpoint", async () => {
    const viaEndpoint = await triesBefore429((i) =>
      postAuthJson(
        proxied,
        "/sign-in/email",
        { email: uniqueEmail(`spray${i}`), password: "Wr0ng!password" },
        {
          headers: { "x-forwarded-for": "203.0.113.7" },
        },
      ),
    );
    expect(viaEndpoint).toBeLessThanOrEqual(10);
    const viaForm = await triesBefore429((i) =>
      postForm(
        proxied,
        "/sign-in",
        { email: uniqueEmail(`spray${i}`), password: "Wr0ng!password" },
        {
          headers: { "x-forwarded-for": "203.0.113.8" },
        },
      ),
    );
    expect(viaForm).toBeLessThanOrEqual(10);
  });

  it("without TRUST_PROXY, X-Forwarded-For, X-Real-Ip and X-Client-Ip cannot reset the per-IP limit", async () => {
    const tries = await triesBefore429((i) =>
      postAuthJson(
        limited,
        "/sign-in/email",
        { email: uniqueEmail(`spoof${i}`), password: "Wr0ng!password" },
        {
          headers: {
            "x-forwarded-for": `192.0.2.${i + 1}`,
            "x-real-ip": `192.0.2.${i + 1}`,
            "x-client-ip": `192.0.2.${i + 1}`,
            forwarded: `for=192.0.2.${i + 1}`,
          },
        },
      ),
    );
    expect(tries).toBeLessThanOrEqual(10);
  });

  it("with TRUST_PROXY=1, only the hop the proxy appended counts: a client's own X-Forwarded-For entries do not", async () => {
    const tries = await triesBefore429((i) =>
      postAuthJson(
        proxied,
        "/sign-in/email",
        { email: uniqueEmail(`chain${i}`), password: "Wr0ng!password" },
        {
          // The client sent "10.9.9.i"; the proxy appended the address it saw.
          headers: {
            "x-forwarded-for": `10.9.9.${i + 1}, 203.0.113.99`,
            "x-client-ip": `10.8.8.${i + 1}`,
            "x-real-ip": `10.7.7.${i}`,
          },
        },
      ),
    );
    expect(tries).toBeLessThanOrEqual(10);
  });
});
