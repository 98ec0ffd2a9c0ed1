// Invitations to a project (issue 29, decision 109): an admin invites an address with a role,
// the address gets a mail with a one-time link, and the account with that address accepts it
// (or anyone holding the link declines it). Only a SHA-256 hash of the token is stored; a
// used, declined or revoked invitation's row is deleted, so a token works once.
//
// Nothing here ever asks whether an address has an account before the invitee acts: inviting
// a stranger and inviting a user are the same statements, the same answer and the same mail.
import { createHash, randomBytes } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { config } from "~/config.server";
import { type Database, db } from "~/db.server";
import { projectInvitationMail } from "~/mail/messages.server";
import { enqueueMail, wakeMailSenders } from "~/mail/outbox.server";
import { isUuid } from "~/text-rules";
import { recordActivity } from "~/activity/record-activity.server";
import { PROJECT_MEMBERS_MAX } from "../../db/values";
import { project, projectInvitation, projectMember, rateLimitBucket, user } from "../../db/schema";
import { InsufficientRoleError, projectsAccessibleTo, roleGrants, roleIn } from "./project-access.server";
import { forgetSharedProjects } from "./projects.server";
import {
  INVITATION_TTL_DAYS,
  type InvitationInput,
  type InvitationRole,
  type PendingInvitation,
} from "./invitation-schema";

const TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;

/** The app's clock, not the database's: expiry is set and checked against the same one. */
const now = () => sql`${new Date().toISOString()}::timestamptz`;

/** The Inbox is never shared. */
export class InboxNotShareableError extends Error {
  constructor() {
    super("The Inbox cannot be shared");
  }
}

/** The project has PROJECT_MEMBERS_MAX members and pending invitations together. */
export class MemberLimitError extends Error {
  constructor() {
    super(`A project has at most ${PROJECT_MEMBERS_MAX} members, pending invitations included`);
  }
}

/** The address belongs to a member already (the admin sees the members: nothing is revealed). */
export class AlreadyMemberError extends Error {
  constructor(readonly email: string) {
    super(`${email} is a member of this project already`);
  }
}

/** The inviter has sent INVITATIONS_PER_DAY invitations in the last 24 hours. */
export class TooManyInvitationsError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`You have sent ${config.INVITATIONS_PER_DAY} invitations today; try again later`);
  }
}

/** Accepting failed: why, for the page and the API to say. */
export class InvitationRefusedError extends Error {
  constructor(
    readonly reason: "invalid" | "expired" | "wrong-account" | "full",
    message: string,
  ) {
    super(message);
  }
}

const REFUSALS = {
  invalid: "This invitation is not valid: it was used, declined or revoked, or the link is incomplete.",
  expired: `This invitation has expired (they work for ${INVITATION_TTL_DAYS} days). Ask whoever invited you to send it again.`,
  full: `This project has ${PROJECT_MEMBERS_MAX} members already.`,
};

// Per inviter and day, in the database like every other limit, so every process counts the same.
const invitationsPerDay = new RateLimiterDrizzle({
  storeClient: db,
  schema: rateLimitBucket,
  keyPrefix: "invite",
  points: config.INVITATIONS_PER_DAY,
  duration: 24 * 60 * 60,
});

async function chargeInvitation(inviterId: string): Promise<void> {
  try {
    await invitationsPerDay.consume(inviterId);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new TooManyInvitationsError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
    }
    throw rejection;
  }
}

/** 32 random bytes: the link's secret. Only its hash reaches the database. */
const newToken = () => randomBytes(32).toString("base64url");
export const hashInvitationToken = (token: string) => createHash("sha256").update(token).digest("hex");
/** A token of ours is 43 base64url characters; anything else names nothing (and is not hashed). */
const looksLikeToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

type Executor = Pick<Database, "select" | "insert" | "update" | "delete" | "execute">;

interface AdminProject {
  id: string;
  name: string;
  inbox: boolean;
}

