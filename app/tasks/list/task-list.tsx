import { groupByDueDay, type Today } from "~/tasks/due-date";
import { useEffect, useRef, useState } from "react";
import { Link, useFetcher, useFetchers, useNavigate, useSubmit } from "react-router";
import { labelColorsByName } from "~/labels/label-badge";
import type { Label } from "~/labels/label-schema";
import type { ProjectForPage } from "~/projects/project-for-page";
import { showToast } from "~/ui/toaster";
import { useHydrated } from "~/ui/use-hydrated";
import { TASK_LIST_ID } from "./keyboard-shortcuts";
import { backQuery } from "./task-list-url";
import { TOGGLE_FORMS, TaskRow, type TaskRowFailure } from "./task-row";
import type { TaskForPage } from "~/tasks/task-for-page";

// Each row action runs in a fetcher of its own, keyed by the task, so toggles and deletes of
// different rows overlap and each shows at once from its form data.
const TOGGLE_KEY = "task-toggle:";
const DELETE_KEY = "task-delete:";
// Refusals already toasted (a fetcher keeps its data after the list unmounts and mounts again).
const reported = new WeakSet<object>();

interface TaskListProps {
  tasks: TaskForPage[];
  today: Today;
  /** The user has no tasks at all (as opposed to none matching the filters). */
  isNewUser: boolean;
  /** This view's URL, for the rows' links to come back to. */
  listHref: string;
  /** The labels whose colours the rows' badges show: the person's, and other members' on shared tasks. */
  labels: readonly Label[];
  /** Where the list spans projects: each row names its own (found here by id). */
  projects?: readonly ProjectForPage[];
  /** Upcoming in date order: the rows under a heading per day, then "Later". */
  byDay?: boolean;
}

export function TaskList({ tasks, today, isNewUser, listHref, labels, projects, byDay }: TaskListProps) {
  if (isNewUser) {
    return (
      <EmptyState title="No tasks yet">
        Type what needs doing in <strong className="font-semibold">New task</strong> above and press{" "}
        <strong className="font-semibold">Add task</strong>. Open <em>More options</em> to add a due date, a priority or
        a category.
      </EmptyState>
    );
  }
  if (tasks.length === 0) {
    return (
      <EmptyState title="No tasks match these filters">
        Try another search, or{" "}
        <Link
          to={listHref.split("?")[0]!}
          className="font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
        >
          clear filters
        </Link>{" "}
        to see all your tasks.
      </EmptyState>
    );
  }
  return <TaskRows tasks={tasks} today={today} listHref={listHref} labels={labels} projects={projects} byDay={byDay} />;
}

/**
 * The rows and everything they share, once per list rather than once per row (decision 050):
 * the two toggle forms, the fetchers' state, which row asks to confirm a delete, and one click
 * handler for the rows' buttons and links.
 */
