// The app's own account pages, driven the way a browser without JavaScript drives them:
// form posts to route actions (real Better Auth, real database), redirects and replies.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { config } from "~/config.server";
import { db } from "~/db.server";
import { action as settingsAction, loader as settingsLoader } from "~/routes/settings";
import { action as changeEmailAction, loader as changeEmailLoader } from "~/routes/settings.email";
import { action as changePasswordAction, loader as changePasswordLoader } from "~/routes/settings.password";
import { action as signInAction, loader as signInLoader } from "~/routes/sign-in";
import { action as signOutAction } from "~/routes/sign-out";
import { action as signUpAction } from "~/routes/sign-up";
import { auditLog, session, task, user } from "../../db/schema";
import {
  authGet,
  authPost,
  cookieFrom,
  formPost,
  pageGet,
  randomIp,
  replyErrors,
  runRoute,
  signUpOverHttp,
  STRONG_PASSWORD,
  uniqueEmail,
} from "../support/auth";
import { ensureInbox } from "~/projects/projects.server";

const sessionCookie = (headers: Headers) =>
  headers
    .getSetCookie()
    .filter((cookie) => cookie.startsWith("better-auth."))
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");

async function currentUserId(cookie: string): Promise<string | null> {
  const body = (await (await authGet("/get-session", { cookie })).json()) as { user: { id: string } } | null;
  return body?.user.id ?? null;
}

describe("sign-up form", () => {
  it("creates the account, signs in and redirects to /tasks", async () => {
    const email = uniqueEmail();
    const ip = randomIp();
    const outcome = await runRoute(
      signUpAction,
      formPost("/sign-up", { name: "Grace", email: email.toUpperCase(), password: STRONG_PASSWORD }, { ip }),
      { clientIp: ip },
    );
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe("/tasks");
    const [created] = await db.select().from(user).where(eq(user.email, email));
    expect(created?.name).toBe("Grace");
    expect(await currentUserId(sessionCookie(outcome.headers))).toBe(created!.id);
    const [row] = await db.select().from(auditLog).where(eq(auditLog.userId, created!.id));
    expect(row).toMatchObject({ event: "sign-up", ipAddress: ip });
  });

  it("returns to a same-origin redirectTo, and only to one", async () => {
    for (const [redirectTo, expected] of [
      ["/settings", "/settings"],
      ["https://evil.example/", "/tasks"],
    ]) {
      const ip = randomIp();
      const outcome = await runRoute(
        signUpAction,
        formPost(
          `/sign-up?${new URLSearchParams({ redirectTo: redirectTo! })}`,
          { name: "Ada", email: uniqueEmail(), password: STRONG_PASSWORD },
          { ip },
        ),
        { clientIp: ip },
      );
      expect(outcome.location, redirectTo).toBe(expected);
    }
  });

  it("rejects invalid input with 400, field errors, kept values and no password echoed", async () => {
    const outcome = await runRoute(
      signUpAction,
      formPost("/sign-up", { name: "", email: "not-an-email", password: "weakpass" }),
    );
    expect(outcome.status).toBe(400);
    const errors = replyErrors(outcome.data);
    expect(errors.name).toEqual(["Enter your name."]);
    expect(errors.email?.[0]).toMatch(/valid email/);
    expect(errors.password?.[0]).toMatch(/uppercase letter/);
    expect(JSON.stringify(outcome.data)).toContain("not-an-email");
    expect(JSON.stringify(outcome.data)).not.toContain("weakpass");
  });

  it("tells the user an email is already registered", async () => {
    const { email } = await signUpOverHttp();
    const outcome = await runRoute(
      signUpAction,
      formPost("/sign-up", { name: "Again", email, password: STRONG_PASSWORD }),
    );
    expect(outcome.status).toBe(422);
    expect(replyErrors(outcome.data).email).toEqual(["An account with this email already exists."]);
  });

  it("sends signed-in users to /tasks", async () => {
    const { cookie } = await signUpOverHttp();
    const outcome = await runRoute(signInLoader, pageGet("/sign-in", { cookie }));
    expect(outcome.location).toBe("/tasks");
  });
});

