// The only code that changes the `label` table. Every statement is scoped by the owner's id
// in its WHERE clause: another person's label is indistinguishable from a missing one.
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { FOREIGN_KEY_VIOLATION, hasErrorCode, UNIQUE_VIOLATION } from "~/database-errors.server";
import { type Database, db } from "~/db.server";
import { nextUpdatedAt, OwnerNotFoundError } from "~/db/owned-rows.server";
import { isUuid } from "~/text-rules";
import { label, task, taskLabel } from "../../db/schema";
import { LABEL_COLOR_NAMES } from "./label-colors";
import type { Label, LabelInput, LabelPatch } from "./label-schema";

/** The person already has a label of this name (ignoring case). */
export class LabelNameTakenError extends Error {
  constructor(readonly labelName: string) {
    super(`You already have a label named “${labelName}”`);
  }
}

const labelColumns = { id: label.id, name: label.name, color: label.color };
const owned = (userId: string, id: string) => and(eq(label.id, id), eq(label.userId, userId));

async function translatingErrors<T>(name: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (hasErrorCode(error, UNIQUE_VIOLATION)) throw new LabelNameTakenError(name ?? "");
    if (hasErrorCode(error, FOREIGN_KEY_VIOLATION)) throw new OwnerNotFoundError();
    throw error;
  }
}

/** The person's labels, A to Z ignoring case. */
export async function listLabelsForUser(userId: string): Promise<Label[]> {
  return db
    .select(labelColumns)
    .from(label)
    .where(eq(label.userId, userId))
    .orderBy(asc(sql`lower(${label.name})`), asc(label.name));
}

export async function getLabelForUser(userId: string, id: string): Promise<Label | null> {
  if (!isUuid(id)) return null;
  const [row] = await db.select(labelColumns).from(label).where(owned(userId, id));
  return row ?? null;
}

/** Without a colour, the palette's next one after the person's label count: new labels differ at a glance. */
export async function createLabelForUser(userId: string, input: LabelInput): Promise<Label> {
  return translatingErrors(input.name, async () => {
    let color = input.color;
    if (!color) {
      const [row] = await db.select({ total: count() }).from(label).where(eq(label.userId, userId));
      color = LABEL_COLOR_NAMES[(row?.total ?? 0) % LABEL_COLOR_NAMES.length]!;
    }
    const [created] = await db.insert(label).values({ userId, name: input.name, color }).returning(labelColumns);
    return created!;
  });
}

/** The person's label of this name (ignoring case), created when they have none: the task form's "New label". */
export async function ensureLabelForUser(userId: string, name: string): Promise<Label> {
  const [existing] = await db
    .select(labelColumns)
    .from(label)
    .where(and(eq(label.userId, userId), sql`lower(${label.name}) = lower(${name})`));
  if (existing) return existing;
  try {
    return await createLabelForUser(userId, { name });
  } catch (error) {
    // Created meanwhile by another request: that one is the label.
    if (!(error instanceof LabelNameTakenError)) throw error;
    return ensureLabelForUser(userId, name);
  }
}

// A task's JSON lists its label names: renaming or deleting a label changes how its tasks
// read, so their updated_at (and ETag) moves, as for any other change to the task.
async function touchTasksWithLabel(executor: Pick<Database, "update">, userId: string, labelId: string) {
  await executor
    .update(task)
    .set({ updatedAt: nextUpdatedAt })
    // Every task carrying the label, in the person's projects or a shared one (decision 096).
    .where(inArray(task.id, db.select({ id: taskLabel.taskId }).from(taskLabel).where(eq(taskLabel.labelId, labelId))));
}

/** Renames and/or recolours; null when the person has no such label. */
export async function updateLabelForUser(userId: string, id: string, changes: LabelPatch): Promise<Label | null> {
  if (!isUuid(id)) return null;
  if (changes.name === undefined && changes.color === undefined) return getLabelForUser(userId, id);
  return translatingErrors(changes.name, () =>
    db.transaction(async (tx) => {
      const [before] = await tx.select({ name: label.name }).from(label).where(owned(userId, id)).for("update");
      if (!before) return null;
      const [updated] = await tx.update(label).set(changes).where(owned(userId, id)).returning(labelColumns);
      if (changes.name !== undefined && changes.name !== before.name) await touchTasksWithLabel(tx, userId, id);
      return updated ?? null;
    }),
  );
}

/** Deletes the label and takes it off its tasks; null when the person has no such label. */
export async function deleteLabelForUser(userId: string, id: string): Promise<Label | null> {
  if (!isUuid(id)) return null;
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ id: label.id }).from(label).where(owned(userId, id)).for("update");
    if (!current) return null;
    // Before the delete: its task_label rows go with it (cascade).
    await touchTasksWithLabel(tx, userId, id);
    const [deleted] = await tx.delete(label).where(owned(userId, id)).returning(labelColumns);
    return deleted ?? null;
  });
}

/**
 * The colours of the labels on these tasks (ids the caller read through the person's scope):
 * for each name, the person's own label's colour when they have one of that name (ignoring
 * case), else the colour its owner gave the label on the task, so another member's label shows
 * as that member made it (decision 096's neutral colour was for names the reader cannot place).
 */
export async function labelColorsOnTasks(userId: string, taskIds: readonly string[]): Promise<Label[]> {
  if (taskIds.length === 0) return [];
  const rows = await db.execute<{ id: string; name: string; color: Label["color"] }>(sql`
    select distinct on (lower(${label.name})) ${label.id} as id, ${label.name} as name, ${label.color} as color
    from ${taskLabel} join ${label} on ${label.id} = ${taskLabel.labelId}
    where ${taskLabel.taskId} in (${sql.join(
      taskIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    order by lower(${label.name}), (${label.userId} = ${userId}) desc, ${label.id}`);
  return rows.rows;
}
