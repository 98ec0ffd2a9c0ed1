// Response headers on the real server: CSP with a fresh nonce on every HTML page, the other
// browser protections, no caching of anything personal, HSTS over https; and the start-up
// refusal of a short secret.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiTokenFor,
  cookiesOf,
  createTask,
  get,
  PASSWORD,
  postForm,
  type SecurityServer,
  type SignedInUser,
  signUpWithForm,
  startSecurityServer,
} from "../support/security-server";
import { freePort, startServer } from "../support/server-process";

let server: SecurityServer;
let user: SignedInUser;
let token: string;
let taskId: string;

beforeAll(async () => {
  server = await startSecurityServer();
  user = await signUpWithForm(server, "Header Reader");
  token = await apiTokenFor(server, user);
  taskId = await createTask(server, token, { title: "A task" });
});
afterAll(() => server?.stop());

function directives(csp: string): Map<string, string> {
  return new Map(
    csp.split(";").map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name!, values.join(" ")];
    }),
  );
}

function expectDocumentHeaders(response: Response, label: string): string {
  const csp = response.headers.get("content-security-policy");
  expect(csp, label).toBeTruthy();
  const policy = directives(csp!);
  const scripts = policy.get("script-src")!;
  expect(scripts, label).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scripts, label).not.toContain("unsafe-inline");
  expect(scripts, label).not.toContain("unsafe-eval");
  expect(policy.get("style-src"), label).toBe("'self'");
  expect(policy.get("frame-ancestors"), label).toBe("'none'");
  expect(policy.get("object-src"), label).toBe("'none'");
  expect(policy.get("base-uri"), label).toBe("'self'");
  expect(policy.get("form-action"), label).toBe("'self'");
  expect(response.headers.get("x-content-type-options"), label).toBe("nosniff");
  expect(response.headers.get("referrer-policy"), label).toBe("strict-origin-when-cross-origin");
  expect(response.headers.get("x-frame-options"), label).toBe("DENY");
  const permissions = response.headers.get("permissions-policy") ?? "";
  for (const feature of ["camera", "microphone", "geolocation", "payment"]) {
    expect(permissions, label).toContain(`${feature}=()`);
  }
  return /'nonce-([^']+)'/.exec(scripts)![1]!;
}

/** Every <script> the page carries has the response's nonce (otherwise the CSP would block it). */
async function expectScriptsCarryNonce(response: Response, nonce: string, label: string) {
  const html = await response.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length, label).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, label).toContain(`nonce="${nonce}"`);
}

const isUncached = (value: string | null) => /no-store/.test(value ?? "");

describe("HTML responses", () => {
  const publicPages = ["/", "/sign-in", "/sign-up", "/no-such-page"];
  const signedInPages = () => [
    "/tasks",
    "/settings",
    `/tasks/${taskId}`,
    `/tasks/${taskId}/delete`,
    "/tasks?q=x&sort=title",
  ];

  it("carry the CSP (script nonce, no unsafe-inline, frame-ancestors 'none') and the other protections", async () => {
    for (const pathname of publicPages) {
      const response = await get(server, pathname);
      expect(response.headers.get("content-type"), pathname).toMatch(/^text\/html/);
      await expectScriptsCarryNonce(response, expectDocumentHeaders(response, pathname), pathname);
    }
    for (const pathname of signedInPages()) {
      const response = await get(server, pathname, { cookie: user.cookie });
      expect(response.status, pathname).toBe(200);
      await expectScriptsCarryNonce(response, expectDocumentHeaders(response, pathname), pathname);
    }
  });

  it("use a new nonce for every response", async () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 5; i++) nonces.add(expectDocumentHeaders(await get(server, "/sign-in"), "sign-in"));
    expect(nonces.size).toBe(5);
  });

  it("signed-in pages, their error pages and form errors are never stored by a cache", async () => {
    for (const pathname of signedInPages()) {
      const response = await get(server, pathname, { cookie: user.cookie });
      expect(isUncached(response.headers.get("cache-control")), pathname).toBe(true);
    }
    for (const pathname of [
      `/tasks/${crypto.randomUUID()}`,
      "/tasks/not-a-uuid",
      `/tasks/${crypto.randomUUID()}/delete`,
    ]) {
      const response = await get(server, pathname, { cookie: user.cookie });
      expect(response.status, pathname).toBe(404);
      expect(isUncached(response.headers.get("cache-control")), pathname).toBe(true);
      expectDocumentHeaders(response, pathname);
    }
    const invalid = await postForm(server, "/tasks", { intent: "create", title: "" }, { cookie: user.cookie });
    expect(invalid.status).toBe(400);
    expect(isUncached(invalid.headers.get("cache-control"))).toBe(true);
    expectDocumentHeaders(invalid, "failed create");
  });

  it("the client router's data requests are uncached too", async () => {
    const response = await get(server, "/tasks.data", { cookie: user.cookie });
    expect(response.status).toBe(200);
    expect(isUncached(response.headers.get("cache-control"))).toBe(true);
  });
});

