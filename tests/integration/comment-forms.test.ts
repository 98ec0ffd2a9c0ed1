// The task page's comment forms without JavaScript: plain posts to the page's action, a
// redirect back to the page on success, the refusal next to its form otherwise; the page
// shows each comment's author and time in the reader's account zone.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import * as taskPage from "~/routes/tasks.$taskId";
import { createTaskForUser, type Task } from "~/tasks/tasks.server";
import { user } from "../../db/schema";
import { signUpOverHttp } from "../support/auth";
import { loaderOrActionArgs, outcome } from "../support/routes";

let person: { userId: string; cookie: string };
let task: Task;

beforeAll(async () => {
  person = await signUpOverHttp({ name: "Cora" });
  // Read in Tokyo: the page writes times in the account's zone, not the server's (UTC).
  await db.update(user).set({ timeZone: "Asia/Tokyo" }).where(eq(user.id, person.userId));
  task = await createTaskForUser(person.userId, {
    title: "Discuss",
    description: "",
    priority: "medium",
    category: null,
    dueDate: null,
    completed: false,
    labels: [],
  });
});

const post = (fields: Record<string, string>) =>
  outcome(() =>
    taskPage.action(
      loaderOrActionArgs("POST", `/tasks/${task.id}`, {
        cookie: person.cookie,
        params: { taskId: task.id },
        fields,
      }) as unknown as Parameters<typeof taskPage.action>[0],
    ),
  );

const page = async () =>
  (await taskPage.loader(
    loaderOrActionArgs("GET", `/tasks/${task.id}`, {
      cookie: person.cookie,
      params: { taskId: task.id },
    }) as unknown as Parameters<typeof taskPage.loader>[0],
  )) as Awaited<ReturnType<typeof taskPage.loader>>;

describe("the task page's comment forms", () => {
  it("adds, edits and deletes a comment, each time back to the task's page", async () => {
    const added = await post({ intent: "comment-add", body: "First thought", back: "/tasks?sort=title" });
    expect(added).toMatchObject({ status: 302, location: `/tasks/${task.id}?back=%2Ftasks%3Fsort%3Dtitle` });
    const [comment] = (await page()).comments;
    expect(comment).toMatchObject({ body: "First thought", authorName: "Cora", edited: false, canEdit: true });
    const instant = new Date(comment!.createdAt);
    expect(comment!.when).toBe(
      new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Tokyo" }).format(
        instant,
      ),
    );

    expect((await post({ intent: "comment-edit", commentId: comment!.id, body: "Second thought" })).status).toBe(302);
    expect((await page()).comments).toMatchObject([{ body: "Second thought", edited: true }]);
    expect((await post({ intent: "comment-delete", commentId: comment!.id })).status).toBe(302);
    expect((await page()).comments).toEqual([]);
  });

  it("refuses an empty or too long comment next to its form, and a comment deleted meanwhile", async () => {
    const empty = await post({ intent: "comment-add", body: "  " });
    expect(empty).toMatchObject({
      status: 400,
      data: { intent: "comment", form: "comment-add", result: { error: { body: ["A comment needs some text"] } } },
    });
    const long = await post({ intent: "comment-add", body: "x".repeat(5001) });
    expect(long).toMatchObject({
      status: 400,
      data: { result: { error: { body: ["A comment must be at most 5,000 characters"] } } },
    });
    const gone = "00000000-0000-4000-8000-000000000000";
    expect(await post({ intent: "comment-edit", commentId: gone, body: "Hello" })).toMatchObject({
      status: 404,
      data: { form: `comment-${gone}`, message: expect.stringMatching(/no longer on this task/) },
    });
    expect((await page()).comments).toEqual([]);
  });
});
