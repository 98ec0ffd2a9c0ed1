// Invitations to a project (issue 29, decision 109), end to end inside the process: real Better
// Auth sessions, the JSON API and the pages' loaders and actions, the real outbox and sender
// delivering to an SMTP server, and the link a person receives. Time moves by the app's clock.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { config } from "~/config.server";
import { db } from "~/db.server";
import * as invitationPage from "~/routes/invitations.$token";
import * as sharePage from "~/routes/projects.$projectId.invitations";
import { hashInvitationToken } from "~/projects/invitations.server";
import { mailOutbox, projectInvitation, projectMember, rateLimitBucket } from "../../db/schema";
import { apiFetch, withToken } from "../support/api";
import {
  authGet,
  authPost,
  cookieFrom,
  ORIGIN,
  randomIp,
  signUpOverHttp,
  STRONG_PASSWORD,
  uniqueEmail,
} from "../support/auth";
import { startMailDelivery } from "../support/mail-delivery";
import { flashOf, loaderOrActionArgs, outcome } from "../support/routes";
import type { ReceivedMail, SmtpSink } from "../support/smtp-sink";

let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startMailDelivery();
});
afterAll(() => smtp.stop());
afterEach(() => vi.useRealTimers());

interface Person {
  userId: string;
  email: string;
  cookie: string;
  token: string;
}

async function person(name: string, email = uniqueEmail(name.toLowerCase())): Promise<Person> {
  const signedUp = await signUpOverHttp({ name, email });
  return { ...signedUp, token: await jwtFor(signedUp.cookie) };
}

async function jwtFor(cookie: string): Promise<string> {
  const response = await authGet("/token", { cookie });
  return ((await response.json()) as { token: string }).token;
}

/** A new session and JWT (after the clock has moved past the old ones' lifetimes). */
async function signInAgain(who: Person): Promise<Person> {
  const response = await authPost(
    "/sign-in/email",
    { email: who.email, password: STRONG_PASSWORD },
    { ip: randomIp() },
  );
  expect(response.status).toBe(200);
  const cookie = cookieFrom(response);
  return { ...who, cookie, token: await jwtFor(cookie) };
}

const api = (who: Person, path: string, method = "GET", json?: unknown) =>
  apiFetch(path, withToken(who.token, { method, json }));

async function body<T = Record<string, unknown>>(response: Response, status: number): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

async function newProject(owner: Person, name = `Garden ${crypto.randomUUID().slice(0, 6)}`) {
  return (await body<{ id: string }>(await api(owner, "/api/projects", "POST", { name }), 201)).id;
}

const invite = (admin: Person, projectId: string, email: string, role = "editor") =>
  api(admin, `/api/projects/${projectId}/invitations`, "POST", { email, role });

/** The token in the invitation's mail, which must link to our invitation page. */
function tokenIn(mail: ReceivedMail): string {
  expect(mail.links).toHaveLength(1);
  const link = new URL(mail.links[0]!);
  expect(link.origin).toBe(ORIGIN);
  const [, page, token] = link.pathname.split("/");
  expect(page).toBe("invitations");
  return token!;
}

/** Invites `email` and waits for the mail it receives; answers the token. */
async function invitedToken(admin: Person, projectId: string, email: string, role = "editor") {
  const before = smtp.received.length;
  await body(await invite(admin, projectId, email, role), 201);
  const mail = await waitForNew(email, before);
  return tokenIn(mail);
}

/** The newest invitation mail to `email` among those received after the first `after`. */
async function waitForNew(email: string, after: number): Promise<ReceivedMail> {
  const invitation = (mail: ReceivedMail) => mail.to === email && /invited you/.test(mail.subject);
  await vi.waitFor(() => expect(smtp.received.slice(after).some(invitation)).toBe(true), { timeout: 10_000 });
  return smtp.received.slice(after).findLast(invitation)!;
}

type AnyRoute = (args: never) => unknown;
const page = (
  fn: AnyRoute,
  method: "GET" | "POST",
  path: string,
  visitor: { cookie?: string },
  params = {},
  fields?: Record<string, string>,
) => outcome(() => fn(loaderOrActionArgs(method, path, { cookie: visitor.cookie, params, fields }) as never));
const openInvitation = (token: string, visitor: { cookie?: string } = {}) =>
  page(invitationPage.loader, "GET", `/invitations/${token}`, visitor, { token });