/**
 * The project as its admin manages its invitations: null when the person is not a member (or
 * there is no such project: the same answer), InsufficientRoleError below admin. One statement,
 * keyed on the person's membership; `lock` holds the project row until the transaction ends, so
 * two invitations to one project queue and the member limit holds.
 */
async function projectToAdminister(
  executor: Executor,
  actorId: string,
  projectId: string,
  lock = false,
): Promise<AdminProject | null> {
  if (!isUuid(projectId)) return null;
  const query = executor
    .select({ id: project.id, name: project.name, inbox: project.inbox, role: roleIn(actorId) })
    .from(project)
    .where(and(eq(project.id, projectId), projectsAccessibleTo(actorId, "see")));
  const [found] = lock ? await query.for("update", { of: project }) : await query;
  if (!found) return null;
  if (!roleGrants(found.role, "admin")) throw new InsufficientRoleError("admin");
  return { id: found.id, name: found.name, inbox: found.inbox };
}

const pendingColumns = () => ({
  id: projectInvitation.id,
  email: projectInvitation.email,
  role: projectInvitation.role,
  invitedBy: user.name,
  createdAt: projectInvitation.createdAt,
  expiresAt: projectInvitation.expiresAt,
  expired: sql<boolean>`${projectInvitation.expiresAt} <= ${now()}`,
});

/** The project's pending invitations (expired ones too, to resend or revoke), oldest first. */
export async function listInvitations(actorId: string, projectId: string): Promise<PendingInvitation[] | null> {
  const admin = await projectToAdminister(db, actorId, projectId);
  if (!admin) return null;
  return db
    .select(pendingColumns())
    .from(projectInvitation)
    .innerJoin(user, eq(user.id, projectInvitation.invitedBy))
    .where(eq(projectInvitation.projectId, admin.id))
    .orderBy(asc(projectInvitation.createdAt), asc(projectInvitation.id));
}

const expiry = () => new Date(Date.now() + TTL_MS);

/** Queues the invitation's mail in `tx`: it leaves with the invitation's row, or not at all. */
async function mailInvitation(
  tx: Executor,
  actorId: string,
  admin: AdminProject,
  invitation: { email: string; role: InvitationRole },
  token: string,
) {
  const [inviter] = await tx.select({ name: user.name }).from(user).where(eq(user.id, actorId));
  await enqueueMail(
    projectInvitationMail({ ...invitation, inviterName: inviter?.name ?? "", projectName: admin.name }, token),
    tx,
  );
}

/**
 * Invites `email` as `role`: a new pending invitation (replacing one to the same address, whose
 * link stops working) and its mail. Null when the person may not see the project; throws
 * InsufficientRoleError, InboxNotShareableError, AlreadyMemberError, MemberLimitError,
 * TooManyInvitationsError.
 */
export async function inviteToProject(
  actorId: string,
  projectId: string,
  input: InvitationInput,
): Promise<PendingInvitation | null> {
  // Refusals that need no budget come first: a viewer's attempts cost the inviter nothing.
  const checked = await projectToAdminister(db, actorId, projectId);
  if (!checked) return null;
  if (checked.inbox) throw new InboxNotShareableError();
  await chargeInvitation(actorId);
  const token = newToken();
  const id = await db.transaction(async (tx) => {
    const admin = await projectToAdminister(tx, actorId, projectId, true);
    if (!admin) return null;
    const [counts] = await tx
      .select({
        member: sql<boolean>`exists (select 1 from ${projectMember} join ${user} on ${user.id} = ${projectMember.userId} where ${projectMember.projectId} = ${admin.id} and lower(${user.email}) = ${input.email})`,
        members: sql<number>`(select count(*) from ${projectMember} where ${projectMember.projectId} = ${admin.id})::int`,
        // The invitation to this address, if any, is replaced: it does not count twice.
        invitations: sql<number>`(select count(*) from ${projectInvitation} where ${projectInvitation.projectId} = ${admin.id} and ${projectInvitation.expiresAt} > ${now()} and ${projectInvitation.email} <> ${input.email})::int`,
      })
      .from(sql`(select 1) as one`);
    if (counts!.member) throw new AlreadyMemberError(input.email);
    if (counts!.members + counts!.invitations >= PROJECT_MEMBERS_MAX) throw new MemberLimitError();
    const values = {
      projectId: admin.id,
      email: input.email,
      role: input.role,
      tokenHash: hashInvitationToken(token),
      invitedBy: actorId,
      createdAt: new Date(),
      expiresAt: expiry(),
    };
    const [row] = await tx
      .insert(projectInvitation)
      .values(values)
      .onConflictDoUpdate({
        target: [projectInvitation.projectId, projectInvitation.email],
        set: {
          role: values.role,
          tokenHash: values.tokenHash,
          invitedBy: values.invitedBy,
          createdAt: values.createdAt,
          expiresAt: values.expiresAt,
        },
      })
      .returning({ id: projectInvitation.id });
    await mailInvitation(tx, actorId, admin, input, token);
    // The feed says someone was invited, not whom: viewers read it too (decision 112).
    await recordActivity(tx, [{ projectId: admin.id, actorId, kind: "member_invited", details: { role: input.role } }]);
    return row!.id;
  });
  if (!id) return null;
  wakeMailSenders();
  return pendingInvitation(id);
}

