import { useEffect, useRef, useSyncExternalStore } from "react";
import { useFetcher } from "react-router";
import type { Label } from "~/labels/label-schema";
import { buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { showToast } from "~/ui/toaster";
import { useFetcherSettled } from "~/ui/use-fetcher-settled";
import { useHydrated } from "~/ui/use-hydrated";
import type { TaskForPage } from "../task-for-page";
import type { BulkAction } from "./bulk-actions";
import { BulkControls } from "./bulk-controls";
import { BULK_FORM } from "./bulk-form";

/** What the list action answers when it refuses a bulk action (a redirect means success). */
export interface BulkFailure {
  intent: "bulk";
  message: string;
}

/** The bulk form's fetcher: the page reads its form data to show the rows as they will be. */
export const BULK_FETCHER_KEY = "bulk-tasks";

interface BulkSelectionProps {
  /** The page's tasks (as loaded: "all on this page" means these). */
  tasks: TaskForPage[];
  labels: readonly Label[];
  categories: string[];
  /** Where "Move" may send the selected tasks. */
  projects?: readonly { id: string; name: string }[];
  /** The list view, for the no-JavaScript confirmation page to come back to. */
  listHref: string;
  /** The list itself: its rows' checkboxes join this form through their `form` attribute. */
  children: React.ReactNode;
}

/**
 * One form for every row: its checkboxes share one name (`ids`) and sit in the rows, tied to
 * the form by id, so a row costs one plain input and no hook. Without JavaScript the actions
 * are always shown and Delete goes to a confirmation page; with it they appear in a bar once
 * a task is selected, post through one fetcher, and Delete asks in a dialog.
 */
export function BulkSelection({ tasks, labels, categories, projects, listHref, children }: BulkSelectionProps) {
  const hydrated = useHydrated();
  const fetcher = useFetcher<BulkFailure>({ key: BULK_FETCHER_KEY });
  const formRef = useRef<HTMLFormElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  // The selection lives in the checkboxes themselves; this reads how many are ticked.
  const selected = useSyncExternalStore(
    subscribeToChanges,
    () => boxesOf(formRef.current).rows.filter((box) => box.checked).length,
    () => 0,
  );

  // "Select all" and the rows follow each other. Capture phase: before the count is read.
  useEffect(() => {
    const onChange = (event: Event) => {
      const changed = event.target;
      if (!(changed instanceof HTMLInputElement) || changed.form !== formRef.current) return;
      const { rows, all } = boxesOf(formRef.current);
      if (!all) return;
      if (changed === all) for (const box of rows) box.checked = all.checked;
      else all.checked = rows.length > 0 && rows.every((box) => box.checked);
    };
    document.addEventListener("change", onChange, true);
    return () => document.removeEventListener("change", onChange, true);
  }, []);

  // A success redirects and leaves the fetcher idle without data: the selection has been used.
  // A refusal keeps it, so the person can try again, and says why.
  useFetcherSettled(fetcher, (failure) => {
    if (failure) {
      showToast({ kind: "error", message: failure.message });
      return;
    }
    const form = formRef.current;
    const { rows, all } = boxesOf(form);
    for (const box of [...rows, ...(all ? [all] : [])]) box.checked = false;
    form?.dispatchEvent(new Event("change", { bubbles: true }));
  });

  const confirmDelete = () => {
    dialogRef.current?.close();
    const form = formRef.current;
    if (!form) return;
    const formData = new FormData(form);
    formData.set(BULK_FORM.action, "delete" satisfies BulkAction);
    fetcher.submit(formData, { method: "post", preventScrollReset: true });
  };

  const count = selected === 1 ? "1 task" : `${selected} tasks`;
  const controls = (
    <BulkControls
      labels={labels}
      categories={categories}
      projects={projects}
      busy={fetcher.state !== "idle"}
      onDelete={hydrated ? () => dialogRef.current?.showModal() : undefined}
    />
  );

  const bar = (
    <div
      id="bulk-actions"
      role="region"
      aria-label="Selected tasks"
      data-testid="selection-bar"
      className={cx(
        "space-y-2 rounded-lg p-3 ring-1",
        hydrated
          ? "sticky bottom-3 z-10 bg-white shadow-lg ring-slate-300 dark:bg-slate-900 dark:ring-slate-700"
          : "bg-slate-50 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800",
      )}
    >
      <p className="text-sm font-semibold text-slate-900 dark:text-slate-100">
        {hydrated ? `${count} selected` : "With the ticked tasks (or all on this page):"}
      </p>
      {controls}
    </div>
  );

  // The actions come after the list (a sticky bar with JavaScript), so that on a phone the
  // first task still shows without scrolling; without JavaScript a link above leads to them.
  return (
    <>
      <div>
        <fetcher.Form
          ref={formRef}
          id={BULK_FORM.id}
          method="post"
          preventScrollReset
          className="flex flex-wrap items-center justify-between gap-2 px-4 pb-2"
        >
          <input type="hidden" name="intent" value="bulk" />
          <input type="hidden" name={BULK_FORM.pageIds} value={tasks.map((task) => task.id).join(",")} />
          <input type="hidden" name="back" value={listHref} />
          <label className="flex items-center gap-3 text-sm font-medium text-slate-700 dark:text-slate-200">
            <input type="checkbox" name={BULK_FORM.scope} value="page" className="size-4 accent-indigo-600" />
            {hydrated ? "Select all on this page" : `All ${tasks.length} on this page`}
          </label>
          {hydrated ? (
            <p aria-live="polite" className="text-sm text-slate-600 dark:text-slate-300" data-testid="bulk-count">
              {selected > 0 ? `${count} selected` : ""}
            </p>
          ) : (
            <a
              href="#bulk-actions"
              className="text-sm font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
            >
              Actions below
            </a>
          )}
        </fetcher.Form>
        {children}
      </div>
      {!hydrated || selected > 0 ? bar : null}
      <dialog
        ref={dialogRef}
        aria-labelledby="bulk-delete-title"
        className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl bg-white p-5 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700"
      >
        <h2 id="bulk-delete-title" className="text-lg font-semibold">
          Delete {count}?
        </h2>
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          They will be deleted for good. There is no undo.
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-3">
          <button type="button" className={buttonClass("secondary")} onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button type="button" className={buttonClass("danger")} onClick={confirmDelete}>
            Delete {count}
          </button>
        </div>
      </dialog>
    </>
  );
}

/** The form's checkboxes, the rows' included (they join it by its id, from outside it). */
function boxesOf(form: HTMLFormElement | null) {
  const inputs = form ? Array.from(form.elements).filter((element) => element instanceof HTMLInputElement) : [];
  return {
    rows: inputs.filter((input) => input.name === BULK_FORM.ids),
    all: inputs.find((input) => input.name === BULK_FORM.scope),
  };
}

function subscribeToChanges(notify: () => void) {
  document.addEventListener("change", notify);
  return () => document.removeEventListener("change", notify);
}
