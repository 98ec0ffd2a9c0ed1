// Checklist rules, shared by the task page's step forms, the JSON API and the data module.
import type { SubmissionResult } from "@conform-to/react";
import { z } from "zod";
import { STEPS_MAX, type TaskStep } from "../../../db/values";
import { CONTROL } from "~/text-rules";

export { STEPS_MAX, type TaskStep };
export const STEP_TEXT_MAX = 200;

/** 1–200 characters after trimming, no control characters. */
export const stepText = z
  .string({ error: "A step needs some text" })
  .trim()
  .min(1, "A step needs some text")
  .max(STEP_TEXT_MAX, `A step must be at most ${STEP_TEXT_MAX} characters`)
  .refine((value) => !CONTROL.test(value), "A step cannot contain control characters");

const stepId = z.uuid({ error: "A step's id must be one the API gave it (a UUID)" });

/** A step as the API takes it: with an id it keeps that id, without one it is new and gets one. */
export const StepInputSchema = z
  .strictObject({
    id: stepId.optional(),
    text: stepText,
    done: z.boolean({ error: "done must be true or false" }).default(false),
  })
  .transform(({ id, text, done }): TaskStep => ({ id: id ?? crypto.randomUUID(), text, done }));

/** The whole checklist, in order (a task's `steps` on POST, PUT and PATCH). */
export const StepListSchema = z
  .array(StepInputSchema, { error: "Steps must be a list of { text, done }" })
  .max(STEPS_MAX, `A task holds at most ${STEPS_MAX} steps`)
  .superRefine((steps, context) => {
    const seen = new Set<string>();
    steps.forEach((step, index) => {
      if (seen.has(step.id))
        context.addIssue({ code: "custom", path: [index, "id"], message: "Two steps have this id" });
      seen.add(step.id);
    });
  })
  .describe(
    "The whole checklist, in order: it replaces the task's steps. A step sent with its id keeps that id; one without gets a new id",
  );

/** The task page's "add a step" form. */
export const StepAddFormSchema = z.object({ text: stepText });

/**
 * One step's row on the task page: its text field and the buttons that rename, move and delete
 * it. The pressed button names the intent; only a rename reads the text.
 */
export const StepRowFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("step-rename"), stepId, text: stepText }),
  z.object({ intent: z.enum(["step-up", "step-down", "step-delete"]), stepId }),
]);

/** Tick or untick: the state wanted, so a resent post cannot undo itself. */
export const StepToggleFormSchema = z.object({
  stepId,
  done: z.enum(["true", "false"]).transform((value) => value === "true"),
});

/** The task page's step intents, each form's id (the reply names the form it answers). */
export const STEP_INTENTS = ["step-add", "step-toggle", "step-rename", "step-up", "step-down", "step-delete"] as const;
export type StepIntent = (typeof STEP_INTENTS)[number];
export const STEP_ADD_FORM = "step-add";
export const stepRowFormId = (stepId: string) => `step-${stepId}`;
export const stepToggleFormId = (stepId: string) => `step-toggle-${stepId}`;

export function isStepIntent(value: unknown): value is StepIntent {
  return STEP_INTENTS.includes(value as StepIntent);
}

/** "2/5": how far a checklist has got. */
export function stepProgress(steps: readonly Pick<TaskStep, "done">[]): { done: number; total: number } {
  return { done: steps.filter((step) => step.done).length, total: steps.length };
}

/** What the task page's action answers when it refuses a step form (a redirect means success). */
export interface StepFailure {
  intent: "step";
  /** The id of the form refused. */
  form: string;
  /** Conform's reply, for the forms with a text field. */
  result?: SubmissionResult<string[]>;
  /** A refusal about the step itself (gone since the page was shown). */
  message?: string;
}
