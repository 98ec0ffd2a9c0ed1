// A person's projects: list (with their task counts), read, create, change, reorder and
// delete. Which projects a person may touch comes from project-access.server.ts alone;
// another person's project is indistinguishable from a missing one.
import { type ActivityEntry, recordActivity } from "~/activity/record-activity.server";
import { and, asc, desc, eq, ne, type SQL, sql } from "drizzle-orm";
import { now } from "~/clock.server";
import { hasErrorCode, UNIQUE_VIOLATION } from "~/database-errors.server";
import { type Database, db } from "~/db.server";
import { ownerMustExist } from "~/db/owned-rows.server";
import { qualified } from "~/db/sql";
import { LABEL_COLOR_NAMES } from "~/labels/label-colors";
import { isUuid } from "~/text-rules";
import { project, projectMember, taskTally } from "../../db/schema";
import {
  InsufficientRoleError,
  type ProjectAccess,
  projectsAccessibleTo,
  roleGrants,
  roleIn,
} from "./project-access.server";
import { INBOX_NAME, type Project, type ProjectInput, type ProjectPatch } from "./project-schema";

/** The person already has a project of this name (ignoring case). */
export class ProjectNameTakenError extends Error {
  constructor(readonly projectName: string) {
    super(`You already have a project named “${projectName}”`);
  }
}

/** The Inbox cannot be deleted or archived (it can be renamed). */
export class InboxProtectedError extends Error {
  constructor(action: "delete" | "archive") {
    super(`The Inbox cannot be ${action === "delete" ? "deleted" : "archived"}`);
  }
}

/** A task write named a project the person may not put tasks in (or none at all): "not found". */
export class ProjectNotFoundError extends Error {
  constructor() {
    super("No such project");
  }
}

const accessible = (userId: string, access: ProjectAccess, id?: string): SQL =>
  id === undefined
    ? projectsAccessibleTo(userId, access)
    : and(eq(project.id, id), projectsAccessibleTo(userId, access))!;

const [tallyProjectId, tallyCompleted, tallyTasks, projectIdColumn] = [
  taskTally.projectId,
  taskTally.completed,
  taskTally.tasks,
  project.id,
].map(qualified);

// The counts ride along in the same statement as the projects: one round trip for the
// navigation however many projects there are. The reader's role and the member count too.
const projectColumnsFor = (userId: string) => ({
  ...projectColumns,
  role: sql<Project["role"]>`${roleIn(userId)}`,
  memberCount: sql<number>`(select count(*) from ${projectMember} where ${qualified(projectMember.projectId)} = ${projectIdColumn})::int`,
});

const projectColumns = {
  id: project.id,
  name: project.name,
  color: project.color,
  position: project.position,
  favorite: project.favorite,
  archived: project.archived,
  inbox: project.inbox,
  // From the tally (decision 077): a project's few tally rows, not every task it holds.
  taskCount: sql<number>`(select coalesce(sum(${tallyTasks}), 0) from ${taskTally} where ${tallyProjectId} = ${projectIdColumn})::int`,
  pendingCount: sql<number>`(select coalesce(sum(${tallyTasks}), 0) from ${taskTally} where ${tallyProjectId} = ${projectIdColumn} and not ${tallyCompleted})::int`,
  createdAt: project.createdAt,
  updatedAt: project.updatedAt,
};

/** The person's order: the Inbox, then their own projects by position (ties A to Z). */
const personsOrder = [desc(project.inbox), asc(project.position), asc(sql`lower(${project.name})`), asc(project.id)];

/** What a reader sees: the Inbox, their own projects in their order, then those shared with them, A to Z. */
const readersOrder = (userId: string) => [
  desc(project.inbox),
  asc(sql`${project.userId} <> ${userId}`),
  asc(sql`case when ${project.userId} = ${userId} then ${project.position} else 0 end`),
  asc(sql`lower(${project.name})`),
  asc(project.id),
];

/**
 * After a write scoped to `needed` found nothing: InsufficientRoleError when the person may see
 * the project, else null ("not found", the same as a missing id).
 */