const answerInvitation = (token: string, intent: "accept" | "decline", visitor: { cookie?: string } = {}) =>
  page(invitationPage.action, "POST", `/invitations/${token}`, visitor, { token }, { intent });

const roleOf = async (projectId: string, userId: string) =>
  (
    await db
      .select({ role: projectMember.role })
      .from(projectMember)
      .where(and(eq(projectMember.projectId, projectId), eq(projectMember.userId, userId)))
  )[0]?.role ?? null;
const pendingCount = async (projectId: string) =>
  (await db.select().from(projectInvitation).where(eq(projectInvitation.projectId, projectId))).length;

let owner: Person;
beforeAll(async () => {
  owner = await person("Olivia");
});

describe("the mail journey", () => {
  it("invite: a mail with a 7-day link to a page that changes nothing when opened; accept makes a member once", async () => {
    const projectId = await newProject(owner, "Allotment");
    const bea = await person("Bea");
    const before = smtp.received.length;
    const created = await body(await invite(owner, projectId, bea.email.toUpperCase(), "editor"), 201);
    expect(created).toMatchObject({ email: bea.email, role: "editor", invitedBy: "Olivia", expired: false });
    const lifetime = Date.parse(created.expiresAt as string) - Date.now();
    expect(lifetime).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect(lifetime).toBeLessThanOrEqual(7 * 24 * 3600_000);

    const mail = await waitForNew(bea.email, before);
    expect(mail.subject).toBe("Olivia invited you to a project on Tasklane");
    expect(mail.text).toContain("“Allotment”");
    expect(mail.text).toContain("as editor");
    expect(mail.text).toContain("This link works for 7 days, once.");
    const token = tokenIn(mail);
    // Only the token's hash is stored.
    const [stored] = await db.select().from(projectInvitation).where(eq(projectInvitation.projectId, projectId));
    expect(stored!.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // Opening the link (signed out, then signed in) shows it and changes nothing.
    const signedOut = await openInvitation(token);
    expect(signedOut.status).toBe(200);
    expect(signedOut.data).toMatchObject({
      invitation: { email: bea.email, role: "editor", projectName: "Allotment", inviterName: "Olivia" },
      signedInAs: null,
    });
    await openInvitation(token, bea);
    expect(await pendingCount(projectId)).toBe(1);
    expect(await roleOf(projectId, bea.userId)).toBeNull();

    // Accepting signed out goes to sign-in, and back here after.
    const anonymous = await answerInvitation(token, "accept");
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/invitations/${token}`)}`);
    expect(await roleOf(projectId, bea.userId)).toBeNull();

    const accepted = await answerInvitation(token, "accept", bea);
    expect(accepted).toMatchObject({ status: 302, location: `/projects/${projectId}` });
    expect(await flashOf(accepted.response)).toMatchObject({ kind: "success", message: "You joined the project" });
    expect(await roleOf(projectId, bea.userId)).toBe("editor");
    expect(await pendingCount(projectId)).toBe(0);
    // Bea sees the project now.
    await body(await api(bea, `/api/projects/${projectId}`), 200);

    // Used twice: refused, nothing changes.
    const again = await answerInvitation(token, "accept", bea);
    expect(again.status).toBe(404);
    expect(again.data).toMatchObject({ problem: expect.stringMatching(/not valid/) });
    expect((await openInvitation(token, bea)).status).toBe(404);
  });

  it("wrong account: a clear refusal, no membership, and the invitation still works for its address", async () => {
    const projectId = await newProject(owner);
    const cleo = await person("Cleo");
    const mallory = await person("Mallory");
    const token = await invitedToken(owner, projectId, cleo.email, "viewer");

    const shown = await openInvitation(token, mallory);
    expect(shown.data).toMatchObject({ signedInAs: mallory.email, invitation: { email: cleo.email } });
    const refused = await answerInvitation(token, "accept", mallory);
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ problem: expect.stringContaining(`This invitation is for ${cleo.email}`) });
    // The API says the same, with a code for programs.
    const overApi = await acceptOverApi(token, mallory);
    expect(await body(overApi, 403)).toMatchObject({ code: "wrong_account" });
    expect(await roleOf(projectId, mallory.userId)).toBeNull();

    expect((await answerInvitation(token, "accept", cleo)).status).toBe(302);
    expect(await roleOf(projectId, cleo.userId)).toBe("viewer");
  });

  it("expired after 7 days (the app's clock): refused, shown as expired to the admin, and Resend revives it", async () => {
    const projectId = await newProject(owner);
    let dan = await person("Dan");
    const token = await invitedToken(owner, projectId, dan.email);

    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 7 * 24 * 3600_000 + 1_000 });
    // Sessions last 7 days too: both sign in again, a week later.
    dan = await signInAgain(dan);
    const admin = await signInAgain(owner);
    expect((await openInvitation(token, dan)).status).toBe(410);
    const refused = await answerInvitation(token, "accept", dan);
    expect(refused.status).toBe(410);
    expect(refused.data).toMatchObject({ problem: expect.stringMatching(/expired/) });
    expect(await body(await acceptOverApi(token, dan), 410)).toMatchObject({
      detail: expect.stringMatching(/expired/),
    });
    expect(await roleOf(projectId, dan.userId)).toBeNull();
    const [listed] = (
      await body<{ invitations: Record<string, unknown>[] }>(
        await api(admin, `/api/projects/${projectId}/invitations`),
        200,
      )
    ).invitations;
    expect(listed).toMatchObject({ email: dan.email, expired: true });

    // Resend (the page's button): a new link with 7 more days; the old one stays dead.
    const before = smtp.received.length;
    const resent = await page(
      sharePage.action,
      "POST",
      `/projects/${projectId}/invitations`,
      admin,
      { projectId },
      { intent: "resend", invitationId: listed!.id as string },
    );
    expect(resent.status).toBe(302);
    expect(await flashOf(resent.response)).toMatchObject({ message: `Invitation sent again to ${dan.email}` });
    const fresh = tokenIn(await waitForNew(dan.email, before));
    expect(fresh).not.toBe(token);
    expect((await answerInvitation(token, "accept", dan)).status).toBe(404);
    expect((await answerInvitation(fresh, "accept", dan)).status).toBe(302);
    expect(await roleOf(projectId, dan.userId)).toBe("editor");
  });

  it("revoked: the link stops working, through the API or the page's button", async () => {
    const projectId = await newProject(owner);
    const eve = await person("Eve");
    const token = await invitedToken(owner, projectId, eve.email);
    const [{ id }] = (
      await body<{ invitations: { id: string }[] }>(await api(owner, `/api/projects/${projectId}/invitations`), 200)
    ).invitations as [{ id: string }];
    expect((await api(owner, `/api/projects/${projectId}/invitations/${id}`, "DELETE")).status).toBe(204);
    expect((await api(owner, `/api/projects/${projectId}/invitations/${id}`, "DELETE")).status).toBe(404);
    expect((await openInvitation(token, eve)).status).toBe(404);
    expect((await answerInvitation(token, "accept", eve)).status).toBe(404);
    expect(await roleOf(projectId, eve.userId)).toBeNull();

    const second = await invitedToken(owner, projectId, eve.email);
    const [pending] = await db.select().from(projectInvitation).where(eq(projectInvitation.projectId, projectId));
    const revoked = await page(
      sharePage.action,
      "POST",
      `/projects/${projectId}/invitations`,
      owner,
      { projectId },
      { intent: "revoke", invitationId: pending!.id },
    );
    expect(await flashOf(revoked.response)).toMatchObject({
      kind: "success",
      message: expect.stringMatching(/revoked/),
    });
    expect((await answerInvitation(second, "accept", eve)).status).toBe(404);
  });

  it("decline: needs only the link (no account), and uses it up", async () => {
    const projectId = await newProject(owner);
    const stranger = uniqueEmail("stranger");
    const token = await invitedToken(owner, projectId, stranger);
    const declined = await answerInvitation(token, "decline");
    expect(declined).toMatchObject({ status: 302, location: "/" });
    expect(await pendingCount(projectId)).toBe(0);
    expect((await answerInvitation(token, "decline")).status).toBe(404);
  });

  it("an address without an account: signs up with it, comes back, accepts", async () => {
    const projectId = await newProject(owner);
    const email = uniqueEmail("newcomer");
    const token = await invitedToken(owner, projectId, email, "admin");
    const newcomer = await person("Newcomer", email);
    expect((await answerInvitation(token, "accept", newcomer)).status).toBe(302);
    expect(await roleOf(projectId, newcomer.userId)).toBe("admin");
    // An admin now: they see the invitations too.
    await body(await api(newcomer, `/api/projects/${projectId}/invitations`), 200);
  });
});

