// Todoist's CSV ("export as template"): TYPE task/section/note, INDENT 2+ for sub-tasks, @labels
// in CONTENT, PRIORITY 1 (highest) to 4, DATE in plain words read by the quick-add parser
// (English only). Sections become the category of the tasks under them; the columns Tasklane
// has no field for (deadline, duration) are added to the task's description (decision 104).
// Notes become comments on the task above, and RESPONSIBLE naming the importing person assigns
// the task to them; naming anyone else it is ignored with a note in the report (decision 098).
import { commentBody } from "~/comments/comment-schema";
import { parseQuickAdd } from "../quick-add";
import type { Priority } from "../priority";
import { STEP_TEXT_MAX, STEPS_MAX } from "../steps/step-schema";
import type { CsvRecord } from "./import-file";
import { checkedTask, type ImportPlan, type PlannedTask } from "./import-plan";

export const TODOIST_COLUMNS = ["TYPE", "CONTENT", "DESCRIPTION", "PRIORITY", "INDENT", "DATE", "DATE_LANG"];

/** Todoist's header: TYPE and CONTENT first. */
export function isTodoistHeader(cells: string[]): boolean {
  return cells[0]?.trim().toUpperCase() === "TYPE" && cells[1]?.trim().toUpperCase() === "CONTENT";
}

/** Todoist's first `meta,…` row (view style and the like), which says nothing about tasks. */
export function isTodoistMeta(cells: string[]): boolean {
  return cells[0]?.trim().toLowerCase() === "meta";
}