async function refusedOrMissing(
  executor: Pick<Database, "select">,
  userId: string,
  id: string,
  needed: ProjectAccess,
): Promise<null> {
  const [seen] = await executor
    .select({ id: project.id })
    .from(project)
    .where(accessible(userId, "see", id));
  if (seen) throw new InsufficientRoleError(needed);
  return null;
}

async function translatingErrors<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await ownerMustExist(write);
  } catch (error) {
    if (hasErrorCode(error, UNIQUE_VIOLATION)) throw new ProjectNameTakenError(name ?? "");
    throw error;
  }
}

/**
 * The projects the person may see, in their order, with task counts, in one statement:
 * the unarchived ones (the navigation), or with `archived` the archived ones. An account
 * without an Inbox (made while the sign-up hook failed) gets it here.
 */
export async function listProjectsForUser(userId: string, { archived = false } = {}): Promise<Project[]> {
  const list = () =>
    db
      .select(projectColumnsFor(userId))
      .from(project)
      .where(and(accessible(userId, "see"), eq(project.archived, archived)))
      .orderBy(...readersOrder(userId));
  const projects = await list();
  if (archived || projects.some((row) => row.inbox)) return projects;
  await ensureInbox(userId);
  return list();
}

export async function getProjectForUser(userId: string, id: string): Promise<Project | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(projectColumnsFor(userId))
    .from(project)
    .where(accessible(userId, "see", id));
  return row ?? null;
}

/**
 * Why a task write could not go into `projectIds`: InsufficientRoleError when the person may
 * see one of them but not put tasks in it (a viewer), else ProjectNotFoundError.
 */
export async function projectRefusal(
  userId: string,
  projectIds: readonly (string | undefined | null)[],
): Promise<never> {
  const named = projectIds.filter((id): id is string => typeof id === "string" && isUuid(id));
  if (named.length > 0) {
    const [seen] = await db
      .select({ id: project.id })
      .from(project)
      .where(and(sql`${project.id} in ${named}`, accessible(userId, "see")))
      .limit(1);
    if (seen) throw new InsufficientRoleError("edit");
  }
  throw new ProjectNotFoundError();
}

// Every list asks it first: built once and prepared, as the list's own statements (decision 129).
const selectSharedMembership = db
  .select({ one: sql`1` })
  .from(projectMember)
  .where(and(eq(projectMember.userId, sql.placeholder("userId")), ne(projectMember.role, "owner")))
  .limit(1)
  .prepare("project_shared_membership");

/** How long an answer of hasSharedProjects is kept at most; a change of membership forgets it sooner. */
export const SHARED_ANSWER_MS = 60_000;
/** Past this many people the answers start again from none (a bound on memory, not an eviction policy). */
const SHARED_ANSWERS_MAX = 10_000;
const sharedAnswers = new Map<string, { shared: boolean; at: number }>();
/** Counts forgets: an answer read while one happened may predate it, and is not kept. */
let forgets = 0;

/**
 * Whether the person is a member of someone else's project. Read before a list to pick its
 * statement's shape (decision 095); the statement still scopes by membership itself, so a
 * membership that changes in between only changes what that one list shows.
 *
 * The answer is kept per process (decision 135): a list then costs one round trip, not two.
 * Either shape shows only what the person may see; a kept answer that is out of date can only
 * leave out, for a moment, the tasks of a project just shared with them elsewhere. This process
 * forgets it when it changes a membership (forgetSharedProjects), every process when its event
 * hub reads the member.* event the database wrote, and at the latest after SHARED_ANSWER_MS.
 */
export async function hasSharedProjects(userId: string): Promise<boolean> {
  const asked = now().getTime();
  const known = sharedAnswers.get(userId);
  if (known && asked - known.at < SHARED_ANSWER_MS) return known.shared;
  const forgetsBefore = forgets;
  const [row] = await selectSharedMembership.execute({ userId });
  const shared = row !== undefined;
  if (forgets === forgetsBefore) {
    if (sharedAnswers.size >= SHARED_ANSWERS_MAX) sharedAnswers.clear();
    sharedAnswers.set(userId, { shared, at: asked });
  }
  return shared;
}