/** POST /api/invitations/{token}/accept as a browser page of ours would send it. */
const acceptOverApi = (token: string, who: { cookie: string }, headers: Record<string, string> = {}) =>
  apiFetch(`/api/invitations/${token}/accept`, {
    method: "POST",
    headers: { cookie: who.cookie, origin: ORIGIN, ...headers },
  });

describe("accepting through the API", () => {
  it("takes a session cookie from our origin only: not a token, not another site", async () => {
    const projectId = await newProject(owner);
    const fay = await person("Fay");
    const token = await invitedToken(owner, projectId, fay.email);
    expect((await apiFetch(`/api/invitations/${token}/accept`, withToken(fay.token, { method: "POST" }))).status).toBe(
      401,
    );
    expect(
      (
        await apiFetch(`/api/invitations/${token}/accept`, {
          method: "POST",
          headers: { cookie: fay.cookie, origin: "https://evil.example", authorization: `Bearer ${fay.token}` },
        })
      ).status,
    ).toBe(403);
    expect((await acceptOverApi(token, fay, { origin: "https://evil.example" })).status).toBe(403);
    expect((await apiFetch(`/api/invitations/${token}/accept`, { method: "POST" })).status).toBe(401);
    expect(await roleOf(projectId, fay.userId)).toBeNull();

    expect(await body(await acceptOverApi(token, fay), 200)).toEqual({ projectId });
    expect(await roleOf(projectId, fay.userId)).toBe("editor");
    expect((await acceptOverApi(token, fay)).status).toBe(404);
  });
});