describe("sign-in form", () => {
  it("signs in and honours a same-origin redirectTo", async () => {
    const { email, userId } = await signUpOverHttp();
    const outcome = await runRoute(
      signInAction,
      formPost("/sign-in", { email, password: STRONG_PASSWORD, redirectTo: "/settings?tab=sessions" }),
      { clientIp: randomIp() },
    );
    expect(outcome.location).toBe("/settings?tab=sessions");
    expect(await currentUserId(sessionCookie(outcome.headers))).toBe(userId);
  });

  it.each(["//evil.example", "https://evil.example/tasks", "/\\evil.example"])(
    "ignores the off-site redirectTo %s",
    async (redirectTo) => {
      const { email } = await signUpOverHttp();
      const outcome = await runRoute(
        signInAction,
        formPost("/sign-in", { email, password: STRONG_PASSWORD, redirectTo }),
        {
          clientIp: randomIp(),
        },
      );
      expect(outcome.location).toBe("/tasks");
    },
  );

  it("answers a wrong password and an unknown email identically", async () => {
    const { email } = await signUpOverHttp();
    const wrong = await runRoute(signInAction, formPost("/sign-in", { email, password: "Wr0ng!password" }), {
      clientIp: randomIp(),
    });
    const unknown = await runRoute(
      signInAction,
      formPost("/sign-in", { email: uniqueEmail(), password: "Wr0ng!password" }),
      {
        clientIp: randomIp(),
      },
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(replyErrors(wrong.data)[""]).toEqual(["Invalid email or password."]);
    expect(replyErrors(unknown.data)[""]).toEqual(["Invalid email or password."]);
    expect(JSON.stringify(wrong.data)).not.toContain("Wr0ng!password");
  });

  it("shows a clear message once the attempt limit is reached, per client IP from the request context", async () => {
    const ip = randomIp();
    const { email } = await signUpOverHttp();
    for (let i = 0; i < config.AUTH_RATE_LIMIT; i++) {
      await runRoute(signInAction, formPost("/sign-in", { email: uniqueEmail(), password: "Wr0ng!password" }), {
        clientIp: ip,
      });
    }
    // Even the right password is refused while this IP is limited.
    const limited = await runRoute(signInAction, formPost("/sign-in", { email, password: STRONG_PASSWORD }), {
      clientIp: ip,
    });
    expect(limited.status).toBe(429);
    expect(replyErrors(limited.data)[""]?.[0]).toMatch(
      /^Too many attempts\. Please wait \d+ seconds? and try again\.$/,
    );
    // Another client is not affected.
    const other = await runRoute(signInAction, formPost("/sign-in", { email, password: STRONG_PASSWORD }), {
      clientIp: randomIp(),
    });
    expect(other.status).toBe(302);
  });
});

describe("sign-out", () => {
  it("revokes the session on the server, clears the cookie and goes home", async () => {
    const { cookie, userId } = await signUpOverHttp();
    const outcome = await runRoute(signOutAction, formPost("/sign-out", {}, { cookie }));
    expect(outcome.location).toBe("/");
    expect(outcome.headers.getSetCookie().join()).toMatch(/better-auth\.session_token=;/);
    expect(await currentUserId(cookie)).toBeNull();
    expect(await db.select().from(session).where(eq(session.userId, userId))).toHaveLength(0);
  });
});

describe("settings", () => {
  it("is protected: no session redirects to sign-in and back", async () => {
    const outcome = await runRoute(settingsLoader, pageGet("/settings?x=1"));
    expect(outcome.location).toBe(`/sign-in?${new URLSearchParams({ redirectTo: "/settings?x=1" })}`);
    const post = await runRoute(settingsAction, formPost("/settings", { intent: "update-profile", name: "X" }));
    expect(post.location).toMatch(/^\/sign-in\?redirectTo=/);
    for (const [handler, path] of [
      [changePasswordLoader, "/settings/password"],
      [changePasswordAction, "/settings/password"],
      [changeEmailLoader, "/settings/email"],
      [changeEmailAction, "/settings/email"],
    ] as const) {
      const outcome = await runRoute(
        handler,
        handler === changePasswordLoader || handler === changeEmailLoader ? pageGet(path) : formPost(path, {}),
      );
      expect(outcome.location, path).toBe(`/sign-in?${new URLSearchParams({ redirectTo: path })}`);
    }
  });

  it("sends a post of the forms that moved to their own routes on there, method and body kept", async () => {
    const { cookie } = await signUpOverHttp();
    for (const [intent, path] of [
      ["change-password", "/settings/password"],
      ["change-email", "/settings/email"],
    ] as const) {
      const outcome = await runRoute(
        settingsAction,
        formPost("/settings", { intent, currentPassword: STRONG_PASSWORD }, { cookie }),
      );
      expect(outcome).toMatchObject({ status: 308, location: path });
    }
  });

  it("shows the password and email forms on pages of their own", async () => {
    const { cookie, email } = await signUpOverHttp();
    expect((await runRoute(changePasswordLoader, pageGet("/settings/password", { cookie }))).status).toBe(200);
    const emailPage = await runRoute(changeEmailLoader, pageGet("/settings/email", { cookie }));
    expect(emailPage.data).toEqual({ email, emailVerified: false });
  });

  it("lists sessions with the current one marked, and recent activity", async () => {
    const { email, cookie } = await signUpOverHttp();
    await authPost(
      "/sign-in/email",
      { email, password: STRONG_PASSWORD },
      {
        ip: "198.51.100.4",
        userAgent:
          "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1",
      },
    );
    const outcome = await runRoute(settingsLoader, pageGet("/settings", { cookie }));
    const page = outcome.data as {
      sessions: { current: boolean; device: string; ipAddress: string }[];
      events: { event: string }[];
    };
    expect(page.sessions).toHaveLength(2);
    expect(page.sessions.filter((entry) => entry.current)).toHaveLength(1);
    expect(page.sessions).toContainEqual(
      expect.objectContaining({ current: false, device: "Safari 17 on iOS 17", ipAddress: "198.51.100.4" }),
    );
    expect(page.events.map((entry) => entry.event)).toEqual(["sign-in", "sign-up"]);
    expect(JSON.stringify(page)).not.toMatch(/token/i);
  });

  it("renames the user", async () => {
    const { cookie, userId } = await signUpOverHttp();
    const outcome = await runRoute(
      settingsAction,
      formPost("/settings", { intent: "update-profile", name: "  Ada Lovelace " }, { cookie }),
    );
    expect(outcome.location).toBe("/settings");
    const [updated] = await db.select().from(user).where(eq(user.id, userId));
    expect(updated!.name).toBe("Ada Lovelace");
  });

  it("changes the password, enforcing the policy and the current password", async () => {
    const { cookie, email } = await signUpOverHttp();
    const weak = await runRoute(
      changePasswordAction,
      formPost("/settings/password", { currentPassword: STRONG_PASSWORD, newPassword: "nouppercase1!" }, { cookie }),
    );
    expect(weak.status).toBe(400);
    expect(replyErrors(weak.data).newPassword).toEqual(["Password needs an uppercase letter."]);

    const wrongCurrent = await runRoute(
      changePasswordAction,
      formPost("/settings/password", { currentPassword: "Wr0ng!password", newPassword: "N3w!password" }, { cookie }),
    );
    expect(wrongCurrent.status).toBe(400);
    expect(replyErrors(wrongCurrent.data).currentPassword).toEqual(["That password is not correct."]);
    expect(JSON.stringify(wrongCurrent.data)).not.toContain("N3w!password");

    const changed = await runRoute(
      changePasswordAction,
      formPost("/settings/password", { currentPassword: STRONG_PASSWORD, newPassword: "N3w!password" }, { cookie }),
    );
    expect(changed.location).toBe("/settings");
    // The settings page posts here through a fetcher: its redirect must not push /settings again.
    expect(changed.headers.get("X-Remix-Replace")).toBe("true");
    expect((await authPost("/sign-in/email", { email, password: "N3w!password" }, { ip: randomIp() })).status).toBe(
      200,
    );
  });

  it("changing the password can sign out the other sessions while keeping this one", async () => {
    const { cookie, email, userId } = await signUpOverHttp();
    const other = cookieFrom(
      await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip: randomIp() }),
    );
    const outcome = await runRoute(
      changePasswordAction,
      formPost(
        "/settings/password",
        { currentPassword: STRONG_PASSWORD, newPassword: "N3w!password", signOutOtherSessions: "on" },
        { cookie },
      ),
    );
    expect(outcome.location).toBe("/settings");
    expect(await currentUserId(other)).toBeNull();
    expect(await currentUserId(sessionCookie(outcome.headers))).toBe(userId);
  });

  it("revokes another session by id, and only the user's own", async () => {
    const { cookie, email, userId } = await signUpOverHttp();
    const other = cookieFrom(
      await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip: randomIp() }),
    );
    const stranger = await signUpOverHttp();
    const [strangerSession] = await db.select().from(session).where(eq(session.userId, stranger.userId));
    const refused = await runRoute(
      settingsAction,
      formPost("/settings", { intent: "revoke-session", sessionId: strangerSession!.id }, { cookie }),
    );
    expect(refused.status).toBe(404);
    expect(await currentUserId(stranger.cookie)).toBe(stranger.userId);

    const sessions = await db.select().from(session).where(eq(session.userId, userId)).orderBy(session.createdAt);
    const otherId = sessions[1]!.id;
    const outcome = await runRoute(
      settingsAction,
      formPost("/settings", { intent: "revoke-session", sessionId: otherId }, { cookie }),
    );
    expect(outcome.location).toBe("/settings");
    expect(await currentUserId(other)).toBeNull();
    expect(await currentUserId(cookie)).toBe(userId);
    const events = await db.select().from(auditLog).where(eq(auditLog.userId, userId));
    expect(events.map((row) => row.event)).toContain("session-revoked");
  });

  it("signs out all other sessions", async () => {
    const { cookie, email, userId } = await signUpOverHttp();
    const others = [
      cookieFrom(await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip: randomIp() })),
      cookieFrom(await authPost("/sign-in/email", { email, password: STRONG_PASSWORD }, { ip: randomIp() })),
    ];
    const outcome = await runRoute(
      settingsAction,
      formPost("/settings", { intent: "revoke-other-sessions" }, { cookie }),
    );
    expect(outcome.location).toBe("/settings");
    for (const other of others) expect(await currentUserId(other)).toBeNull();
    expect(await currentUserId(cookie)).toBe(userId);
  });

  it("deletes the account with its tasks after checking the password", async () => {
    const { cookie, userId } = await signUpOverHttp();
    await db.insert(task).values({ userId, projectId: await ensureInbox(userId), title: "Mine" });
    const wrong = await runRoute(
      settingsAction,
      formPost("/settings", { intent: "delete-account", password: "Wr0ng!password" }, { cookie }),
    );
    expect(wrong.status).toBe(400);
    expect(replyErrors(wrong.data).password).toEqual(["That password is not correct."]);

    const outcome = await runRoute(
      settingsAction,
      formPost("/settings", { intent: "delete-account", password: STRONG_PASSWORD }, { cookie }),
    );
    expect(outcome.location).toBe("/");
    expect(outcome.headers.getSetCookie().join()).toMatch(/better-auth\.session_token=;/);
    expect(await db.select().from(user).where(eq(user.id, userId))).toHaveLength(0);
    expect(await db.select().from(task).where(eq(task.userId, userId))).toHaveLength(0);
  });
});
