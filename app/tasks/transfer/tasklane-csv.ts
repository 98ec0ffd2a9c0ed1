// Tasklane's own CSV: one row per task, its steps and labels in columns of their own (one per
// line inside the cell), every cell neutralised against spreadsheet formulas (import-file.ts).
import type { Task } from "../tasks.server";
import { type CsvRecord, neutralizedCell, restoredCell } from "./import-file";
import { checkedTask, type ImportPlan } from "./import-plan";

export const TASKLANE_CSV_COLUMNS = [
  "project",
  "title",
  "description",
  "completed",
  "priority",
  "category",
  "due_date",
  "due_time",
  "time_zone",
  "repeat_rule",
  "repeat_mode",
  "labels",
  "steps",
  "created_at",
] as const;
type Column = (typeof TASKLANE_CSV_COLUMNS)[number];

/** A header row is Tasklane's when it starts with these (the rest may follow in any order). */
export function isTasklaneHeader(cells: string[]): boolean {
  return cells[0]?.trim().toLowerCase() === "project" && cells[1]?.trim().toLowerCase() === "title";
}

const DONE = "[x] ";
const OPEN = "[ ] ";

/** A task as an exported row (cells neutralised), in TASKLANE_CSV_COLUMNS' order. */
export function tasklaneCsvRow(task: Task, projectName: string): string[] {
  const cells: Record<Column, string> = {
    project: projectName,
    title: task.title,
    description: task.description,
    completed: String(task.completed),
    priority: task.priority,
    category: task.category ?? "",
    due_date: task.dueDate ?? "",
    due_time: task.dueTime ?? "",
    time_zone: task.timeZone ?? "",
    repeat_rule: task.repeatRule ?? "",
    repeat_mode: task.repeatMode ?? "",
    labels: task.labels.join("\n"),
    steps: task.steps.map((step) => (step.done ? DONE : OPEN) + step.text).join("\n"),
    created_at: task.createdAt.toISOString(),
  };
  return TASKLANE_CSV_COLUMNS.map((column) => neutralizedCell(cells[column]));
}

/** Adds the rows after Tasklane's header to the plan: a task each, or errors naming their line. */
export function readTasklaneCsv(plan: ImportPlan, header: string[], rows: CsvRecord[]) {
  const columns = header.map((name) => name.trim().toLowerCase());
  const unknown = columns.filter((name) => !(TASKLANE_CSV_COLUMNS as readonly string[]).includes(name));
  if (unknown.length > 0) plan.errors.push({ line: 1, message: `Unknown columns: ${unknown.join(", ")}` });
  const projects = new Set<string>();
  for (const { line, cells } of rows) {
    const cell = (column: Column) => {
      const index = columns.indexOf(column);
      return index < 0 ? "" : restoredCell(cells[index] ?? "");
    };
    const lines = (value: string) => value.split(/\r?\n/).filter((each) => each.trim() !== "");
    const completed = cell("completed").trim().toLowerCase();
    if (!["", "true", "false"].includes(completed)) {
      plan.errors.push({ line, message: "completed must be true or false" });
      continue;
    }
    const createdAt = cell("created_at").trim();
    const created = createdAt ? new Date(createdAt) : undefined;
    if (created && Number.isNaN(created.getTime())) {
      plan.errors.push({ line, message: "created_at must be a date and time (RFC 3339)" });
      continue;
    }
    const steps = lines(cell("steps")).map((text) =>
      text.startsWith(DONE) || text.startsWith(OPEN)
        ? { text: text.slice(DONE.length), done: text.startsWith(DONE) }
        : { text, done: false },
    );
    const rule = cell("repeat_rule").trim();
    const input = checkedTask(plan, line, {
      title: cell("title"),
      description: cell("description"),
      completed: completed === "true",
      priority: cell("priority").trim() || undefined,
      category: cell("category") || null,
      dueDate: cell("due_date").trim() || null,
      dueTime: cell("due_time").trim() || null,
      timeZone: cell("time_zone").trim() || undefined,
      repeat: rule ? { rule, mode: cell("repeat_mode").trim() || undefined } : null,
      labels: lines(cell("labels")),
      steps,
    });
    if (!input) continue;
    const project = cell("project").trim() || null;
    if (project && !projects.has(project.toLowerCase())) {
      projects.add(project.toLowerCase());
      plan.projects.push({ name: project });
    }
    plan.tasks.push({ line, input, project, createdAt: created });
  }
}
