// The task page's step intents: the posted fields checked with the forms' schemas, the change
// applied, then back to the task's page at its checklist. Refusals name the form they answer,
// so the page shows each one next to the step (or the add field) it is about.
import { parseWithZod } from "@conform-to/zod/v4";
import { data, replace } from "react-router";
import {
  STEP_ADD_FORM,
  StepAddFormSchema,
  type StepFailure,
  type StepIntent,
  stepRowFormId,
  StepRowFormSchema,
  StepToggleFormSchema,
  stepToggleFormId,
} from "./step-schema";
import {
  addStep,
  deleteStep,
  moveStep,
  renameStep,
  setStepDone,
  StepNotFoundError,
  TooManyStepsError,
} from "./steps.server";
import type { Task } from "../tasks.server";

const STEP_GONE = "That step is no longer on this task. It may have been deleted in another tab.";

/**
 * Applies the step change `intent` asks for to the person's task, then redirects to `pageUrl`
 * (the task's page). A task that is not theirs is thrown as the page's 404.
 */
export async function stepFormAction(
  userId: string,
  taskId: string,
  intent: StepIntent,
  formData: FormData,
  pageUrl: string,
) {
  let task: Task | null | "step-gone";
  let form: string;
  if (intent === "step-add") {
    form = STEP_ADD_FORM;
    const submission = parseWithZod(formData, { schema: StepAddFormSchema });
    if (submission.status !== "success") return refused(form, 400, { result: submission.reply() });
    try {
      task = await addStep(userId, taskId, submission.value.text);
    } catch (error) {
      if (!(error instanceof TooManyStepsError)) throw error;
      return refused(form, 400, { result: submission.reply({ fieldErrors: { text: [error.message] } }) });
    }
  } else if (intent === "step-toggle") {
    const parsed = StepToggleFormSchema.safeParse(Object.fromEntries(formData));
    form = stepToggleFormId(String(formData.get("stepId") ?? ""));
    if (!parsed.success) return refused(form, 400, { message: "That step cannot be ticked." });
    task = await orStepGone(() => setStepDone(userId, taskId, parsed.data.stepId, parsed.data.done));
  } else {
    form = stepRowFormId(String(formData.get("stepId") ?? ""));
    const submission = parseWithZod(formData, { schema: StepRowFormSchema });
    if (submission.status !== "success") return refused(form, 400, { result: submission.reply() });
    const change = submission.value;
    task = await orStepGone(() =>
      change.intent === "step-rename"
        ? renameStep(userId, taskId, change.stepId, change.text)
        : change.intent === "step-delete"
          ? deleteStep(userId, taskId, change.stepId)
          : moveStep(userId, taskId, change.stepId, change.intent === "step-up" ? "up" : "down"),
    );
  }
  if (task === "step-gone") return refused(form, 404, { message: STEP_GONE });
  if (!task) throw data("Task not found", { status: 404 });
  // Replace: Back after a tick must not return to the page before it. (No #steps fragment:
  // with JavaScript the router would scroll to it after every tick.)
  return replace(pageUrl);
}

async function orStepGone(change: () => Promise<Task | null>): Promise<Task | null | "step-gone"> {
  try {
    return await change();
  } catch (error) {
    if (error instanceof StepNotFoundError) return "step-gone";
    throw error;
  }
}

function refused(form: string, status: 400 | 404, failure: Pick<StepFailure, "result" | "message">) {
  return data({ intent: "step", form, ...failure } satisfies StepFailure, { status });
}