function TaskRows({ tasks, today, listHref, labels, projects, byDay }: Omit<TaskListProps, "isNewUser">) {
  const hydrated = useHydrated();
  const fetchers = useFetchers();
  const submit = useSubmit();
  const navigate = useNavigate();
  const listRef = useRef<HTMLDivElement>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  // The row actions' fetcher keys, watched from their submission on: a fetcher nobody mounts
  // is dropped when the server refuses, and its answer with it.
  const [watched, setWatched] = useState<string[]>([]);
  // The control to focus once the row has switched (never on the first render).
  const focusNext = useRef<{ taskId: string; control: "ask" | "confirm" } | null>(null);

  const toggling = new Map<string, boolean>();
  const deleting = new Set<string>();
  for (const fetcher of fetchers) {
    if (!fetcher.formData) continue;
    if (fetcher.key.startsWith(TOGGLE_KEY))
      toggling.set(fetcher.key.slice(TOGGLE_KEY.length), fetcher.formData.get("completed") === "true");
    else if (fetcher.key.startsWith(DELETE_KEY)) deleting.add(fetcher.key.slice(DELETE_KEY.length));
  }

  useEffect(() => {
    const next = focusNext.current;
    focusNext.current = null;
    if (next)
      listRef.current
        ?.querySelector<HTMLElement>(`li[data-task-id="${next.taskId}"] [data-row-delete="${next.control}"]`)
        ?.focus();
  }, [confirming]);

  function submitRowAction(fetcherKey: string, formData: FormData | Record<string, string>) {
    setWatched((keys) => (keys.includes(fetcherKey) ? keys : [...keys, fetcherKey]));
    void submit(formData, { method: "post", navigate: false, fetcherKey, preventScrollReset: true });
  }

  function askToConfirm(taskId: string | null) {
    focusNext.current = taskId
      ? { taskId, control: "confirm" }
      : confirming
        ? { taskId: confirming, control: "ask" }
        : null;
    setConfirming(taskId);
  }

  function toggle(event: React.FormEvent<HTMLFormElement>) {
    const button = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (!button) return;
    event.preventDefault();
    submitRowAction(`${TOGGLE_KEY}${button.value}`, new FormData(event.currentTarget, button));
  }

  function onClick(event: React.MouseEvent<HTMLDivElement>) {
    const target = event.target as Element;
    const control = target.closest<HTMLElement>("[data-row-delete]");
    const row = target.closest<HTMLLIElement>("li[data-task-id]");
    if (control && row) {
      const taskId = row.dataset.taskId!;
      if (control.dataset.rowDelete === "ask") askToConfirm(taskId);
      else if (control.dataset.rowDelete === "cancel") askToConfirm(null);
      else {
        // The row is about to disappear with the focused button in it: hand focus to a neighbour.
        focusNeighbour(row);
        setConfirming(null);
        submitRowAction(`${DELETE_KEY}${taskId}`, { intent: "delete", taskId });
      }
      return;
    }
    // The rows' links are plain anchors: a plain left click navigates in the app, as <Link> would.
    const link = target.closest<HTMLAnchorElement>("a[href]");
    if (
      !link ||
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    void navigate(link.getAttribute("href")!);
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLDivElement>) {
    if (event.key === "Escape" && confirming && (event.target as Element).closest("[data-row-delete]"))
      askToConfirm(null);
  }

  const labelColor = labelColorsByName(labels);
  const projectById = new Map(projects?.map((project) => [project.id, project]));
  const back = backQuery(listHref);
  const row = (task: TaskForPage) =>
    deleting.has(task.id) ? null : (
      <TaskRow
        key={task.id}
        task={task}
        completed={toggling.get(task.id) ?? task.completed}
        toggling={toggling.has(task.id)}
        today={today}
        back={back}
        labelColor={labelColor}
        project={projectById.get(task.projectId)}
        deleteStep={!hydrated ? "link" : confirming === task.id ? "confirming" : "button"}
      />
    );
  return (
    <>
      {/* One watcher per row action taken on this page (none in the server's HTML). */}
      {watched.map((key) => (
        <RowActionFailure key={key} fetcherKey={key} />
      ))}
      {/* The rows' toggle buttons name one of these by id (no JavaScript: a plain post). */}
      {(["complete", "reopen"] as const).map((kind) => (
        <form key={kind} id={TOGGLE_FORMS[kind]} method="post" onSubmit={toggle} hidden>
          <input type="hidden" name="intent" value="toggle" />
          <input type="hidden" name="completed" value={String(kind === "complete")} />
        </form>
      ))}
      {/* The clicks and keys handled here come from the rows' own buttons and links. */}
      <div ref={listRef} id={TASK_LIST_ID} onClick={onClick} onKeyDown={onKeyDown} className="space-y-6">
        {byDay ? (
          groupByDueDay(tasks, today).map((group) => (
            <section key={group.key} aria-labelledby={`day-${group.key}`} className="space-y-2">
              <h3
                id={`day-${group.key}`}
                className="text-sm font-semibold tracking-wide text-slate-700 dark:text-slate-200"
                data-testid="day-heading"
              >
                {group.heading}
              </h3>
              <ul aria-labelledby={`day-${group.key}`} className={listClass}>
                {group.tasks.map(row)}
              </ul>
            </section>
          ))
        ) : (
          <ul aria-label="Tasks" className={listClass}>
            {tasks.map(row)}
          </ul>
        )}
      </div>
    </>
  );
}

/** A refused row action: its form data is gone, so the row shows its real state again; this says why. */
function RowActionFailure({ fetcherKey }: { fetcherKey: string }) {
  const failure = useFetcher<TaskRowFailure>({ key: fetcherKey }).data;
  useEffect(() => {
    if (!failure?.message || reported.has(failure)) return;
    reported.add(failure);
    showToast({ kind: "error", message: failure.message });
  }, [failure]);
  return null;
}

function focusNeighbour(row: HTMLLIElement) {
  // Across day headings too: the next row in the whole list, else the one before.
  const rows = [...(document.getElementById(TASK_LIST_ID)?.querySelectorAll("li[data-task-id]") ?? [])];
  const at = rows.indexOf(row);
  const neighbour = rows[at + 1] ?? rows[at - 1];
  const target = neighbour?.querySelector("button") ?? document.getElementById("task-list-heading");
  target?.focus();
}

const listClass =
  "divide-y divide-slate-200 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:divide-slate-800 dark:bg-slate-900 dark:ring-slate-800";

function EmptyState({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div className="rounded-lg border-2 border-dashed border-slate-300 px-6 py-10 text-center dark:border-slate-700">
      <h3 className="text-base font-semibold text-slate-900 dark:text-slate-100">{title}</h3>
      <p className="mx-auto mt-2 max-w-md text-sm text-slate-600 dark:text-slate-300">{children}</p>
    </div>
  );
}
