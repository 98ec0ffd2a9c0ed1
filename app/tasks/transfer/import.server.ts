// Writes an import plan (import-plan.ts) for one person: every check first, then one
// transaction, so a file is imported whole or not at all. Which projects the tasks may go
// into comes from project-access.server.ts, as for every other task write.
import { and, eq, sql } from "drizzle-orm";
import { recordActivity } from "~/activity/record-activity.server";
import { hasErrorCode, NOT_NULL_VIOLATION } from "~/database-errors.server";
import { type Database, db } from "~/db.server";
import { ownerMustExist } from "~/db/owned-rows.server";
import { LABEL_COLOR_NAMES } from "~/labels/label-colors";
import { labelsNamed, replaceTaskLabels, resolveLabels } from "~/labels/task-labels.server";
import { ownerForTask, projectForTask, projectsAccessibleTo, projectsOwnedBy } from "~/projects/project-access.server";
import { INBOX_NAME, projectName } from "~/projects/project-schema";
import { ProjectNotFoundError } from "~/projects/projects.server";
import { isUuid } from "~/text-rules";
import { scheduleTaskReminders } from "~/reminders/task-reminders.server";
import { label, project, task, taskComment, taskReminder } from "../../../db/schema";
import { dueColumns } from "../due.server";
import { anchorRepeat } from "../repeat-dates";
import { accountTimeZoneFor } from "../tasks.server";
import { IMPORT_MAX_ROWS, type ImportError, ImportRefusedError } from "./import-file";
import type { ImportPlan } from "./import-plan";

/** Where the file's tasks go: one project of the person's, a new one, or the file's own projects. */
export type ImportTarget =
  | { projectId: string }
  /** `numberIfTaken`: "Groceries (2)" when "Groceries" is taken (a name made from a file's, which nobody typed). */
  | { newProject: string; numberIfTaken?: boolean }
  | null;

export interface ImportSummary {
  dryRun: boolean;
  /** How many tasks were (or would be) written. */
  tasks: number;
  /** The projects the tasks went (or would go) into, and whether the import made them. */
  projects: { id: string | null; name: string; created: boolean; tasks: number }[];
  /** The labels the import made (or would make). */
  labelsCreated: string[];
  /** How many comments and reminders came with the tasks. */
  comments: number;
  reminders: number;
  /** Rows imported otherwise than the file says, and why (a Todoist RESPONSIBLE that is not the importer). */
  notes: ImportError[];
}

const BATCH = 500;

type Executor = Pick<Database, "select" | "selectDistinct" | "insert" | "update" | "execute" | "delete">;

/** The person's own projects by lower-case name (the Inbox also under the file's Inbox flag). */
async function ownProjects(executor: Executor, userId: string) {
  const rows = await executor
    .select({ id: project.id, name: project.name, inbox: project.inbox })
    .from(project)
    .where(projectsOwnedBy(userId));
  return rows;
}

/**
 * Checks the plan against the person's data and writes it in one transaction (unless `dryRun`).
 * Throws ImportRefusedError with every problem found, ProjectNotFoundError for a target
 * project they may not put tasks in.
 */
