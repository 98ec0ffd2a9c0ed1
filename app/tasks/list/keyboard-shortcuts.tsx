import { useEffect, useRef } from "react";
import { buttonClass } from "~/ui/button";

/** The ids the shortcuts reach: the create form's title (Conform: form id + name) and the search. */
export const NEW_TASK_FIELD_ID = "create-task-title";
export const SEARCH_FIELD_ID = "filter-q";
/** The task list (one <ul>, or one per day on Upcoming); each <li data-task-id> is a row with a checkbox, a complete/reopen button and an open link. */
export const TASK_LIST_ID = "task-list";
/** Marks the controls of a row that shortcuts press. */
export const ROW_CONTROL = { select: "select", toggle: "toggle", open: "open" } as const;

interface ShortcutContext {
  openHelp: () => void;
}

interface Shortcut {
  key: string;
  description: string;
  run: (context: ShortcutContext) => void;
}

/**
 * The task list's shortcuts, declared once: the key handler and the "?" dialog both read
 * this list. A row is "current" when focus is inside it; j and k move focus to the next or
 * previous row's checkbox, so screen readers announce the task and Space selects it too.
 */
export const SHORTCUTS: readonly Shortcut[] = [
  { key: "n", description: "Write a new task", run: () => document.getElementById(NEW_TASK_FIELD_ID)?.focus() },
  { key: "/", description: "Search", run: () => document.getElementById(SEARCH_FIELD_ID)?.focus() },
  { key: "j", description: "Next task", run: () => moveToRow(1) },
  { key: "k", description: "Previous task", run: () => moveToRow(-1) },
  { key: "x", description: "Select or unselect the task", run: () => pressInCurrentRow(ROW_CONTROL.select) },
  { key: "c", description: "Complete or reopen the task", run: () => pressInCurrentRow(ROW_CONTROL.toggle) },
  { key: "e", description: "Open the task", run: () => pressInCurrentRow(ROW_CONTROL.open) },
  { key: "?", description: "Show these shortcuts", run: ({ openHelp }) => openHelp() },
];

const byKey = new Map(SHORTCUTS.map((shortcut) => [shortcut.key, shortcut]));

function rows(): HTMLElement[] {
  return Array.from(document.getElementById(TASK_LIST_ID)?.querySelectorAll<HTMLElement>("li[data-task-id]") ?? []);
}

function currentRow(): HTMLElement | undefined {
  const active = document.activeElement;
  return rows().find((row) => row.contains(active));
}

function rowControl(row: HTMLElement | undefined, control: string): HTMLElement | null {
  return row?.querySelector<HTMLElement>(`[data-row-control="${control}"]`) ?? null;
}

function moveToRow(step: 1 | -1) {
  const all = rows();
  if (all.length === 0) return;
  const index = all.indexOf(currentRow()!);
  // From nowhere, j starts at the first task and k at the last.
  const next = index === -1 ? (step === 1 ? 0 : all.length - 1) : Math.min(Math.max(index + step, 0), all.length - 1);
  rowControl(all[next], ROW_CONTROL.select)?.focus();
}

function pressInCurrentRow(control: string) {
  rowControl(currentRow(), control)?.click();
}

// Text is being typed here: a key is a character, not a command. Checkboxes and buttons are not fields.
const TYPING =
  'input:not([type="checkbox"], [type="radio"], [type="button"], [type="submit"], [type="reset"]), textarea, select, [contenteditable]:not([contenteditable="false"])';

/** Whether a key press is a shortcut: never while typing, with Ctrl, Alt or Meta, or with a dialog open. */
export function shortcutFor(
  event: Pick<KeyboardEvent, "key" | "ctrlKey" | "altKey" | "metaKey" | "isComposing" | "defaultPrevented" | "target">,
) {
  if (event.defaultPrevented || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return undefined;
  // Shift is not a modifier here: "?" needs it on most layouts, and Shift+J is "J", which is no shortcut.
  if (event.target instanceof Element && event.target.closest(TYPING)) return undefined;
  if (document.querySelector("dialog[open]")) return undefined;
  return byKey.get(event.key);
}

/** Listens for the shortcuts while `enabled` (the person's setting). */
export function useTaskListShortcuts(enabled: boolean, openHelp: () => void) {
  const openHelpRef = useRef(openHelp);
  useEffect(() => {
    openHelpRef.current = openHelp;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      const shortcut = shortcutFor(event);
      if (!shortcut) return;
      event.preventDefault();
      shortcut.run({ openHelp: () => openHelpRef.current() });
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled]);
}

/** The "?" dialog: a native modal <dialog> (focus moves in and back, Escape closes), labelled by its heading. */
export function ShortcutsDialog({ dialogRef }: { dialogRef: React.RefObject<HTMLDialogElement | null> }) {
  return (
    <dialog
      ref={dialogRef}
      aria-labelledby="shortcuts-title"
      aria-describedby="shortcuts-hint"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl bg-white p-5 text-slate-900 shadow-xl ring-1 ring-slate-200 backdrop:bg-slate-950/50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700"
    >
      <h2 id="shortcuts-title" className="text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <p id="shortcuts-hint" className="mt-1 text-sm text-slate-600 dark:text-slate-300">
        On the task list, when you are not typing in a field. Turn them off in Settings.
      </p>
      <dl className="mt-4 grid grid-cols-[auto_1fr] items-center gap-x-4 gap-y-2 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.key} className="contents">
            <dt>
              <kbd className="inline-block min-w-7 rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 text-center font-mono text-slate-900 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100">
                {shortcut.key}
              </kbd>
            </dt>
            <dd>{shortcut.description}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog" className="mt-5 flex justify-end">
        <button type="submit" className={buttonClass("secondary")}>
          Close
        </button>
      </form>
    </dialog>
  );
}
