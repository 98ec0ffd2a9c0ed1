// Decision 102 (row-level security tried, not adopted): the application's scoping stays the one
// wall in front of task rows, so every module that names the `task` table is listed here with
// how its statements are scoped. A new module that imports `task` from db/schema fails this test
// until it is added with its reason (and, for a person's statements, uses tasksAccessibleTo or
// projectIdsAccessibleTo from app/projects/project-access.server.ts). What each listed module's
// statements may return is checked by tests/security/authorization-matrix.test.ts and the
// integration tests named beside it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SCOPED = /\b(tasksAccessibleTo|projectIdsAccessibleTo|projectsAccessibleTo|accessible)\(/;

/** Module -> how its task statements are scoped; `scoped: true` means it must use the helpers. */
const REVIEWED: Record<string, { scoped: boolean; why: string }> = {
  "app/projects/project-access.server.ts": { scoped: true, why: "the helpers themselves" },
  "app/tasks/tasks.server.ts": { scoped: true, why: "every read and write through tasksAccessibleTo" },
  "app/tasks/list/task-list.server.ts": { scoped: true, why: "the lists, counts and views" },
  "app/tasks/bulk/bulk-actions.server.ts": { scoped: true, why: "bulk changes on accessible ids" },
  "app/tasks/steps/steps.server.ts": { scoped: true, why: "a task's steps, in its row" },
  "app/tasks/transfer/import.server.ts": { scoped: true, why: "writes into the importer's projects" },
  "app/comments/comments.server.ts": { scoped: true, why: "comments of an accessible task" },
  "app/projects/members.server.ts": {
    scoped: true,
    why: "a removal's tasks, inside withProject, which found the project through projectsAccessibleTo (decision 097)",
  },
  "app/reminders/scheduler.server.ts": { scoped: true, why: "the system's sweep; who hears it is scoped" },
  "app/calendar/feed-document.server.ts": {
    scoped: true,
    why: "a person's feed through tasksAccessibleTo, a project's through projectsAccessibleTo (tests/integration/calendar-feeds.test.ts)",
  },
  "app/tasks/transfer/export.server.ts": {
    scoped: false,
    why: "reads the tasks of the projects exportScopeFor found through getProjectForUser and listProjectsForUser (tests/security/import-export-isolation.test.ts)",
  },
  "app/reminders/recipient.server.ts": { scoped: false, why: "a column in a caller's already scoped statement" },
  "app/reminders/task-reminders.server.ts": { scoped: false, why: "reminders of a task the caller has read (scoped)" },
  "app/labels/task-labels.server.ts": { scoped: false, why: "the labels column of scoped statements" },
  "app/labels/labels.server.ts": {
    scoped: false,
    why: "a label's rename/delete moves updated_at of tasks carrying the person's own label",
  },
  "app/db/owned-rows.server.ts": { scoped: false, why: "an updated_at expression, no statement" },
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const importsTask = /import\s*\{[^}]*\btask\b[^}]*\}\s*from\s*["'](?:\.\.\/)+db\/schema["']/;
const modules = sources("app").filter((file) => importsTask.test(readFileSync(file, "utf8")));

describe("the modules that reach task rows", () => {
  it("are exactly the reviewed ones", () => {
    expect(modules.toSorted()).toEqual(Object.keys(REVIEWED).toSorted());
  });

  it.each(Object.entries(REVIEWED).filter(([, entry]) => entry.scoped))("%s uses the scoping helpers", (file) => {
    expect(readFileSync(file, "utf8")).toMatch(SCOPED);
  });
});