export async function importPlanForUser(
  userId: string,
  plan: ImportPlan,
  target: ImportTarget,
  { dryRun = false } = {},
): Promise<ImportSummary> {
  const errors: ImportError[] = [...plan.errors];
  if (plan.tasks.length > IMPORT_MAX_ROWS)
    errors.push({
      line: null,
      message: `The file has more than ${IMPORT_MAX_ROWS} tasks: split it into several files`,
    });
  if (plan.tasks.length === 0 && errors.length === 0) errors.push({ line: null, message: "The file holds no tasks" });

  const own = await ownProjects(db, userId);
  const byName = new Map(own.map((row) => [row.name.toLowerCase(), row]));
  const inbox = own.find((row) => row.inbox);
  // Each of the file's project names (lower case) -> the existing project, or one to make.
  const destinations = new Map<string | null, { id: string | null; name: string; created: boolean; tasks: number }>();
  const madeProjects: { name: string; color?: string; favorite?: boolean; archived?: boolean }[] = [];

  if (target && "projectId" in target) {
    const [found] = isUuid(target.projectId)
      ? await db
          .select({ id: project.id, name: project.name })
          .from(project)
          .where(and(eq(project.id, target.projectId), projectsAccessibleTo(userId, "edit")))
      : [];
    if (!found) throw new ProjectNotFoundError();
    destinations.set(null, { id: found.id, name: found.name, created: false, tasks: 0 });
  } else if (target && "newProject" in target) {
    let wanted = target.newProject;
    for (let number = 2; target.numberIfTaken && byName.has(wanted.toLowerCase()) && number < 100; number++)
      wanted = `${target.newProject.slice(0, 70)} (${number})`;
    const name = projectName.safeParse(wanted);
    if (!name.success) errors.push({ line: null, message: `Project name: ${name.error.issues[0]!.message}` });
    else if (byName.has(name.data.toLowerCase()))
      errors.push({ line: null, message: `You already have a project named “${name.data}”: choose another name` });
    else {
      destinations.set(null, { id: null, name: name.data, created: true, tasks: 0 });
      madeProjects.push({ name: name.data });
    }
  } else {
    // The person's Inbox (projectForTask finds it when it is not read yet).
    destinations.set(null, { id: inbox?.id ?? null, name: inbox?.name ?? INBOX_NAME, created: false, tasks: 0 });
    for (const planned of plan.projects) {
      const key = planned.name.toLowerCase();
      if (destinations.has(key)) continue;
      const existing = planned.inbox ? inbox : byName.get(key);
      if (existing) {
        destinations.set(key, { id: existing.id, name: existing.name, created: false, tasks: 0 });
        continue;
      }
      const name = projectName.safeParse(planned.name);
      if (!name.success) {
        errors.push({ line: null, message: `Project “${planned.name}”: ${name.error.issues[0]!.message}` });
        continue;
      }
      destinations.set(key, { id: null, name: name.data, created: true, tasks: 0 });
      madeProjects.push({ ...planned, name: name.data });
    }
  }
  const destinationOf = (name: string | null) =>
    destinations.get(target || name === null ? null : name.toLowerCase()) ?? destinations.get(null)!;
  if (errors.length > 0) throw new ImportRefusedError(sortedErrors(errors));
  for (const planned of plan.tasks) destinationOf(planned.project).tasks++;

  const wantedLabels = new Map<string, { name: string; color?: string }>();
  for (const planned of plan.tasks)
    for (const name of planned.input.labels)
      if (!wantedLabels.has(name.toLowerCase())) wantedLabels.set(name.toLowerCase(), { name });
  // A document's labels come with their colours, and those no task carries come too.
  for (const planned of plan.labels) wantedLabels.set(planned.name.toLowerCase(), planned);
  const existingLabels = await db.select({ name: label.name }).from(label).where(eq(label.userId, userId));
  const haveLabel = new Set(existingLabels.map((row) => row.name.toLowerCase()));
  const newLabels = [...wantedLabels.values()].filter((each) => !haveLabel.has(each.name.toLowerCase()));

  const summary = (): ImportSummary => ({
    dryRun,
    tasks: plan.tasks.length,
    projects: [...destinations.values()].filter((each) => each.tasks > 0 || each.created),
    labelsCreated: newLabels.map((each) => each.name).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)),
    comments: plan.tasks.reduce((sum, planned) => sum + (planned.comments?.length ?? 0), 0),
    reminders: plan.tasks.reduce((sum, planned) => sum + (planned.reminders?.length ?? 0), 0),
    notes: sortedErrors(plan.notes),
  });
  if (dryRun) return summary();

  // Comments without a time of their own (Todoist's notes) are ordered as the file has them:
  // a millisecond apart, the last one now.
  const undated = plan.tasks.flatMap((planned) => (planned.comments ?? []).filter((comment) => !comment.createdAt));
  const start = Date.now() - undated.length;
  undated.forEach((comment, index) => (comment.createdAt = new Date(start + index + 1)));

  const zone = await accountTimeZoneFor(userId);
  await ownerMustExist(() =>
    db.transaction(async (tx) => {
      for (const made of madeProjects) {
        const [row] = await tx
          .insert(project)
          .values({
            userId,
            name: made.name,
            color: (made.color ?? paletteColor(own.length + madeProjects.indexOf(made))) as never,
            favorite: made.favorite ?? false,
            archived: made.archived ?? false,
            position: sql`(select coalesce(max(${project.position}), 0) + 1 from ${project} where ${projectsOwnedBy(userId)})`,
          })
          .returning({ id: project.id });
        for (const destination of destinations.values())
          if (destination.created && destination.name === made.name) destination.id = row!.id;
      }
      if (newLabels.length > 0)
        await tx
          .insert(label)
          .values(
            newLabels.map((each, index) => ({
              userId,
              name: each.name,
              color: (each.color ?? paletteColor(existingLabels.length + index)) as never,
            })),
          )
          .onConflictDoNothing();
      const resolved = await resolveLabels(
        tx,
        userId,
        [...wantedLabels.values()].map((each) => each.name),
      );
      const newIds = new Map<string, string>();
      for (let start = 0; start < plan.tasks.length; start += BATCH) {
        const batch = plan.tasks.slice(start, start + BATCH).map((planned) => ({ planned, id: crypto.randomUUID() }));
        for (const { planned, id } of batch) if (planned.fileId) newIds.set(planned.fileId, id);
        const rows = batch.map(({ planned, id }) => {
          const { input, project: name, createdAt } = planned;
          const { repeat } = input;
          const anchored = repeat && input.dueDate ? anchorRepeat(repeat, input.dueDate) : null;
          const due = dueColumns(input, zone);
          return {
            id,
            project_id: destinationOf(name).id,
            title: input.title,
            description: input.description,
            completed: input.completed,
            priority: input.priority,
            category: input.category,
            due_date: due.dueDate,
            due_time: due.dueTime,
            time_zone: due.timeZone,
            due_at: due.dueAt?.toISOString() ?? null,
            repeat_rule: anchored?.rule ?? null,
            repeat_mode: anchored?.mode ?? null,
            steps: input.steps,
            created_at: createdAt?.toISOString() ?? null,
            assignee_id: planned.assignedToImporter ? userId : null,
          };
        });
        await insertTasks(tx, userId, rows);
        // Each imported task is "created" in its project's activity: one INSERT per batch.
        await recordActivity(
          tx,
          rows.map((row) => ({
            // No project named: the Inbox, as the task's own insert reads it.
            projectId: row.project_id ?? projectForTask(userId, null),
            actorId: userId,
            kind: "task_created" as const,
            taskId: row.id,
            taskTitle: row.title,
          })),
        );
        await replaceTaskLabels(
          tx,
          batch
            .filter(({ planned }) => planned.input.labels.length > 0)
            .map(({ planned, id }) => ({ taskId: id, labels: labelsNamed(resolved, planned.input.labels) })),
        );
        await insertComments(tx, userId, batch);
        await insertReminders(tx, userId, batch);
      }
      await linkRepeats(tx, plan, newIds);
    }),
  );
  return summary();
}

