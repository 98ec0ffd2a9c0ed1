// Decision 076's window for a member of others' projects merges ordered walks (their own tasks,
// and each shared project's, decision 117). Whichever step answers, the pages are the single
// statement's: first pages, offsets and cursors, both directions, for matches among the newest
// tasks, only among the oldest, or nowhere, with the shared tasks interleaved with the member's
// own in time and timestamps shared by ten tasks at a time.
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { addProjectMember } from "~/projects/members.server";
import { createProjectForUser, ensureInbox } from "~/projects/projects.server";
import { listTasksForUser, listTasksStatement } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { insertUser } from "../support/users";

let bobId: string;

beforeAll(async () => {
  const adaId = (await insertUser("Ada")).id;
  bobId = (await insertUser("Bob")).id;
  const shared = await createProjectForUser(adaId, { name: "Shared", favorite: false });
  const other = await createProjectForUser(adaId, { name: "Also shared", favorite: false });
  const secret = await createProjectForUser(adaId, { name: "Not shared", favorite: false });
  await addProjectMember(adaId, shared.id, bobId, "viewer");
  await addProjectMember(adaId, other.id, bobId, "editor");
  const bobInbox = await ensureInbox(bobId);
  // Task n is n/10 minutes old; n % 4 picks whose it is: Bob's, the two shared projects', or
  // Ada's unshared one (never Bob's to see). "harbour" only from 2,400 on, "common" in one in three.
  await db.execute(sql`
    insert into task (user_id, project_id, title, description, completed, created_at, updated_at)
    select case when n % 4 = 0 then ${bobId}::uuid else ${adaId}::uuid end,
           (array[${bobInbox}::uuid, ${shared.id}::uuid, ${other.id}::uuid, ${secret.id}::uuid])[n % 4 + 1],
           'Task ' || n,
           concat_ws(' ', case when n % 3 = 0 then 'common' end, case when n % 5 = 0 and n >= 2400 then 'harbour' end),
           n % 7 = 1, now() - make_interval(mins => n / 10), now()
    from generate_series(0, 3199) as n`);
  await db.execute(sql`analyze task`);
}, 60_000);

const queries = [
  { q: "common" },
  { q: "harbour" },
  { q: "harbour", order: "asc" },
  { q: "common", status: "pending" },
  { status: "completed", order: "asc" },
  { q: "nowhere" },
];

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

it.each(queries)("%j for a member: every page is the single statement's", async (fields) => {
  const query = TaskListQuerySchema.parse(fields);
  for (const paging of [{ limit: 50 }, { limit: 20, offset: 60 }, { limit: 50, offset: 1450 }]) {
    const page = await listTasksForUser(bobId, query, paging);
    const expected = (await listTasksStatement(bobId, query, paging)) as { id: string }[];
    expect(ids(page.tasks)).toEqual(ids(expected.slice(0, paging.limit)));
  }
  let cursor: string | null = null;
  for (let step = 0; step < 3; step++) {
    const page = await listTasksForUser(bobId, query, { limit: 50, cursor });
    const expected = (await listTasksStatement(bobId, query, { limit: 50, cursor })) as { id: string }[];
    expect(ids(page.tasks)).toEqual(ids(expected.slice(0, 50)));
    expect(page.nextCursor === null).toBe(expected.length <= 50);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
});

it("a member's common word is found among the newest tasks they see, never in a project not shared with them", async () => {
  const page = await listTasksForUser(bobId, TaskListQuerySchema.parse({ q: "common" }), { limit: 50 });
  const numbers = page.tasks.map((task) => Number(task.title.split(" ")[1]));
  expect(page.tasks).toHaveLength(50);
  expect(numbers.every((n) => n % 4 !== 3)).toBe(true);
  expect(Math.max(...numbers)).toBeLessThan(250);
});
