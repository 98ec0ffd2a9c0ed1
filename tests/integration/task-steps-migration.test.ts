// The task_steps migration (0013) adds task.steps (decision 088) to a database the previous release filled:
// every task keeps its fields and labels and gets an empty checklist, and the table refuses a
// checklist that is not a list or holds more than 100 steps. On the project's own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_task_steps.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

it("gives every existing task an empty checklist and keeps the rest of it", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values
      ('00000000-0000-4000-8000-000000000001', 'Ada', 'ada@example.com', true);
    insert into project (id, user_id, name, color, inbox) values
      ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001', 'Inbox', 'gray', true);
    insert into task (id, user_id, project_id, title, description, completed, priority, category, due_date, updated_at) values
      ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000c1', 'Pack', 'Bags', false, 'high', 'Trip', '2027-01-02', '2026-11-30T10:00:00Z'),
      ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-0000000000c1', 'Book', '', true, 'low', null, null, '2026-11-30T11:00:00Z');
    insert into label (id, user_id, name, color) values
      ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-000000000001', 'Work', 'red');
    insert into task_label (task_id, label_id) values
      ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000b1')`);

  for (const statement of statements(migration)) await database.exec(statement);

  expect(
    await database.rows(`
      select title, description, completed, priority, category, due_date::text as due_date,
        updated_at = '2026-11-30T10:00:00Z' or updated_at = '2026-11-30T11:00:00Z' as updated_at_kept,
        steps
      from task order by title`),
  ).toEqual([
    {
      title: "Book",
      description: "",
      completed: true,
      priority: "low",
      category: null,
      due_date: null,
      updated_at_kept: true,
      steps: [],
    },
    {
      title: "Pack",
      description: "Bags",
      completed: false,
      priority: "high",
      category: "Trip",
      due_date: "2027-01-02",
      updated_at_kept: true,
      steps: [],
    },
  ]);
  expect(await database.rows(`select task_id, label_id from task_label`)).toHaveLength(1);

  // The table holds what the app writes, and refuses the rest.
  const steps = (count: number) =>
    JSON.stringify(
      Array.from({ length: count }, (_, index) => ({ id: crypto.randomUUID(), text: `Step ${index}`, done: false })),
    );
  await database.exec(`update task set steps = '${steps(100)}' where title = 'Pack'`);
  for (const value of [steps(101), '{"text": "not a list"}', '"text"']) {
    await expect(
      database.exec(`update task set steps = '${value}' where title = 'Book'`),
      value.slice(0, 20),
    ).rejects.toThrow(/task_steps_check/);
  }
});
