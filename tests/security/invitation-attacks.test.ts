// Attacks on invitations (decision 109): guessing tokens, a link opened by a mail scanner,
// learning which addresses have accounts by inviting them, a stranger managing another's
// invitations, and a token lifted from the database. Each must find nothing and change nothing.
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import * as invitationPage from "~/routes/invitations.$token";
import { mailOutbox, projectInvitation, projectMember } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { signUpOverHttp, uniqueEmail } from "../support/auth";
import { loaderOrActionArgs, outcome } from "../support/routes";

let ann: ApiUser;
let projectId: string;

const send = (user: ApiUser, path: string, method = "GET", json?: unknown) =>
  apiFetch(path, withToken(user.token, { method, json }));

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  projectId = ((await (await send(ann, "/api/projects", "POST", { name: "Secret plans" })).json()) as { id: string })
    .id;
});

/** The token queued in the mail to `email` (no sender runs here: the outbox keeps it). */
async function tokenMailedTo(email: string): Promise<string> {
  const rows = await db.select({ links: mailOutbox.links }).from(mailOutbox).where(eq(mailOutbox.recipient, email));
  const link = rows.flatMap((row) => row.links).findLast((href) => href.includes("/invitations/"))!;
  return new URL(link).pathname.split("/").pop()!;
}

type AnyRoute = (args: never) => unknown;
const onPage = (fn: AnyRoute, method: "GET" | "POST", token: string, cookie?: string, intent?: string) =>
  outcome(() =>
    fn(
      loaderOrActionArgs(method, `/invitations/${token}`, {
        cookie,
        params: { token },
        fields: intent ? { intent } : undefined,
      }) as never,
    ),
  );

const invitationRows = () => db.select().from(projectInvitation).where(eq(projectInvitation.projectId, projectId));
const members = () => db.select().from(projectMember).where(eq(projectMember.projectId, projectId));

describe("invitation tokens", () => {
  it("a guessed, truncated, altered or hash-shaped token finds nothing, on the page and the API alike", async () => {
    const victim = await signUpOverHttp({ name: "Victim" });
    await send(ann, `/api/projects/${projectId}/invitations`, "POST", { email: victim.email, role: "admin" });
    const real = await tokenMailedTo(victim.email);
    const [stored] = await invitationRows();
    const guesses = [
      randomBytes(32).toString("base64url"),
      real.slice(0, -1),
      `${real.slice(0, -1)}${real.endsWith("A") ? "B" : "A"}`,
      real.toUpperCase() === real ? real.toLowerCase() : real.toUpperCase(),
      stored!.tokenHash,
      stored!.id,
      "%00",
      "' or 1=1 --",
      "a".repeat(5000),
    ];
    const before = { invitations: await invitationRows(), members: await members() };
    for (const guess of guesses) {
      const token = encodeURIComponent(guess);
      expect((await onPage(invitationPage.loader, "GET", guess, victim.cookie)).status, guess).toBe(404);
      expect((await onPage(invitationPage.action, "POST", guess, victim.cookie, "accept")).status, guess).toBe(404);
      expect((await onPage(invitationPage.action, "POST", guess, undefined, "decline")).status, guess).toBe(404);
      const accepted = await apiFetch(`/api/invitations/${token}/accept`, {
        method: "POST",
        headers: { cookie: victim.cookie, origin: "http://localhost:3000" },
      });
      expect(accepted.status, guess).toBe(404);
    }
    expect({ invitations: await invitationRows(), members: await members() }).toEqual(before);
  });

  it("opening the link (a GET, as a mail scanner does) changes nothing, signed in or not", async () => {
    const invitee = await signUpOverHttp({ name: "Scanned" });
    await send(ann, `/api/projects/${projectId}/invitations`, "POST", { email: invitee.email, role: "editor" });
    const token = await tokenMailedTo(invitee.email);
    const before = { invitations: await invitationRows(), members: await members() };
    for (let visit = 0; visit < 3; visit += 1) {
      expect((await onPage(invitationPage.loader, "GET", token)).status).toBe(200);
      expect((await onPage(invitationPage.loader, "GET", token, invitee.cookie)).status).toBe(200);
    }
    // The accept endpoint answers GET with 405, never by accepting.
    const got = await apiFetch(`/api/invitations/${token}/accept`, { headers: { cookie: invitee.cookie } });
    expect(got.status).toBe(405);
    expect({ invitations: await invitationRows(), members: await members() }).toEqual(before);
  });
});

describe("enumeration", () => {
  it("an address with an account and one without get the same answer, in the same time class", async () => {
    const shape = (response: Response, json: Record<string, unknown>) => ({
      status: response.status,
      keys: Object.keys(json).sort(),
      role: json.role,
      expired: json.expired,
    });
    const registered = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => signUpApiUser(`Registered ${n}`)));
    const timings: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
    const answers = new Set<string>();
    // Interleaved, so load on the machine falls on both alike.
    for (const user of registered) {
      for (const [kind, email] of [
        ["known", user.email],
        ["unknown", uniqueEmail("nobody")],
      ] as const) {
        const started = performance.now();
        const response = await send(ann, `/api/projects/${projectId}/invitations`, "POST", { email, role: "viewer" });
        timings[kind].push(performance.now() - started);
        answers.add(JSON.stringify(shape(response, (await response.json()) as Record<string, unknown>)));
        // A mail is queued either way.
        expect(await tokenMailedTo(email)).toMatch(/^[\w-]{43}$/);
      }
    }
    expect([...answers]).toHaveLength(1);
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const ratio = median(timings.known) / median(timings.unknown);
    // The code path never asks whether the address has an account; this only catches a gross difference.
    expect(ratio).toBeGreaterThan(1 / 3);
    expect(ratio).toBeLessThan(3);
  });
});
