// Seeds the benchmark database through the app's own modules: 100 users (signed up with
// Better Auth, so their passwords are real scrypt hashes) with 200 tasks each, half of them
// labelled "Work" and a sixth also "Urgent"; and one more person with 2,000 tasks, every tenth
// in the project "Focus" (scenario 1j), the rest in the Inbox. Then 10,000 reminders, all in the
// future (BENCH_REMINDERS), so the scenarios run with the reminder scheduler's table filled.
// Run with DATABASE_URL or DATA_DIR set; the server must not be running on a PGlite DATA_DIR.
import { auth } from "~/auth/auth.server";
import { sql } from "drizzle-orm";
import { closeDatabase, db, migrateDatabase } from "~/db.server";
import { createLabelForUser } from "~/labels/labels.server";
import { createProjectForUser } from "~/projects/projects.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { createTasksForUser } from "~/tasks/tasks.server";
import { BENCH_PASSWORD, BENCH_PROJECTS_USER, benchEmail } from "./users.js";

const USERS = Number(process.env.BENCH_USERS ?? 100);
const REMINDERS = Number(process.env.BENCH_REMINDERS ?? 10_000);
const TASKS_PER_USER = Number(process.env.BENCH_TASKS_PER_USER ?? 200);
const priorities = ["low", "medium", "high"] as const;
const categories = ["Work", "Home", "Errands", "Health", null];

await migrateDatabase();
const started = Date.now();
for (let start = 0; start < USERS; start += 10) {
  await Promise.all(
    Array.from({ length: Math.min(10, USERS - start) }, async (_, offset) => {
      const index = start + offset;
      const { user } = await auth.api.signUpEmail({
        body: { name: `Bench User ${index}`, email: benchEmail(index), password: BENCH_PASSWORD },
      });
      await createLabelForUser(user.id, { name: "Work", color: "blue" });
      await createLabelForUser(user.id, { name: "Urgent", color: "red" });
      const tasks = Array.from({ length: TASKS_PER_USER }, (_, n) =>
        TaskInputSchema.parse({
          title: `Task ${n} of user ${index}`,
          description: n % 3 === 0 ? "Some notes about this task, long enough to look like real text." : "",
          priority: priorities[n % 3],
          category: categories[n % 5],
          dueDate:
            n % 4 === 0
              ? null
              : `2027-${String((n % 12) + 1).padStart(2, "0")}-${String((n % 28) + 1).padStart(2, "0")}`,
          completed: n % 5 === 0,
          labels: n % 6 === 0 ? ["Work", "Urgent"] : n % 2 === 0 ? ["Work"] : [],
        }),
      );
      await createTasksForUser(user.id, tasks);
    }),
  );
}
{
  const { user } = await auth.api.signUpEmail({
    body: { name: "Bench projects", email: benchEmail(BENCH_PROJECTS_USER), password: BENCH_PASSWORD },
  });
  const focus = await createProjectForUser(user.id, { name: "Focus", favorite: true });
  const tasks = Array.from({ length: 2000 }, (_, n) =>
    TaskInputSchema.parse({
      title: `Task ${n} of the projects user`,
      priority: priorities[n % 3],
      completed: n % 5 === 0,
      ...(n % 10 === 0 && { projectId: focus.id }),
    }),
  );
  for (let start = 0; start < tasks.length; start += 500)
    await createTasksForUser(user.id, tasks.slice(start, start + 500));
}
// Future reminders an hour before the due time of pending tasks due in 2027 (the seed's dates),
// as the app schedules them: what the scheduler's idle query looks past.
await db.execute(sql`insert into task_reminder (task_id, set_by, before_seconds, send_at)
  select id, user_id, 3600, due_at - interval '1 hour' from task
  where due_at is not null and not completed order by id limit ${REMINDERS}`);
// As after any bulk load: fresh statistics now, so autovacuum does not analyse the tables
// (on the same cores) while the first scenario is being measured.
await db.execute(sql`vacuum analyze`);
await closeDatabase();
console.log(
  JSON.stringify({
    users: USERS,
    tasksPerUser: TASKS_PER_USER,
    reminders: REMINDERS,
    seconds: (Date.now() - started) / 1000,
  }),
);