const PRIORITY: Record<string, Priority> = { "1": "high", "2": "medium", "3": "low", "4": "low" };
const LABEL = /(?<=^|\s)@([^\s@#"]+)/g;

export interface TodoistClock {
  now: Date;
  /** The account's zone: a DATE without a TIMEZONE is read in it. */
  timeZone: string;
  /** The importing person: a RESPONSIBLE naming them (name or email) assigns the task to them. */
  importer: { name: string; email: string };
}

/** Whether Todoist's RESPONSIBLE ("Ann Smith (12345)", or an email) names the importing person. */
export function namesImporter(responsible: string, importer: TodoistClock["importer"]): boolean {
  const named = responsible
    .replace(/\s*\(\d+\)\s*$/, "")
    .trim()
    .toLowerCase();
  return named !== "" && (named === importer.name.trim().toLowerCase() || named === importer.email.toLowerCase());
}

/** Adds the rows after Todoist's header to the plan (every task into the import's target). */
export function readTodoistCsv(plan: ImportPlan, header: string[], rows: CsvRecord[], clock: TodoistClock) {
  const columns = header.map((name) => name.trim().toUpperCase());
  const missing = TODOIST_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    plan.errors.push({ line: null, message: `Todoist's CSV needs the columns ${missing.join(", ")}` });
    return;
  }
  let section: string | null = null;
  let parent: PlannedTask | null = null;
  for (const { line, cells } of rows) {
    const cell = (name: string) => (cells[columns.indexOf(name)] ?? "").trim();
    const type = cell("TYPE").toLowerCase();
    if (type === "section") {
      parent = null;
      section = cell("CONTENT") || null;
      if (section && section.length > 50)
        plan.errors.push({ line, message: "A section name becomes a category: at most 50 characters" });
      continue;
    }
    if (type === "note") {
      if (!parent) plan.errors.push({ line, message: "A note must follow the task it belongs to" });
      else if (cell("CONTENT")) {
        // A comment on the task above, by the importing person (AUTHOR names a Todoist account).
        const body = commentBody.safeParse(cell("CONTENT"));
        if (body.success) (parent.comments ??= []).push({ body: body.data });
        else plan.errors.push({ line, message: `A note becomes a comment: ${body.error.issues[0]!.message}` });
      }
      continue;
    }
    if (type !== "task") {
      plan.errors.push({ line, message: `TYPE must be task, section or note, not “${cell("TYPE")}”` });
      continue;
    }
    const indent = cell("INDENT") ? Number(cell("INDENT")) : 1;
    if (!Number.isInteger(indent) || indent < 1 || indent > 5) {
      plan.errors.push({ line, message: "INDENT must be a whole number from 1 to 5" });
      continue;
    }
    const labels = [...cell("CONTENT").matchAll(LABEL)].map((match) => match[1]!);
    const title = cell("CONTENT").replace(LABEL, " ").replace(/\s+/g, " ").trim();
    if (indent > 1) {
      // A sub-task is a step of the task above it (its date and priority have nowhere to go).
      if (!parent) plan.errors.push({ line, message: "A sub-task (INDENT 2 or more) must follow its task" });
      else if (!title) plan.errors.push({ line, message: "A sub-task needs some text" });
      else if (title.length > STEP_TEXT_MAX)
        plan.errors.push({ line, message: `A sub-task becomes a step: at most ${STEP_TEXT_MAX} characters` });
      else if (parent.input.steps.length >= STEPS_MAX)
        plan.errors.push({ line, message: `A task holds at most ${STEPS_MAX} steps (sub-tasks)` });
      else parent.input.steps.push({ id: crypto.randomUUID(), text: title, done: false });
      if (parent && cell("RESPONSIBLE"))
        plan.notes.push({ line, message: `RESPONSIBLE ignored: a sub-task becomes a step, which has no assignee` });
      continue;
    }
    parent = null;
    const priority = cell("PRIORITY");
    if (priority && !PRIORITY[priority]) {
      plan.errors.push({ line, message: "PRIORITY must be 1, 2, 3 or 4" });
      continue;
    }
    const due = todoistDate(cell("DATE"), cell("DATE_LANG"), cell("TIMEZONE") || clock.timeZone, clock.now);
    if ("error" in due) {
      plan.errors.push({ line, message: due.error });
      continue;
    }
    const extras = [
      cell("DEADLINE") && `Deadline: ${cell("DEADLINE")}`,
      cell("DURATION") && `Duration: ${cell("DURATION")} ${cell("DURATION_UNIT") || "minute"}s`,
    ].filter(Boolean);
    const input = checkedTask(plan, line, {
      title,
      description: [cell("DESCRIPTION"), ...extras].filter(Boolean).join("\n\n"),
      priority: PRIORITY[priority] ?? undefined,
      category: section,
      labels: [...new Map(labels.map((name) => [name.toLowerCase(), name])).values()],
      ...due,
      timeZone: due.dueDate ? cell("TIMEZONE") || clock.timeZone : undefined,
    });
    if (!input) continue;
    const responsible = cell("RESPONSIBLE");
    const assignedToImporter = responsible !== "" && namesImporter(responsible, clock.importer);
    if (responsible && !assignedToImporter)
      plan.notes.push({
        line,
        message: `RESPONSIBLE “${responsible}” is not you: the task is imported without an assignee`,
      });
    parent = { line, input, project: null, ...(assignedToImporter && { assignedToImporter }) };
    plan.tasks.push(parent);
  }
}

/** DATE read as quick add reads "every day" or "Oct 12 2026"; other languages are refused. */
function todoistDate(
  text: string,
  language: string,
  timeZone: string,
  now: Date,
):
  | { dueDate?: string | null; dueTime?: string | null; repeat?: { rule: string; mode: string } | null }
  | { error: string } {
  if (!text) return {};
  if (language && language.toLowerCase() !== "en")
    return { error: `DATE is in “${language}”: only English dates (DATE_LANG en) can be read` };
  let parsed;
  try {
    parsed = parseQuickAdd(text, { now, timeZone });
  } catch {
    return { error: `TIMEZONE “${timeZone}” is not a time zone` };
  }
  if (!parsed.dueDate) return { error: `DATE “${text}” is not a date Tasklane can read` };
  return { dueDate: parsed.dueDate, dueTime: parsed.dueTime, repeat: parsed.repeat };
}