/**
 * A batch of tasks in one statement with one parameter (a JSON array): PGlite pays per bound
 * value, and 500 tasks are some 8,000 of them. The project of each goes through projectForTask,
 * the rule every task write takes its project from, and its owner is the project's (decision 095).
 */
async function insertTasks(tx: Executor, userId: string, rows: Record<string, unknown>[]) {
  await intoTheProject(() =>
    tx.execute(sql`insert into ${task} (id, user_id, project_id, title, description, completed, priority, category,
        due_date, due_time, time_zone, due_at, repeat_rule, repeat_mode, steps, created_at, updated_at, assignee_id)
      select r.id, ${ownerForTask(userId, sql`r.project_id`)}, ${projectForTask(userId, sql`r.project_id`)}, r.title, r.description, r.completed,
        r.priority, r.category, r.due_date, r.due_time, r.time_zone, r.due_at, r.repeat_rule, r.repeat_mode, r.steps,
        coalesce(r.created_at, now()), now(), r.assignee_id
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(id uuid, project_id uuid, title text,
        description text, completed boolean, priority text, category text, due_date date, due_time time,
        time_zone text, due_at timestamptz, repeat_rule text, repeat_mode text, steps jsonb, created_at timestamptz,
        assignee_id uuid)`),
  );
}

