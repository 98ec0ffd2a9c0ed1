// Issue 29's "second wall" (decision 102): PostgreSQL row-level security on `task` and `project`
// works on both engines as tried: the app's role, in a transaction without the person's scope,
// reads no task and no project at all (not everyone's); scoped to a person, exactly theirs and
// their shared projects'. Not adopted (it cost 10-19% of the JSON list, decision 102): the
// application's scoping (tasksAccessibleTo, tests/unit/task-row-access.test.ts and the
// authorization matrix) stays the wall, and this file keeps the measured alternative honest.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addProjectMember } from "~/projects/members.server";
import { createProjectForUser } from "~/projects/projects.server";
import { ProjectInputSchema } from "~/projects/project-schema";
import { createTaskForUser } from "~/tasks/tasks.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { disableRowLevelSecurity, enableRowLevelSecurity } from "../support/row-level-security";
import { insertUser } from "../support/users";

// Roles belong to the PostgreSQL cluster, shared by parallel test files: one of this run's own.
const role = `tasklane_rls_${randomBytes(4).toString("hex")}`;
let ann: string;
let ben: string;
let cat: string;

/** The titles `role` reads, in a transaction where app.person is `person` (or never set). */
async function titlesAs(person: string | null): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw(`set local role ${role}`));
    if (person !== null) await tx.execute(sql`select set_config('app.person', ${person}, true)`);
    const result = await tx.execute<{ title: string }>(sql`select title from task order by title`);
    return result.rows.map((row) => row.title);
  });
}

beforeAll(async () => {
  [ann, ben, cat] = (await Promise.all(["Ann", "Ben", "Cat"].map(async (name) => (await insertUser(name)).id))) as [
    string,
    string,
    string,
  ];
  const shared = (await createProjectForUser(ann, ProjectInputSchema.parse({ name: "Garden" }))).id;
  await addProjectMember(ann, shared, ben, "viewer");
  const task = (title: string, projectId?: string) => TaskInputSchema.parse({ title, projectId });
  await createTaskForUser(ann, task("Ann's own"));
  await createTaskForUser(ann, task("Paint the fence", shared));
  await createTaskForUser(ben, task("Ben's own"));
  await createTaskForUser(cat, task("Cat's own"));
  for (const statement of enableRowLevelSecurity(role)) await db.execute(statement);
});

afterAll(async () => {
  for (const statement of disableRowLevelSecurity(role)) await db.execute(statement);
  await db.execute(sql.raw(`drop role if exists ${role}`));
});

describe("row-level security on task and project, as tried", () => {
  it("reads nothing without the person's scope, not everything", async () => {
    expect(await titlesAs(null)).toEqual([]);
    const projects = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local role ${role}`));
      return (await tx.execute(sql`select id from project`)).rows;
    });
    expect(projects).toEqual([]);
    // The scope is the transaction's: the next one starts without it.
    await titlesAs(ann);
    expect(await titlesAs(null)).toEqual([]);
  });

  it("reads a person's own tasks and their shared projects', nobody else's", async () => {
    expect(await titlesAs(ann)).toEqual(["Ann's own", "Paint the fence"]);
    expect(await titlesAs(ben)).toEqual(["Ben's own", "Paint the fence"]);
    expect(await titlesAs(cat)).toEqual(["Cat's own"]);
  });

  it("does not hold for the owner of the tables (the app's connection today), which is why it needs a role", async () => {
    const all = await db.execute<{ n: number }>(sql`select count(*)::int as n from task`);
    expect(all.rows[0]!.n).toBe(4);
  });
});