async function pendingInvitation(id: string): Promise<PendingInvitation | null> {
  const [row] = await db
    .select(pendingColumns())
    .from(projectInvitation)
    .innerJoin(user, eq(user.id, projectInvitation.invitedBy))
    .where(eq(projectInvitation.id, id));
  return row ?? null;
}

/**
 * Sends the invitation again with a new link (the old one stops working) and 7 more days.
 * Null when the person may not see the project or it has no such invitation.
 */
export async function resendInvitation(
  actorId: string,
  projectId: string,
  invitationId: string,
): Promise<PendingInvitation | null> {
  const checked = await projectToAdminister(db, actorId, projectId);
  if (!checked || !isUuid(invitationId)) return null;
  await chargeInvitation(actorId);
  const token = newToken();
  const id = await db.transaction(async (tx) => {
    const admin = await projectToAdminister(tx, actorId, projectId, true);
    if (!admin) return null;
    const [row] = await tx
      .update(projectInvitation)
      .set({ tokenHash: hashInvitationToken(token), expiresAt: expiry(), invitedBy: actorId })
      .where(and(eq(projectInvitation.id, invitationId), eq(projectInvitation.projectId, admin.id)))
      .returning({ id: projectInvitation.id, email: projectInvitation.email, role: projectInvitation.role });
    if (!row) return null;
    await mailInvitation(tx, actorId, admin, row, token);
    return row.id;
  });
  if (!id) return null;
  wakeMailSenders();
  return pendingInvitation(id);
}

/** Revokes a pending invitation: its link stops working. False when there is none to revoke (404). */
export async function revokeInvitation(actorId: string, projectId: string, invitationId: string): Promise<boolean> {
  const admin = await projectToAdminister(db, actorId, projectId);
  if (!admin || !isUuid(invitationId)) return false;
  const deleted = await db
    .delete(projectInvitation)
    .where(and(eq(projectInvitation.id, invitationId), eq(projectInvitation.projectId, admin.id)))
    .returning({ id: projectInvitation.id });
  return deleted.length > 0;
}

/** What the invitation page shows to whoever holds the link. */
export interface InvitationView {
  email: string;
  role: InvitationRole;
  projectName: string;
  inviterName: string;
  expiresAt: Date;
  expired: boolean;
}

/** The invitation a link names (null: none, or no longer), read only: opening the link changes nothing. */
export async function invitationForToken(token: string): Promise<InvitationView | null> {
  if (!looksLikeToken(token)) return null;
  const [row] = await db
    .select({
      email: projectInvitation.email,
      role: projectInvitation.role,
      projectName: project.name,
      inviterName: user.name,
      expiresAt: projectInvitation.expiresAt,
      expired: sql<boolean>`${projectInvitation.expiresAt} <= ${now()}`,
    })
    .from(projectInvitation)
    .innerJoin(project, eq(project.id, projectInvitation.projectId))
    .innerJoin(user, eq(user.id, projectInvitation.invitedBy))
    .where(eq(projectInvitation.tokenHash, hashInvitationToken(token)));
  return row ?? null;
}