describe("redirects", () => {
  it("a guard's redirect to sign-in, and sign-in's redirect with the new cookie, are uncached and carry the base headers", async () => {
    const guard = await get(server, "/settings");
    expect(guard.status).toBe(302);
    const signIn = await postForm(server, "/sign-in", { email: user.email, password: PASSWORD });
    expect(signIn.status).toBe(302);
    expect(signIn.headers.getSetCookie().length).toBeGreaterThan(0);
    const signOut = await postForm(server, "/sign-out", {}, { cookie: cookiesOf(signIn) });
    for (const [label, response] of [
      ["guard", guard],
      ["sign-in", signIn],
      ["sign-out", signOut],
    ] as const) {
      expect(response.status, label).toBe(302);
      expect(isUncached(response.headers.get("cache-control")), label).toBe(true);
      expect(response.headers.get("x-content-type-options"), label).toBe("nosniff");
      expect(response.headers.get("referrer-policy"), label).toBe("strict-origin-when-cross-origin");
    }
  });
});

describe("JSON responses", () => {
  it("every API and Better Auth answer about a user is Cache-Control: no-store", async () => {
    const bearer = { authorization: `Bearer ${token}` };
    const calls: [string, Record<string, string>][] = [
      ["/api/me", bearer],
      ["/api/tasks", bearer],
      [`/api/tasks/${taskId}`, bearer],
      [`/api/tasks/${crypto.randomUUID()}`, bearer],
      ["/api/me", {}],
      ["/api/auth/token", { cookie: user.cookie }],
      ["/api/auth/get-session", { cookie: user.cookie }],
      ["/api/auth/list-sessions", { cookie: user.cookie }],
    ];
    for (const [pathname, headers] of calls) {
      const response = await get(server, pathname, { headers });
      expect(response.status, pathname).toBeLessThan(500);
      expect(isUncached(response.headers.get("cache-control")), pathname).toBe(true);
      expect(response.headers.get("x-content-type-options"), pathname).toBe("nosniff");
    }
  });

  it("no HSTS over plain http (BETTER_AUTH_URL http://)", async () => {
    expect((await get(server, "/")).headers.get("strict-transport-security")).toBeNull();
  });
});

describe("served over https (BETTER_AUTH_URL=https://…)", () => {
  it("sends Strict-Transport-Security on pages, redirects, API answers and static files", async () => {
    const https = await startSecurityServer({ BETTER_AUTH_URL: "https://tasks.example.test" });
    try {
      // The server listens on plain http behind the (imagined) TLS proxy; we call it directly.
      const local = https.base;
      for (const pathname of ["/", "/sign-in", "/tasks", "/api/me", "/favicon.svg", "/no-such-page"]) {
        const response = await fetch(`${local}${pathname}`, { redirect: "manual" });
        expect(response.headers.get("strict-transport-security"), pathname).toMatch(/max-age=\d{8,}/);
      }
    } finally {
      await https.stop();
    }
  });
});

describe("start-up", () => {
  it("refuses a BETTER_AUTH_SECRET shorter than 32 characters, with one line naming it", async () => {
    const child = startServer({ BETTER_AUTH_SECRET: "x".repeat(31), DATA_DIR: "memory://" }, await freePort());
    expect(await child.exit).toBe(1);
    expect(child.stderr().trim().split("\n")).toHaveLength(1);
    expect(child.stderr()).toMatch(/BETTER_AUTH_SECRET must be at least 32 characters/);
    // The value itself is a secret, if a short one: never echoed.
    expect(child.stderr()).not.toContain("x".repeat(31));
  });

  it("does not echo a malformed DATABASE_URL (it may carry a password)", async () => {
    const child = startServer(
      { DATABASE_URL: "mysql://admin:hunter2@db/tasks", BETTER_AUTH_SECRET: "y".repeat(40) },
      await freePort(),
    );
    expect(await child.exit).toBe(1);
    expect(child.stderr()).toMatch(/DATABASE_URL must be/);
    expect(child.stderr()).not.toContain("hunter2");
  });
});