/** A membership of `userId` changed (here, or in another process: the event hub read it). */
export function forgetSharedProjects(userId: string): void {
  forgets++;
  sharedAnswers.delete(userId);
}

/** The person's Inbox id, made now if they have none (sign-up makes it; this is the safety net). */
export async function ensureInbox(userId: string): Promise<string> {
  const inboxOf = () =>
    db
      .select({ id: project.id })
      .from(project)
      .where(and(eq(project.userId, userId), eq(project.inbox, true)));
  const [existing] = await inboxOf();
  if (existing) return existing.id;
  await ownerMustExist(() =>
    db
      .insert(project)
      .values({ userId, name: INBOX_NAME, color: "gray", position: 0, inbox: true })
      // Made meanwhile by another request: that one is the Inbox.
      .onConflictDoNothing({ target: project.userId, where: sql`${project.inbox}` }),
  );
  const [made] = await inboxOf();
  return made!.id;
}

/** Without a colour, the palette's next one after the person's project count; placed last. */
export async function createProjectForUser(userId: string, input: ProjectInput): Promise<Project> {
  const mine = eq(project.userId, userId);
  const color =
    input.color ??
    sql`(${sql.raw(`array[${LABEL_COLOR_NAMES.map((name) => `'${name}'`).join(", ")}]`)})[(select count(*) from ${project} where ${mine}) % ${LABEL_COLOR_NAMES.length} + 1]`;
  const created = await translatingErrors(input.name, () =>
    db
      .insert(project)
      .values({
        userId,
        name: input.name,
        color: color as Project["color"],
        favorite: input.favorite,
        position: sql`(select coalesce(max(${project.position}), 0) + 1 from ${project} where ${mine})`,
      })
      .returning({ id: project.id }),
  );
  return (await getProjectForUser(userId, created[0]!.id))!;
}

/**
 * Renames, recolours, (un)favourites, (un)archives and/or moves to `position`; null when the
 * person may not change such a project. Throws InboxProtectedError for archiving the Inbox
 * and ProjectNameTakenError for a name they use already.
 */
export async function updateProjectForUser(userId: string, id: string, changes: ProjectPatch): Promise<Project | null> {
  if (!isUuid(id)) return null;
  const { position, ...fields } = changes;
  const changed = await translatingErrors(changes.name, () =>
    db.transaction(async (tx) => {
      const [current] = await tx
        .select({ inbox: project.inbox, name: project.name, archived: project.archived, role: roleIn(userId) })
        .from(project)
        .where(accessible(userId, "admin", id))
        .for("update");
      if (!current) return refusedOrMissing(tx, userId, id, "admin");
      if (current.inbox && fields.archived) throw new InboxProtectedError("archive");
      // The position is the owner's order of their own projects: a member has none to place it in.
      if (position !== undefined && !roleGrants(current.role, "own")) throw new InsufficientRoleError("own");
      if (Object.keys(fields).length > 0 || position !== undefined) {
        await tx
          .update(project)
          .set({ ...fields, updatedAt: sql`clock_timestamp()` })
          .where(accessible(userId, "admin", id));
      }
      if (position !== undefined && !current.inbox) await placeProject(tx, userId, id, () => position - 1);
      await recordActivity(tx, projectChangeActivity(userId, id, current, fields));
      return true;
    }),
  );
  return changed === true ? getProjectForUser(userId, id) : null;
}

/** A rename and an (un)archiving are the project's activity; its colour, favourite and place are not. */
function projectChangeActivity(
  actorId: string,
  projectId: string,
  before: { name: string; archived: boolean },
  changes: Omit<ProjectPatch, "position">,
): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  if (changes.name !== undefined && changes.name !== before.name)
    entries.push({ projectId, actorId, kind: "project_renamed", details: { from: before.name, to: changes.name } });
  if (changes.archived !== undefined && changes.archived !== before.archived)
    entries.push({ projectId, actorId, kind: changes.archived ? "project_archived" : "project_unarchived" });
  return entries;
}

/**
 * Moves the project one place up or down among the person's unarchived projects (the
 * Inbox stays first); null when there is no such project of theirs. At either end, it stays.
 */