describe("who may manage invitations", () => {
  it("a non-member gets the 404 of a missing project; a member below admin 403 insufficient_role; admins may", async () => {
    const projectId = await newProject(owner);
    const [viewer, editor, outsider] = await Promise.all([person("Vera"), person("Ed"), person("Otto")]);
    for (const [who, role] of [
      [viewer, "viewer"],
      [editor, "editor"],
    ] as const) {
      const token = await invitedToken(owner, projectId, who.email, role);
      expect((await answerInvitation(token, "accept", who)).status).toBe(302);
    }
    const missing = crypto.randomUUID();
    const path = (id: string) => `/api/projects/${id}/invitations`;
    const notFound = await body(await api(outsider, path(missing)), 404);
    for (const [method, json] of [
      ["GET", undefined],
      ["POST", { email: uniqueEmail(), role: "viewer" }],
    ] as const) {
      expect(await body(await api(outsider, path(projectId), method, json), 404), method).toEqual(notFound);
      for (const member of [viewer, editor]) {
        expect(await body(await api(member, path(projectId), method, json), 403)).toMatchObject({
          code: "insufficient_role",
        });
      }
    }
    const [pending] = await db.select().from(projectInvitation).where(eq(projectInvitation.projectId, projectId));
    expect(pending).toBeUndefined();
    const id = (await body<{ id: string }>(await invite(owner, projectId, uniqueEmail()), 201)).id;
    expect(await body(await api(outsider, `${path(projectId)}/${id}`, "DELETE"), 404)).toEqual(
      await body(await api(outsider, `${path(missing)}/${id}`, "DELETE"), 404),
    );
    expect(await body(await api(editor, `${path(projectId)}/${id}`, "DELETE"), 403)).toMatchObject({
      code: "insufficient_role",
    });
    expect(await pendingCount(projectId)).toBe(1);

    // The pages: a clear message for members below admin, the project's 404 for others.
    const shown = await page(sharePage.loader, "GET", `/projects/${projectId}/invitations`, viewer, { projectId });
    expect(shown.status).toBe(403);
    expect(shown.data).toMatchObject({ refusal: "Only the project's admins can do that", invitations: [] });
    const invited = await page(
      sharePage.action,
      "POST",
      `/projects/${projectId}/invitations`,
      editor,
      { projectId },
      { intent: "invite", email: uniqueEmail(), role: "viewer" },
    );
    expect(await flashOf(invited.response)).toMatchObject({
      kind: "error",
      message: "Only the project's admins can do that",
    });
    const hidden = await page(sharePage.loader, "GET", `/projects/${projectId}/invitations`, outsider, { projectId });
    expect(hidden.status).toBe(404);
    const posted = await page(
      sharePage.action,
      "POST",
      `/projects/${projectId}/invitations`,
      outsider,
      { projectId },
      { intent: "revoke", invitationId: id },
    );
    expect(posted.status).toBe(404);
    expect(await pendingCount(projectId)).toBe(1);
  });

  it("the /api/{userId}/ form answers the same; the Inbox is never shared; a member is not invited twice", async () => {
    const projectId = await newProject(owner);
    const created = await body(
      await api(owner, `/api/${owner.userId}/projects/${projectId}/invitations`, "POST", {
        email: uniqueEmail(),
        role: "admin",
      }),
      201,
    );
    const listed = await body<{ invitations: unknown[] }>(
      await api(owner, `/api/${owner.userId}/projects/${projectId}/invitations`),
      200,
    );
    expect(listed.invitations).toEqual([created]);
    const [inbox] = (await body<{ projects: { id: string; inbox: boolean }[] }>(await api(owner, "/api/projects"), 200))
      .projects;
    expect(await body(await invite(owner, inbox!.id, uniqueEmail()), 409)).toMatchObject({
      detail: "The Inbox cannot be shared",
    });
    expect(await body(await invite(owner, projectId, owner.email), 409)).toMatchObject({
      detail: expect.stringMatching(/is a member of this project already/),
    });
    // Bad input: clear 400s.
    expect((await invite(owner, projectId, "not an address")).status).toBe(400);
    expect((await invite(owner, projectId, uniqueEmail(), "owner")).status).toBe(400);
  });
});

