// Which labels a task carries: reading them with a task, and setting them from names. Used by
// the task operations; every lookup is scoped to the person's own labels.
import { sql } from "drizzle-orm";
import type { Database } from "~/db.server";
import { qualified } from "~/db/sql";
import { label, task, taskLabel } from "../../db/schema";
import { ensureLabelForUser } from "./labels.server";

const [labelId, labelName, labelUserId, linkTaskId, linkLabelId, taskId] = [
  label.id,
  label.name,
  label.userId,
  taskLabel.taskId,
  taskLabel.labelId,
  task.id,
].map(qualified);

/** A task's label names, A to Z ignoring case: a column of every statement that returns tasks. */
export const labelsOfTask = sql<
  string[]
>`coalesce((select array_agg(${labelName} order by lower(${labelName}), ${labelName}) from ${taskLabel} join ${label} on ${labelId} = ${linkLabelId} where ${linkTaskId} = ${taskId}), '{}')`;

/** A task's labels were named with names the person has no label for. */
export class UnknownLabelError extends Error {
  /** `field`: where the names were sent (a task's `labels`, a bulk request's `label`). */
  constructor(
    readonly names: string[],
    readonly field = "labels",
  ) {
    super(`No label named ${names.map((name) => `“${name}”`).join(", ")}`);
  }
}

type Executor = Pick<Database, "execute" | "delete" | "insert">;

interface ResolvedLabel {
  id: string;
  name: string;
}

/**
 * The person's label for each of `names`, ignoring case, by the name as given; throws
 * UnknownLabelError naming the ones they have no label for.
 */
export async function resolveLabels(
  executor: Executor,
  userId: string,
  names: readonly string[],
): Promise<Map<string, ResolvedLabel>> {
  const found = await findLabels(executor, userId, names);
  const missing = [...found].filter(([, each]) => each === null).map(([name]) => name);
  if (missing.length > 0) throw new UnknownLabelError(missing);
  return found as Map<string, ResolvedLabel>;
}

/** The person's label for each of `names` (ignoring case), null where they have none. */
export async function findLabels(
  executor: Pick<Database, "execute">,
  userId: string,
  names: readonly string[],
): Promise<Map<string, ResolvedLabel | null>> {
  if (names.length === 0) return new Map();
  // Matched by the database's own lower(), the one the unique index uses.
  const result = await executor.execute<{ input: string; id: string | null; name: string | null }>(sql`
    select input, ${labelId} as id, ${labelName} as name
    from unnest(array[${sql.join(
      names.map((name) => sql`${name}`),
      sql`, `,
    )}]::text[]) as input
    left join ${label} on ${labelUserId} = ${userId} and lower(${labelName}) = lower(input)`);
  return new Map(result.rows.map((row) => [row.input, row.id === null ? null : { id: row.id, name: row.name! }]));
}

/** The labels of `names` once each (two spellings of one name are one label). */
export function labelsNamed(resolved: Map<string, ResolvedLabel>, names: readonly string[]): ResolvedLabel[] {
  return [...new Map(names.map((name) => [resolved.get(name)!.id, resolved.get(name)!])).values()];
}

/** Gives each task exactly these labels (the tasks already checked to be the person's). */
export async function replaceTaskLabels(
  executor: Executor,
  links: { taskId: string; labels: readonly ResolvedLabel[] }[],
) {
  const taskIds = links.map((link) => link.taskId);
  if (taskIds.length === 0) return;
  await executor.delete(taskLabel).where(
    sql`${taskLabel.taskId} in (${sql.join(
      taskIds.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  const rows = links.flatMap((link) => link.labels.map((resolved) => ({ taskId: link.taskId, labelId: resolved.id })));
  if (rows.length > 0) await executor.insert(taskLabel).values(rows);
}

/** The task form's labels: the ticked ones, plus "New label" (created unless the person has it already). */
export async function chosenLabels(userId: string, form: { labels: string[]; newLabel?: string }): Promise<string[]> {
  if (!form.newLabel) return form.labels;
  const created = await ensureLabelForUser(userId, form.newLabel);
  return [...form.labels, created.name];
}
