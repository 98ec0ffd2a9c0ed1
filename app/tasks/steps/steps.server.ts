// A task's checklist, changed one step at a time (the task page's forms; the API replaces the
// whole list through updateTaskForUser). The steps live in the task's row: each change locks
// the owner's task, edits its list and writes it back with a new updated_at, so the task's
// ETag moves and two changes at once both land (decision 088).
import { and, eq } from "drizzle-orm";
import { recordActivity } from "~/activity/record-activity.server";
import { db } from "~/db.server";
import { task } from "../../../db/schema";
import { nextUpdatedAt } from "~/db/owned-rows.server";
import { isTaskId, type Task, taskColumns } from "../tasks.server";
import { STEPS_MAX, type TaskStep } from "./step-schema";

/** The step named is not (or no longer) on the task's checklist. */
export class StepNotFoundError extends Error {
  constructor() {
    super("That step is no longer on this task");
  }
}

/** The checklist already holds STEPS_MAX steps. */
export class TooManyStepsError extends Error {
  constructor() {
    super(`A task holds at most ${STEPS_MAX} steps`);
  }
}

/**
 * Applies `change` to the checklist of the person's task. Null when the task is not theirs
 * (or missing); the task as stored otherwise. A change that returns the same list writes
 * nothing (moving the first step up).
 */
async function changeSteps(
  userId: string,
  taskId: string,
  change: (steps: readonly TaskStep[]) => readonly TaskStep[],
): Promise<Task | null> {
  if (!isTaskId(taskId)) return null;
  const owned = and(eq(task.id, taskId), eq(task.userId, userId));
  return db.transaction(async (tx) => {
    const [current] = await tx.select(taskColumns).from(task).where(owned).for("update");
    if (!current) return null;
    const steps = change(current.steps);
    if (steps === current.steps) return current;
    const [row] = await tx
      .update(task)
      .set({ steps: [...steps], updatedAt: nextUpdatedAt })
      .where(owned)
      .returning(taskColumns);
    if (row)
      await recordActivity(tx, {
        projectId: row.projectId,
        actorId: userId,
        kind: "task_edited",
        taskId: row.id,
        taskTitle: row.title,
        details: { fields: ["steps"] },
      });
    return row ?? null;
  });
}

function indexOfStep(steps: readonly TaskStep[], stepId: string): number {
  const index = steps.findIndex((step) => step.id === stepId);
  if (index === -1) throw new StepNotFoundError();
  return index;
}

function replaced(steps: readonly TaskStep[], stepId: string, change: Partial<TaskStep>): TaskStep[] {
  const index = indexOfStep(steps, stepId);
  return steps.map((step, at) => (at === index ? { ...step, ...change } : step));
}

/** Adds a step at the end of the checklist; throws TooManyStepsError when it is full. */
export function addStep(userId: string, taskId: string, text: string): Promise<Task | null> {
  return changeSteps(userId, taskId, (steps) => {
    if (steps.length >= STEPS_MAX) throw new TooManyStepsError();
    return [...steps, { id: crypto.randomUUID(), text, done: false }];
  });
}

/** Ticks or unticks a step (the state wanted: a resent post changes nothing more). */
export function setStepDone(userId: string, taskId: string, stepId: string, done: boolean): Promise<Task | null> {
  return changeSteps(userId, taskId, (steps) =>
    steps[indexOfStep(steps, stepId)]!.done === done ? steps : replaced(steps, stepId, { done }),
  );
}

export function renameStep(userId: string, taskId: string, stepId: string, text: string): Promise<Task | null> {
  return changeSteps(userId, taskId, (steps) =>
    steps[indexOfStep(steps, stepId)]!.text === text ? steps : replaced(steps, stepId, { text }),
  );
}

/** Swaps a step with its neighbour above or below; at either end it stays where it is. */
export function moveStep(
  userId: string,
  taskId: string,
  stepId: string,
  direction: "up" | "down",
): Promise<Task | null> {
  return changeSteps(userId, taskId, (steps) => {
    const from = indexOfStep(steps, stepId);
    const to = direction === "up" ? from - 1 : from + 1;
    if (to < 0 || to >= steps.length) return steps;
    const moved = [...steps];
    [moved[from], moved[to]] = [moved[to]!, moved[from]!];
    return moved;
  });
}

export function deleteStep(userId: string, taskId: string, stepId: string): Promise<Task | null> {
  return changeSteps(userId, taskId, (steps) => {
    const index = indexOfStep(steps, stepId);
    return steps.filter((_, at) => at !== index);
  });
}
