import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useEffect, useState } from "react";
import { useFetcher } from "react-router";
import type { Label } from "~/labels/label-schema";
import type { ProjectForPage } from "~/projects/project-for-page";
import { Button } from "~/ui/button";
import { CheckboxField, InputField } from "~/ui/field";
import { useFetcherSettled } from "~/ui/use-fetcher-settled";
import type { QuickAddPreview } from "./quick-add";
import { DETAIL_FIELD_NAMES, TaskDetailFields } from "./task-fields";
import { TaskFormSchema, TITLE_MAX } from "./task-schema";

const taskFormConstraint = getZodConstraint(TaskFormSchema);

export interface CreateTaskFailure {
  intent: "create";
  result: SubmissionResult<string[]>;
}

/**
 * The form at the top of the list: a title, and the optional fields behind a <details>
 * disclosure (it opens and closes without JavaScript). With JavaScript it posts through a
 * fetcher: no reload, errors next to the fields, and on success it empties itself and puts
 * the cursor back in the title for the next task.
 */
export function CreateTaskForm({
  categories,
  labels,
  projects,
  project,
  failure,
}: {
  categories: string[];
  labels: readonly Label[];
  projects: readonly ProjectForPage[];
  /** Where a new task goes unless the picker says otherwise: the project being looked at, else the Inbox. */
  project: string | undefined;
  failure?: CreateTaskFailure;
}) {
  const fetcher = useFetcher<CreateTaskFailure>({ key: "create-task" });
  const [form, fields] = useForm({
    id: "create-task",
    // fetcher.data with JavaScript, the page's action data after a plain form post.
    lastResult: fetcher.data?.result ?? failure?.result,
    constraint: taskFormConstraint,
    defaultValue: { priority: "medium", projectId: project ?? projects.find((each) => each.inbox)?.id },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TaskFormSchema }),
  });

  const [typed, setTyped] = useState("");
  const [literal, setLiteral] = useState(false);
  const preview = useQuickAddPreview(literal ? "" : typed);

  // A successful create redirects, which leaves the fetcher idle without data.
  useFetcherSettled(fetcher, (failure) => {
    if (failure !== undefined) return;
    form.reset();
    setTyped("");
    setLiteral(false);
    document.getElementById(fields.title.id)?.focus();
  });

  // Errors in the optional fields open the disclosure, and it then stays open: fixing the
  // error must not fold the field away under the user's cursor.
  const detailsHaveErrors = DETAIL_FIELD_NAMES.some((name) => fields[name].errors?.length);
  const [keepDetailsOpen, setKeepDetailsOpen] = useState(false);
  if (detailsHaveErrors && !keepDetailsOpen) setKeepDetailsOpen(true);

  return (
    <fetcher.Form
      method="post"
      preventScrollReset
      {...getFormProps(form)}
      aria-labelledby="create-task-heading"
      className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800"
    >
      <h2 id="create-task-heading" className="sr-only">
        Add a task
      </h2>
      <input type="hidden" name="intent" value="create" />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <InputField
          meta={fields.title}
          label="New task"
          placeholder="Pay rent every month on the 1st #Home @bills p1"
          // From sm only: on a phone the placeholder shows the same, and the first task stays above the fold.
          hint={<span className="hidden sm:inline">Reads dates, repeats, #project, @label, p1-p3.</span>}
          maxLength={TITLE_MAX}
          autoComplete="off"
          className="flex-1"
          onChange={(event) => setTyped(event.currentTarget.value)}
        />
        <Button type="submit" pending={fetcher.state !== "idle"} className="sm:mt-7">
          Add task
        </Button>
      </div>
      <QuickAddPreviewLine preview={preview} />
      <details className="mt-3" open={keepDetailsOpen || detailsHaveErrors || undefined}>
        <summary className="cursor-pointer rounded text-sm font-medium text-indigo-700 select-none hover:text-indigo-600 dark:text-indigo-300 dark:hover:text-indigo-200">
          More options {/* On a phone one line, so the first task stays above the fold. */}
          <span className="hidden text-slate-600 sm:inline dark:text-slate-400">
            (keep the title as typed, description, project, priority, category, due date, labels)
          </span>
        </summary>
        <div className="mt-3">
          <CheckboxField
            meta={fields.literal}
            label="Don't read dates and tags: keep the title as typed"
            onChange={(event) => setLiteral(event.currentTarget.checked)}
          />
        </div>
        <div className="mt-3">
          <TaskDetailFields fields={fields} categories={categories} labels={labels} projects={projects} />
        </div>
      </details>
    </fetcher.Form>
  );
}

/**
 * With JavaScript, what the server's quick add would read from the text, a moment after the
 * person stops typing: the same parser and look-ups as the create (routes/tasks.quick-add.ts),
 * not a second copy of them in the browser (decision 100). Undefined while there is nothing to
 * show, or the answer is for older text.
 */
function useQuickAddPreview(text: string): QuickAddPreview | undefined {
  const fetcher = useFetcher<QuickAddPreview>({ key: "quick-add-preview" });
  const { load } = fetcher;
  const wanted = text.trim();
  useEffect(() => {
    if (!wanted) return;
    const timer = setTimeout(() => void load(`/tasks/quick-add?${new URLSearchParams({ text: wanted })}`), 250);
    return () => clearTimeout(timer);
  }, [wanted, load]);
  return wanted && fetcher.data?.text === wanted ? fetcher.data : undefined;
}

/**
 * The parsed parts under the field, announced politely to screen readers. The live region is in
 * the page from the start (a region added with its text is often not announced).
 */
function QuickAddPreviewLine({ preview }: { preview: QuickAddPreview | undefined }) {
  const parts = preview?.parts ?? [];
  return (
    <div id="quick-add-preview" aria-live="polite" className="text-sm text-slate-700 dark:text-slate-300">
      {parts.length > 0 ? (
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <span>
            Adds <span className="font-medium">“{preview!.title || "(no title)"}”</span>:
          </span>
          <ul className="contents">
            {parts.map((part, index) => (
              <li
                key={index}
                data-testid="quick-add-part"
                className={
                  part.problem
                    ? "rounded bg-red-50 px-2 py-0.5 text-red-800 ring-1 ring-red-300 dark:bg-red-950 dark:text-red-200 dark:ring-red-800"
                    : "rounded bg-indigo-50 px-2 py-0.5 text-indigo-900 ring-1 ring-indigo-200 dark:bg-indigo-950 dark:text-indigo-100 dark:ring-indigo-800"
                }
              >
                {part.problem ?? part.meaning}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
