// Migration 0014 adds task_tally (decision 077) to a database the previous release filled: it
// starts with every person's counts by done and category, and its triggers keep them equal to
// a count of the tasks through inserts, updates (one task, many, moved between rows or not) and
// deletes, moves between projects, and a project's and a person's deletion. On the project's own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const lastRelease = migrationsBefore("0014_");

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BO = "00000000-0000-4000-8000-000000000002";
const ADA_INBOX = "00000000-0000-4000-8000-0000000000a1";
const ADA_GARDEN = "00000000-0000-4000-8000-0000000000a2";
const BO_INBOX = "00000000-0000-4000-8000-0000000000b1";

/** The tally's non-zero rows, and what counting the tasks gives: they must be equal. */
async function tallyAndCount() {
  const order = "order by user_id, project_id, completed, category nulls first";
  const tally = await database.rows(
    `select user_id, project_id, completed, category, tasks from task_tally where tasks <> 0 ${order}`,
  );
  const counted = await database.rows(
    `select user_id, project_id, completed, category, count(*)::int as tasks from task group by 1, 2, 3, 4 ${order}`,
  );
  return { tally, counted };
}

it("counts the tasks already there, then follows every change", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values
      ('${ADA}', 'Ada', 'ada@example.com', true), ('${BO}', 'Bo', 'bo@example.com', true);
    insert into project (id, user_id, name, color, inbox) values
      ('${ADA_INBOX}', '${ADA}', 'Inbox', 'gray', true), ('${ADA_GARDEN}', '${ADA}', 'Garden', 'green', false),
      ('${BO_INBOX}', '${BO}', 'Inbox', 'gray', true);
    insert into task (user_id, project_id, title, completed, category)
    select case when n % 3 = 0 then '${BO}'::uuid else '${ADA}'::uuid end,
           case when n % 3 = 0 then '${BO_INBOX}'::uuid when n % 3 = 1 then '${ADA_INBOX}'::uuid else '${ADA_GARDEN}'::uuid end,
           'Task ' || n, n % 2 = 0, (array['Work', 'Home', null])[n % 3 + 1]
    from generate_series(1, 40) as n`);

  for (const statement of statements("0014_task_tally.sql")) await database.exec(statement);
  let { tally, counted } = await tallyAndCount();
  expect(tally).toEqual(counted);
  expect(tally.length).toBeGreaterThan(4);

  const changes = [
    `insert into task (user_id, project_id, title, category) values ('${ADA}', '${ADA_INBOX}', 'One more', 'Garden')`,
    `update task set title = title || '!' where user_id = '${ADA}'`,
    `update task set completed = not completed where title in ('Task 1', 'Task 2', 'Task 4')`,
    `update task set category = null where category = 'Home' and user_id = '${ADA}'`,
    `delete from task where title in ('Task 5', 'Task 7', 'One more!')`,
    `update task set project_id = '${ADA_GARDEN}' where project_id = '${ADA_INBOX}' and completed`,
    `update task set completed = true`,
    `delete from project where id = '${ADA_GARDEN}'`,
    `delete from "user" where id = '${BO}'`,
  ];
  for (const change of changes) {
    await database.exec(change);
    ({ tally, counted } = await tallyAndCount());
    expect(tally, change).toEqual(counted);
  }
  // A person deleted takes their tally rows along.
  expect(await database.rows(`select 1 from task_tally where user_id = '${BO}'`)).toEqual([]);
});
