// The label filter in creation order walks each label id's task_label rows newest first and
// merges the walks (decision 116). Its pages are those of the statement over every match (the
// same filter table without the walk): first pages, offsets and cursors, both directions, for
// the owner and for a member of a shared project whose own label of the same name sits on some
// of the same tasks (one row each), never another person's tasks outside the shared project,
// with timestamps shared by ten tasks at a time (the order's tie on id).
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { createLabelForUser } from "~/labels/labels.server";
import { addProjectMember } from "~/projects/members.server";
import { createProjectForUser, ensureInbox } from "~/projects/projects.server";
import { listTasksForUser, listTasksStatement, taskListQueries } from "~/tasks/list/task-list.server";
import { LIST_FILTERS, TaskListQuerySchema } from "~/tasks/list/task-list-query";
import { insertUser } from "../support/users";

// The list as it was before the walk: the label filter's conditions alone.
const everyMatch = taskListQueries({ ...LIST_FILTERS, label: { ...LIST_FILTERS.label, walk: undefined } });

let adaId: string;
let bobId: string;
let sharedId: string;

beforeAll(async () => {
  adaId = (await insertUser("Ada")).id;
  bobId = (await insertUser("Bob")).id;
  const adaWork = await createLabelForUser(adaId, { name: "Work", color: "blue" });
  const adaHome = await createLabelForUser(adaId, { name: "Home", color: "green" });
  const bobWork = await createLabelForUser(bobId, { name: "work", color: "red" });
  const inbox = await ensureInbox(adaId);
  sharedId = (await createProjectForUser(adaId, { name: "Shared", favorite: false })).id;
  await addProjectMember(adaId, sharedId, bobId, "editor");
  const bobInbox = await ensureInbox(bobId);
  // Ada's task n is n/10 minutes old; odd ones in her Inbox, even ones in the shared project.
  await db.execute(sql`
    insert into task (user_id, project_id, title, completed, created_at, updated_at)
    select ${adaId}, case when n % 2 = 1 then ${inbox}::uuid else ${sharedId}::uuid end, 'Task ' || n, n % 3 = 1,
           now() - make_interval(mins => n / 10), now()
    from generate_series(0, 899) as n`);
  await db.execute(sql`
    insert into task (user_id, project_id, title, created_at, updated_at)
    select ${bobId}, ${bobInbox}, 'Bob ' || n, now() - make_interval(mins => n / 10), now()
    from generate_series(0, 199) as n`);
  const number = sql`split_part(title, ' ', 2)::int`;
  // Ada's Work on every fourth task from 300 on (none among her newest 300), Home on every sixth;
  // Bob's "work" on every tenth of Ada's shared tasks (some also carry Ada's) and every fifth of his.
  await db.execute(sql`
    insert into task_label (task_id, label_id)
    select id, ${adaWork.id}::uuid from task where user_id = ${adaId} and ${number} % 4 = 0 and ${number} >= 300
    union all select id, ${adaHome.id}::uuid from task where user_id = ${adaId} and ${number} % 6 = 0
    union all select id, ${bobWork.id}::uuid from task where user_id = ${adaId} and project_id = ${sharedId} and ${number} % 10 = 0
    union all select id, ${bobWork.id}::uuid from task where user_id = ${bobId} and ${number} % 5 = 0`);
  await db.execute(sql`analyze task_label`);
}, 60_000);

const queries = [
  { label: ["Work"] },
  { label: ["work"], order: "asc" },
  { label: ["Work"], status: "pending" },
  { label: ["Work", "Home"] },
  { label: ["Home", "work"], order: "asc", status: "completed" },
  { label: ["Nowhere"] },
];

const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

it.each(queries.flatMap((fields) => ["Ada", "Bob"].map((reader) => ({ reader, ...fields }))))(
  "%j: every page is the statement's over every match",
  async ({ reader, ...fields }) => {
    const userId = reader === "Ada" ? adaId : bobId;
    const query = TaskListQuerySchema.parse(fields);
    for (const paging of [{ limit: 50 }, { limit: 20, offset: 60 }, { limit: 50, offset: 150 }]) {
      const page = await listTasksForUser(userId, query, paging);
      const expected = (await everyMatch.listTasksStatement(userId, query, paging)) as { id: string }[];
      expect(ids(page.tasks)).toEqual(ids(expected.slice(0, paging.limit)));
      expect(new Set(ids(page.tasks)).size).toBe(page.tasks.length);
    }
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listTasksForUser(userId, query, { limit: 30, cursor });
      const expected = (await everyMatch.listTasksStatement(userId, query, { limit: 30, cursor })) as { id: string }[];
      expect(ids(page.tasks)).toEqual(ids(expected.slice(0, 30)));
      expect(page.nextCursor === null).toBe(expected.length <= 30);
      cursor = page.nextCursor;
    } while (cursor && ++pages < 10);
  },
);

it("a member sees the shared project's labelled tasks, theirs and the owner's, and none of the owner's others", async () => {
  const page = await listTasksForUser(bobId, TaskListQuerySchema.parse({ label: ["Work"] }), { limit: 500 });
  const titles = page.tasks.map((task) => task.title);
  // Bob's own 40, and the shared project's tasks carrying either "Work" (Ada's from 300 on, every
  // fourth even one; Bob's every tenth): none of Ada's Inbox.
  const shared = Array.from({ length: 450 }, (_, i) => i * 2).filter((n) => (n % 4 === 0 && n >= 300) || n % 10 === 0);
  expect(titles.filter((title) => title.startsWith("Task ")).sort()).toEqual(shared.map((n) => `Task ${n}`).sort());
  expect(titles.filter((title) => title.startsWith("Bob "))).toHaveLength(40);
});

it("walks the label's index and stops at the page, though no newest task carries the label", async () => {
  const statement = listTasksStatement(adaId, TaskListQuerySchema.parse({ label: ["Work"] }), { limit: 20 });
  const result = await db.execute(sql`explain (analyze, costs off) ${statement}`);
  const plan = (result.rows as Record<string, string>[]).map((row) => Object.values(row)[0]).join("\n");
  expect(plan).toMatch(/Index Only Scan Backward using task_label_label_created_idx/);
  expect(plan).not.toMatch(/Seq Scan on task\b/);
  // Two walks (Ada's "Work" and Bob's "work", whose tasks outside the shared project Ada does
  // not see): each stops at 21 rows Ada sees, not at her 150 labelled tasks or her 900.
  const [walked] = [
    ...plan.matchAll(
      /task_label_label_created_idx on task_label walked_link \(actual time=\S+ rows=([\d.]+) loops=(\d+)/g,
    ),
  ];
  expect(Number(walked![2])).toBe(2);
  expect(Number(walked![1]) * 2).toBeLessThanOrEqual(21 + 21 + 40);
});
