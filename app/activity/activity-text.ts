// What one activity entry says, in words ("Ann moved “Call Bob” to another project"): the
// activity page's sentences, from the entry as the reader may see it.
import type { ActivityKind } from "../../db/values";

export interface ActivityForPage {
  id: number;
  kind: ActivityKind;
  createdAt: string;
  /** The time in the reader's account zone. */
  when: string;
  actorName: string | null;
  taskId: string | null;
  taskTitle: string | null;
  otherProjectId: string | null;
  otherProjectName: string | null;
  subjectName: string | null;
  details: Record<string, unknown> | null;
}

const FIELD_NAMES: Record<string, string> = {
  title: "title",
  description: "description",
  priority: "priority",
  category: "category",
  dueDate: "due date",
  dueTime: "due time",
  timeZone: "due date",
  repeat: "repeat",
  labels: "labels",
  steps: "steps",
  reminders: "reminders",
};

const quoted = (text: unknown) => `“${String(text ?? "")}”`;

/** The sentence after the actor's name: "completed “Call Bob”". */
export function activityPhrase(entry: ActivityForPage): string {
  const task = quoted(entry.taskTitle);
  const other = entry.otherProjectName === null ? "another project" : quoted(entry.otherProjectName);
  const member = entry.subjectName ?? "a former member";
  const details = entry.details ?? {};
  switch (entry.kind) {
    case "task_created":
      return `created ${task}`;
    case "task_edited": {
      const fields = Array.isArray(details.fields)
        ? [...new Set(details.fields.map((field) => FIELD_NAMES[String(field)] ?? String(field)))]
        : [];
      return fields.length > 0 ? `edited ${task} (${fields.join(", ")})` : `edited ${task}`;
    }
    case "task_completed":
      return `completed ${task}`;
    case "task_reopened":
      return `reopened ${task}`;
    case "task_moved_in":
      return `moved ${task} here from ${other}`;
    case "task_moved_out":
      return `moved ${task} to ${other}`;
    case "task_deleted":
      return `deleted ${task}`;
    case "task_assigned":
      return entry.subjectName === null ? `unassigned ${task}` : `assigned ${task} to ${member}`;
    case "task_commented":
      return `commented on ${task}`;
    case "member_invited":
      return `invited ${entry.subjectName ?? "someone"}${details.role ? ` as ${String(details.role)}` : ""}`;
    case "member_joined":
      return "joined the project";
    case "member_left":
      return "left the project";
    case "member_removed":
      return `removed ${member}`;
    case "member_role_changed":
      return `made ${member} ${String(details.to ?? "")}`.trimEnd();
    case "project_renamed":
      return `renamed the project from ${quoted(details.from)} to ${quoted(details.to)}`;
    case "project_archived":
      return "archived the project";
    case "project_unarchived":
      return "unarchived the project";
  }
}
