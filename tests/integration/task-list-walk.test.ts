// A filtered list in the default order first walks the person's newest tasks through the
// owner's index and asks for every match only when that finds less than a page (decision 076).
// Whichever step answers, the pages are the single statement's: first pages, offsets and
// cursors, for matches among the newest tasks, only among the oldest, or nowhere, with
// timestamps shared by ten tasks at a time (the order's tie on id).
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { createLabelForUser } from "~/labels/labels.server";
import { ensureInbox } from "~/projects/projects.server";
import { listTasksForUser, listTasksStatement } from "~/tasks/list/task-list.server";
import { TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { TaskInputSchema } from "~/tasks/task-schema";
import { createTaskForUser, getTaskForUser } from "~/tasks/tasks.server";
import { insertUser } from "../support/users";

let ownerId: string;
const TASKS = 2_600; // more than the walk's window of 2,000

beforeAll(async () => {
  ownerId = (await insertUser()).id;
  const work = await createLabelForUser(ownerId, { name: "Work", color: "blue" });
  const inbox = await ensureInbox(ownerId);
  // Task n is n/10 minutes old (ten share each timestamp); "harbour" and the label only on old tasks.
  await db.execute(sql`
    insert into task (user_id, project_id, title, description, completed, created_at, updated_at)
    select ${ownerId}, ${inbox}, 'Task ' || n,
           concat_ws(' ', case when n % 4 = 0 then 'common' end, case when n % 3 = 0 and n >= 2200 then 'harbour' end),
           n % 3 = 1, now() - make_interval(mins => n / 10), now()
    from generate_series(0, ${TASKS - 1}) as n`);
  await db.execute(sql`
    insert into task_label (task_id, label_id)
    select id, ${work.id} from task
    where user_id = ${ownerId} and split_part(title, ' ', 2)::int % 5 = 0 and split_part(title, ' ', 2)::int >= 2300`);
}, 60_000);

const queries = [
  { q: "common" },
  { q: "harbour" },
  { q: "common", status: "pending" },
  { label: ["Work"] },
  { label: ["work"], order: "asc" },
  { q: "nowhere" },
];

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

it.each(queries)("%j: every page is the single statement's", async (fields) => {
  const query = TaskListQuerySchema.parse(fields);
  for (const paging of [{ limit: 50 }, { limit: 20, offset: 60 }, { limit: 50, offset: 1990 }]) {
    const page = await listTasksForUser(ownerId, query, paging);
    const expected = (await listTasksStatement(ownerId, query, paging)) as { id: string }[];
    expect(ids(page.tasks)).toEqual(ids(expected.slice(0, paging.limit)));
  }
  // Three pages by cursor.
  let cursor: string | null = null;
  for (let step = 0; step < 3; step++) {
    const page = await listTasksForUser(ownerId, query, { limit: 50, cursor });
    const expected = (await listTasksStatement(ownerId, query, { limit: 50, cursor })) as { id: string }[];
    expect(ids(page.tasks)).toEqual(ids(expected.slice(0, 50)));
    expect(page.nextCursor === null).toBe(expected.length <= 50);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
});

it("a common match is found among the newest tasks, a rare one among the oldest", async () => {
  const numbers = (page: { tasks: { title: string }[] }) => page.tasks.map((task) => Number(task.title.split(" ")[1]));
  const common = await listTasksForUser(ownerId, TaskListQuerySchema.parse({ q: "common" }), { limit: 50 });
  expect(Math.max(...numbers(common).slice(0, 3))).toBeLessThan(10);
  const rare = await listTasksForUser(ownerId, TaskListQuerySchema.parse({ label: ["Work"] }), { limit: 50 });
  expect(rare.tasks).toHaveLength(50);
  expect(Math.min(...numbers(rare))).toBe(2300);
});

it("reads a walked row's due time as the task's own (HH:MM), not the column's", async () => {
  const timed = await createTaskForUser(
    ownerId,
    TaskInputSchema.parse({ title: "Timed common", description: "common", dueDate: "2027-01-02", dueTime: "09:30" }),
  );
  // "common" is in one task in four: the walk answers the first page.
  const page = await listTasksForUser(ownerId, TaskListQuerySchema.parse({ q: "common" }), { limit: 50 });
  const walked = page.tasks.find((task) => task.id === timed.id);
  expect(walked?.dueTime).toBe("09:30");
  expect(walked).toEqual(await getTaskForUser(ownerId, timed.id));
  await db.execute(sql`delete from task where id = ${timed.id}`);
});