/**
 * Makes the signed-in person a member with the invitation's role, and uses the invitation up.
 * Only the account whose address is the invited one may (decision 109: a confirmed address is
 * not required, the link itself reached that mailbox). Throws InvitationRefusedError, leaving
 * the invitation as it was for every reason but "invalid". Answers the project's id.
 */
export async function acceptInvitation(actorId: string, token: string): Promise<{ projectId: string }> {
  if (!looksLikeToken(token)) throw new InvitationRefusedError("invalid", REFUSALS.invalid);
  const accepted = await db.transaction(async (tx) => {
    const [found] = await tx
      .select({
        id: projectInvitation.id,
        projectId: projectInvitation.projectId,
        email: projectInvitation.email,
        role: projectInvitation.role,
        expired: sql<boolean>`${projectInvitation.expiresAt} <= ${now()}`,
        actorEmail: sql<string | null>`(select lower(${user.email}) from ${user} where ${user.id} = ${actorId})`,
      })
      .from(projectInvitation)
      .where(eq(projectInvitation.tokenHash, hashInvitationToken(token)))
      // Two tabs accepting at once: the second waits, then finds the row gone.
      .for("update");
    if (!found) throw new InvitationRefusedError("invalid", REFUSALS.invalid);
    if (found.expired) throw new InvitationRefusedError("expired", REFUSALS.expired);
    if (found.actorEmail !== found.email) {
      throw new InvitationRefusedError(
        "wrong-account",
        `This invitation is for ${found.email}, and you are signed in with another address. Sign out and sign in (or sign up) with ${found.email} to accept it.`,
      );
    }
    // The member limit, counted under the project's lock (invitations queue on it too).
    const [locked] = await tx
      .select({
        inbox: project.inbox,
        members: sql<number>`(select count(*) from ${projectMember} where ${projectMember.projectId} = ${project.id})::int`,
        already: sql<boolean>`exists (select 1 from ${projectMember} where ${projectMember.projectId} = ${project.id} and ${projectMember.userId} = ${actorId})`,
      })
      .from(project)
      .where(eq(project.id, found.projectId))
      .for("update", { of: project });
    if (!locked || locked.inbox) throw new InvitationRefusedError("invalid", REFUSALS.invalid);
    if (!locked.already) {
      if (locked.members >= PROJECT_MEMBERS_MAX) throw new InvitationRefusedError("full", REFUSALS.full);
      await addMember(tx, found.projectId, actorId, found.role);
    }
    await tx.delete(projectInvitation).where(eq(projectInvitation.id, found.id));
    return { projectId: found.projectId };
  });
  // The new member's next list here shows the project's tasks (decision 135).
  forgetSharedProjects(actorId);
  return accepted;
}

/**
 * The membership row an accepted invitation makes, in the transaction that uses the invitation
 * up. Not addProjectMember: the admin's authority is the invitation itself (checked when it was
 * made), and the inviter may have lost that role since without the invitation ceasing to be valid.
 */
async function addMember(tx: Executor, projectId: string, userId: string, role: InvitationRole) {
  await tx.insert(projectMember).values({ projectId, userId, role }).onConflictDoNothing();
  await recordActivity(tx, [{ projectId, actorId: userId, kind: "member_joined", details: { role } }]);
}

/**
 * Declines the invitation: anyone holding the link may (it reached the invited mailbox), signed
 * in or not, so a person without an account need not make one to say no. False when it names
 * no invitation.
 */
export async function declineInvitation(token: string): Promise<boolean> {
  if (!looksLikeToken(token)) return false;
  const deleted = await db
    .delete(projectInvitation)
    .where(eq(projectInvitation.tokenHash, hashInvitationToken(token)))
    .returning({ id: projectInvitation.id });
  return deleted.length > 0;
}