type Written = { planned: ImportPlan["tasks"][number]; id: string }[];

/** A batch's comments, by the importing person, in one statement (no activity: the import is each task's "created"). */
async function insertComments(tx: Executor, userId: string, batch: Written) {
  const rows = batch.flatMap(({ planned, id }) =>
    (planned.comments ?? []).map((comment) => ({
      task_id: id,
      body: comment.body,
      created_at: comment.createdAt?.toISOString() ?? null,
      edited_at: comment.editedAt?.toISOString() ?? null,
    })),
  );
  if (rows.length === 0) return;
  await tx.execute(sql`insert into ${taskComment} (task_id, author_id, body, created_at, edited_at)
    select r.task_id, ${userId}, r.body, coalesce(r.created_at, now()), r.edited_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(task_id uuid, body text, created_at timestamptz, edited_at timestamptz)`);
}

/**
 * A batch's reminders, set by the importing person, then scheduled on their clock. An export's
 * sent or skipped one keeps its record while its time comes out the same (scheduleTaskReminders
 * leaves such a row alone); a pending one is scheduled anew (its time may have passed meanwhile).
 */
async function insertReminders(tx: Executor, userId: string, batch: Written) {
  const rows = batch.flatMap(({ planned, id }) =>
    (planned.reminders ?? []).map(({ input, record }) => ({
      task_id: id,
      before_seconds: input.beforeSeconds ?? null,
      at: input.at?.toISOString() ?? null,
      status: record?.status ?? "pending",
      send_at: record?.sendAt?.toISOString() ?? null,
      sent_at: record?.sentAt?.toISOString() ?? null,
      skip_reason: record?.skipReason ?? null,
    })),
  );
  if (rows.length === 0) return;
  await tx.execute(sql`insert into ${taskReminder} (task_id, set_by, before_seconds, at, status, send_at, sent_at, skip_reason)
    select r.task_id, ${userId}, r.before_seconds, r.at, r.status, r.send_at, r.sent_at, r.skip_reason
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(task_id uuid, before_seconds integer, at timestamptz,
      status text, send_at timestamptz, sent_at timestamptz, skip_reason text)`);
  await scheduleTaskReminders(tx, [...new Set(rows.map((row) => row.task_id))]);
}

/** A task's repeatOf named by the file's ids, once every task of the file has its new id (all written in this transaction). */
async function linkRepeats(tx: Executor, plan: ImportPlan, newIds: Map<string, string>) {
  const links = plan.tasks
    .filter((planned) => planned.repeatOf && planned.fileId && newIds.has(planned.repeatOf))
    .map((planned) => sql`(${newIds.get(planned.fileId!)}::uuid, ${newIds.get(planned.repeatOf!)}::uuid)`);
  for (let start = 0; start < links.length; start += BATCH)
    await tx.execute(
      sql`update ${task} set repeat_of = link.repeat_of from (values ${sql.join(links.slice(start, start + BATCH), sql`, `)}) as link(id, repeat_of) where ${task.id} = link.id`,
    );
}

/** A NULL project (one the person may not put tasks in) is "not found", as for every task write. */
async function intoTheProject<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (hasErrorCode(error, NOT_NULL_VIOLATION)) throw new ProjectNotFoundError();
    throw error;
  }
}

const paletteColor = (index: number) => LABEL_COLOR_NAMES[index % LABEL_COLOR_NAMES.length]!;

/** File-wide errors first, then by line. */
function sortedErrors(errors: ImportError[]): ImportError[] {
  return [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}
