// CSRF: a page on another site makes the victim's browser post to every action. The worst
// case is assumed (the browser still sends the session cookie); React Router's origin check
// must refuse each post with a 4xx and change nothing. Better Auth's /api/auth/* does the same.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiTokenFor,
  cookiesOf,
  createTask,
  FOREIGN_ORIGIN,
  get,
  getTask,
  PASSWORD,
  postAuthJson,
  postForm,
  type SecurityServer,
  type SignedInUser,
  signUpWithForm,
  startSecurityServer,
  uniqueEmail,
} from "../support/security-server";

let server: SecurityServer;
let victim: SignedInUser;
let token: string;
let taskId: string;

beforeAll(async () => {
  server = await startSecurityServer({ ALLOWED_ACTION_ORIGINS: "tasks.example.test" });
  victim = await signUpWithForm(server, "Victim");
  token = await apiTokenFor(server, victim);
  taskId = await createTask(server, token, { title: "Keep me" });
});
afterAll(() => server?.stop());

async function sessionUser(cookie: string) {
  const body = (await (await get(server, "/api/auth/get-session", { cookie })).json()) as {
    user?: { name: string };
  } | null;
  return body?.user ?? null;
}

async function taskCount(): Promise<number> {
  const response = await fetch(`${server.base}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { tasks: unknown[] }).tasks.length;
}

async function signInStatus(email: string, password: string): Promise<number> {
  return (await postAuthJson(server, "/sign-in/email", { email, password })).status;
}

/** A second session of the victim's (another device), to see that revocations did not happen. */
async function secondSession(): Promise<{ cookie: string; id: string }> {
  const response = await postAuthJson(server, "/sign-in/email", { email: victim.email, password: PASSWORD });
  const cookie = cookiesOf(response);
  const body = (await (await get(server, "/api/auth/get-session", { cookie })).json()) as { session: { id: string } };
  return { cookie, id: body.session.id };
}

describe("a cross-site form post to each page action is refused and changes nothing", () => {
  const origins = [FOREIGN_ORIGIN, "null", `http://localhost.evil.example`];

  it.each(origins)("sign-up (Origin: %s)", async (origin) => {
    const email = uniqueEmail("csrf");
    const response = await postForm(server, "/sign-up", { name: "Planted", email, password: PASSWORD }, { origin });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await signInStatus(email, PASSWORD)).toBe(401);
  });

  it.each(origins)("sign-in (Origin: %s): no session cookie is set (login CSRF)", async (origin) => {
    const response = await postForm(server, "/sign-in", { email: victim.email, password: PASSWORD }, { origin });
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  // A resource route: React Router's check does not run there, app/same-origin.server.ts does.
  it.each(origins)("sign-out (Origin: %s)", async (origin) => {
    for (const target of ["/sign-out", "/sign-out.data"]) {
      const response = await postForm(server, target, {}, { origin, cookie: victim.cookie });
      expect(response.status, target).toBe(400);
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await sessionUser(victim.cookie)).not.toBeNull();
  });

  it("settings: update-profile, change-password, change-email, revoke-session, revoke-other-sessions, delete-account", async () => {
    const other = await secondSession();
    const attempts: [string, Record<string, string>][] = [
      ["/settings", { intent: "update-profile", name: "Pwned" }],
      ["/settings/password", { currentPassword: PASSWORD, newPassword: "Attack3r!pass", signOutOtherSessions: "on" }],
      ["/settings/email", { newEmail: "attacker@example.com", currentPassword: PASSWORD }],
      ["/settings", { intent: "revoke-session", sessionId: other.id }],
      ["/settings", { intent: "revoke-other-sessions" }],
      ["/settings", { intent: "delete-account", password: PASSWORD }],
    ];
    for (const [path, fields] of attempts) {
      const form = `${path} ${fields.intent ?? ""}`;
      for (const origin of origins) {
        const response = await postForm(server, path, fields, { origin, cookie: victim.cookie });
        expect(response.status, `${form} from ${origin}`).toBe(400);
        // The client-side router posts to <path>.data: the same check applies there.
        const dataResponse = await postForm(server, `${path}.data`, fields, { origin, cookie: victim.cookie });
        expect(dataResponse.status, `${form} (.data) from ${origin}`).toBe(400);
      }
    }
    expect((await sessionUser(victim.cookie))?.name).toBe("Victim");
    expect(await sessionUser(other.cookie)).not.toBeNull();
    expect(await signInStatus(victim.email, PASSWORD)).toBe(200);
    expect(await signInStatus(victim.email, "Attack3r!pass")).toBe(401);
  });

  it("tasks: create, toggle, delete on the list; update and delete on the task page", async () => {
    const before = await taskCount();
    const attempts: [string, Record<string, string>][] = [
      ["/tasks", { intent: "create", title: "Planted task" }],
      ["/tasks", { intent: "toggle", taskId, completed: "true" }],
      ["/tasks", { intent: "delete", taskId }],
      [`/tasks/${taskId}`, { intent: "update", title: "Defaced" }],
      [`/tasks/${taskId}`, { intent: "delete" }],
    ];
    for (const [pathname, fields] of attempts) {
      for (const origin of origins) {
        for (const target of [pathname, `${pathname}.data`]) {
          const response = await postForm(server, target, fields, { origin, cookie: victim.cookie });
          expect(response.status, `${fields.intent} ${target} from ${origin}`).toBe(400);
        }
      }
    }
    expect(await taskCount()).toBe(before);
    expect((await getTask(server, token, taskId)).task).toMatchObject({ title: "Keep me", completed: false });
  });

  it("the same posts from the app's own origin do go through (the 400s above are the origin check)", async () => {
    const response = await postForm(
      server,
      "/tasks",
      { intent: "toggle", taskId, completed: "true" },
      { cookie: victim.cookie },
    );
    expect(response.status).toBe(302);
    expect((await getTask(server, token, taskId)).task).toMatchObject({ completed: true });
    await postForm(server, "/tasks", { intent: "toggle", taskId, completed: "false" }, { cookie: victim.cookie });
  });
});

describe("origins a deployment allows", () => {
  it("the app's own host over https (a TLS-terminating proxy in front) may post", async () => {
    const origin = server.base.replace("http://", "https://");
    const response = await postForm(
      server,
      "/settings",
      { intent: "update-profile", name: "Via proxy" },
      {
        origin,
        cookie: victim.cookie,
      },
    );
    expect(response.status).toBe(302);
    expect((await sessionUser(victim.cookie))?.name).toBe("Via proxy");
  });

  it("a host in ALLOWED_ACTION_ORIGINS may post; its look-alikes may not", async () => {
    const allowed = await postForm(
      server,
      "/settings",
      { intent: "update-profile", name: "Victim" },
      {
        origin: "https://tasks.example.test",
        cookie: victim.cookie,
      },
    );
    expect(allowed.status).toBe(302);
    for (const origin of ["https://tasks.example.test.evil.example", "https://eviltasks.example.test"]) {
      const refused = await postForm(
        server,
        "/settings",
        { intent: "update-profile", name: "Pwned" },
        {
          origin,
          cookie: victim.cookie,
        },
      );
      expect(refused.status, origin).toBe(400);
    }
    expect((await sessionUser(victim.cookie))?.name).toBe("Victim");
  });
});

describe("Better Auth's endpoints with a foreign Origin", () => {
  it("refuse every state-changing call with 403", async () => {
    const calls: [string, unknown][] = [
      ["/sign-up/email", { name: "Planted", email: uniqueEmail("csrf"), password: PASSWORD }],
      ["/sign-in/email", { email: victim.email, password: PASSWORD }],
      ["/sign-out", {}],
      ["/update-user", { name: "Pwned" }],
      ["/change-password", { currentPassword: PASSWORD, newPassword: "Attack3r!pass" }],
      ["/revoke-other-sessions", {}],
      ["/revoke-sessions", {}],
      ["/delete-user", { password: PASSWORD }],
    ];
    for (const [pathname, body] of calls) {
      for (const origin of [FOREIGN_ORIGIN, "null"]) {
        const response = await postAuthJson(server, pathname, body, { origin, cookie: victim.cookie });
        expect(response.status, `${pathname} from ${origin}`).toBe(403);
        expect(((await response.json()) as { code: string }).code).toMatch(/^(INVALID_ORIGIN|MISSING_OR_NULL_ORIGIN)$/);
        expect(response.headers.getSetCookie()).toEqual([]);
      }
    }
    expect((await sessionUser(victim.cookie))?.name).toBe("Victim");
    expect(await signInStatus(victim.email, PASSWORD)).toBe(200);
  });

  it("a urlencoded cross-site form to /api/auth/* is refused too (a plain HTML form needs no preflight)", async () => {
    const response = await postForm(
      server,
      "/api/auth/update-user",
      { name: "Pwned" },
      {
        origin: FOREIGN_ORIGIN,
        cookie: victim.cookie,
      },
    );
    expect([403, 415]).toContain(response.status);
    expect((await sessionUser(victim.cookie))?.name).toBe("Victim");
  });
});

describe("the session cookie", () => {
  it("is HttpOnly and SameSite=Lax, so other sites' posts do not carry it at all", async () => {
    const response = await postForm(server, "/sign-in", { email: victim.email, password: PASSWORD });
    const cookie = response.headers.getSetCookie().find((value) => value.includes("session_token="));
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
  });
});