export async function moveProject(userId: string, id: string, direction: "up" | "down"): Promise<Project | null> {
  return repositionProject(userId, id, (order, unarchived) => {
    const visible = order.filter((row) => unarchived.has(row));
    const neighbour = visible[visible.indexOf(id) + (direction === "up" ? -1 : 1)];
    return neighbour === undefined ? order.indexOf(id) : order.indexOf(neighbour);
  });
}

/**
 * Puts the project where `target` picks in the person's order (placeProject) and marks it
 * changed; null when there is no such project of theirs. The Inbox and archived projects, and
 * a move to where it already is (`stays`), leave the order as it was.
 */
async function repositionProject(
  userId: string,
  id: string,
  target: (order: string[], unarchived: Set<string>) => number,
  stays = false,
): Promise<Project | null> {
  if (!isUuid(id)) return null;
  const found = await db.transaction(async (tx) => {
    const [current] = await tx
      .select({ inbox: project.inbox, archived: project.archived })
      .from(project)
      .where(accessible(userId, "own", id))
      .for("update");
    if (!current) return refusedOrMissing(tx, userId, id, "own");
    if (current.inbox || current.archived || stays) return true;
    await placeProject(tx, userId, id, target);
    await tx
      .update(project)
      .set({ updatedAt: sql`clock_timestamp()` })
      .where(eq(project.id, id));
    return true;
  });
  return found === true ? getProjectForUser(userId, id) : null;
}

/**
 * Renumbers the owner's projects 1..n (the Inbox keeps 0) with `id` at the index `target`
 * picks in their current order (clamped to the ends). The rows are locked first, so two
 * reorders queue rather than interleave.
 */
async function placeProject(
  tx: Pick<Database, "select" | "execute">,
  userId: string,
  id: string,
  target: (order: string[], unarchived: Set<string>) => number,
) {
  const rows = await tx
    .select({ id: project.id, archived: project.archived })
    .from(project)
    .where(and(accessible(userId, "own"), eq(project.inbox, false)))
    .orderBy(...personsOrder)
    .for("update");
  const order = rows.map((row) => row.id);
  const unarchived = new Set(rows.filter((row) => !row.archived).map((row) => row.id));
  const index = Math.max(0, Math.min(order.length - 1, target(order, unarchived)));
  const reordered = order.filter((other) => other !== id);
  reordered.splice(index, 0, id);
  const values = sql.join(
    reordered.map((other, place) => sql`(${other}::uuid, ${place + 1}::int)`),
    sql`, `,
  );
  await tx.execute(
    sql`update ${project} set position = placed.position from (values ${values}) as placed(id, position) where ${projectIdColumn} = placed.id and ${qualified(project.position)} <> placed.position`,
  );
}

/**
 * Deletes the project and its tasks; answers what it was (with how many tasks went), or null
 * when the person may not change such a project. Throws InboxProtectedError for the Inbox.
 */
export async function deleteProjectForUser(userId: string, id: string): Promise<Project | null> {
  if (!isUuid(id)) return null;
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select(projectColumnsFor(userId))
      .from(project)
      .where(accessible(userId, "own", id))
      .for("update");
    if (!current) return refusedOrMissing(tx, userId, id, "own");
    if (current.inbox) throw new InboxProtectedError("delete");
    // Its tasks go with it (task_project_fk cascades).
    await tx.delete(project).where(and(accessible(userId, "own", id), ne(project.inbox, true)));
    return current;
  });
}

/**
 * Puts the project just before or just after another of the person's unarchived projects
 * (the projects page's drag and drop); null when there is no such project of theirs. A
 * neighbour that is not theirs leaves the order as it was; the Inbox stays first.
 */
export async function placeProjectNextTo(
  userId: string,
  id: string,
  neighbour: { before: string } | { after: string },
): Promise<Project | null> {
  const other = "before" in neighbour ? neighbour.before : neighbour.after;
  return repositionProject(
    userId,
    id,
    (order) => {
      const self = order.indexOf(id);
      const at = order.indexOf(other);
      if (at < 0) return self;
      // Indexes of the order without the project itself, where it is then inserted.
      return at + ("after" in neighbour ? 1 : 0) - (self < at ? 1 : 0);
    },
    other === id,
  );
}