describe("no enumeration", () => {
  it("inviting an address with an account and one without: the same answer, the same statements, a mail either way", async () => {
    const projectId = await newProject(owner);
    const known = await person("Known");
    const unknown = uniqueEmail("nobody");
    const answers = [];
    for (const email of [known.email, unknown]) {
      const before = smtp.received.length;
      const response = await invite(owner, projectId, email);
      answers.push({ status: response.status, keys: Object.keys(await response.json()).sort() });
      const mail = await waitForNew(email, before);
      expect(mail.subject).toBe("Olivia invited you to a project on Tasklane");
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.status).toBe(201);
  });
});

describe("limits", () => {
  it("50 members and pending invitations per project", async () => {
    const projectId = await newProject(owner);
    // 1 member (the owner) + 49 pending.
    await db.insert(projectInvitation).values(
      Array.from({ length: 49 }, (_, index) => ({
        projectId,
        email: `pending-${index}@example.com`,
        role: "viewer" as const,
        tokenHash: hashInvitationToken(crypto.randomUUID()),
        invitedBy: owner.userId,
        expiresAt: new Date(Date.now() + 3600_000),
      })),
    );
    expect(await body(await invite(owner, projectId, uniqueEmail()), 409)).toMatchObject({
      detail: expect.stringMatching(/at most 50 members/),
    });
    // Re-inviting a pending address replaces it: no extra place needed.
    expect((await invite(owner, projectId, "pending-0@example.com", "admin")).status).toBe(201);
    expect(await pendingCount(projectId)).toBe(49);
  });

  it(`INVITATIONS_PER_DAY per inviter, counted in the database every process shares`, async () => {
    const inviter = await person("Ivy");
    const projectId = await newProject(inviter);
    // What other processes counted today: the bucket row they all write.
    await db.insert(rateLimitBucket).values({
      key: `invite:${inviter.userId}`,
      points: config.INVITATIONS_PER_DAY - 1,
      expire: new Date(Date.now() + 3600_000),
    });
    expect((await invite(inviter, projectId, uniqueEmail())).status).toBe(201);
    const queued = (await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0]!.n;
    const refused = await invite(inviter, projectId, uniqueEmail());
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(await pendingCount(projectId)).toBe(1);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(mailOutbox))[0]!.n).toBeLessThanOrEqual(queued);
    // Another inviter's budget is their own.
    expect((await invite(owner, await newProject(owner), uniqueEmail())).status).toBe(201);
  });
});
