// Each process keeps hasSharedProjects' answer per person (decision 135), so a list costs one
// round trip. What the person sees must still follow their memberships: at once when this
// process changes one, as soon as the event hub reads a change made elsewhere, and after
// SHARED_ANSWER_MS at the latest. A membership written straight to the database stands for
// another process's write: this one learns of it only through the event log.
import { afterEach, describe, expect, it } from "vitest";
import { setClock } from "~/clock.server";
import { db } from "~/db.server";
import { eventHub } from "~/events/hub.server";
import { addProjectMember, removeProjectMember } from "~/projects/members.server";
import { SHARED_ANSWER_MS } from "~/projects/projects.server";
import { projectMember } from "../../db/schema";
import { type ApiUser, apiFetch, signUpApiUser, withToken } from "../support/api";

afterEach(() => setClock(null));

/** An owner's project with one task in it, and its id and the task's title. */
async function projectWithTask(owner: ApiUser) {
  const created = await apiFetch(
    "/api/projects",
    withToken(owner.token, { method: "POST", json: { name: `Shared ${crypto.randomUUID().slice(0, 8)}` } }),
  );
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const title = `In the shared project ${crypto.randomUUID().slice(0, 8)}`;
  const task = await apiFetch("/api/tasks", withToken(owner.token, { method: "POST", json: { title, projectId: id } }));
  expect(task.status).toBe(201);
  return { projectId: id, title };
}

/** The titles of the reader's list (the JSON API's first page). */
async function titles(reader: ApiUser): Promise<string[]> {
  const response = await apiFetch("/api/tasks?limit=100", withToken(reader.token));
  expect(response.status).toBe(200);
  return ((await response.json()) as { tasks: { title: string }[] }).tasks.map((task) => task.title);
}

describe("the kept answer to 'is this person in someone else's project?'", () => {
  it("is forgotten when this process adds or removes the person", async () => {
    const [owner, member] = await Promise.all([signUpApiUser("Owner"), signUpApiUser("Member")]);
    const { projectId, title } = await projectWithTask(owner);
    expect(await titles(member)).not.toContain(title);

    await addProjectMember(owner.id, projectId, member.id, "viewer");
    expect(await titles(member)).toContain(title);

    await removeProjectMember(owner.id, projectId, member.id);
    expect(await titles(member)).not.toContain(title);
  });

  it("is forgotten when the event hub reads a membership another process wrote", async () => {
    const [owner, member] = await Promise.all([signUpApiUser("Owner"), signUpApiUser("Member")]);
    const { projectId, title } = await projectWithTask(owner);
    expect(await titles(member)).not.toContain(title);

    await eventHub.start();
    try {
      await db.insert(projectMember).values({ projectId, userId: member.id, role: "viewer" });
      await eventHub.settled();
      expect(await titles(member)).toContain(title);
    } finally {
      // Stopped again: the next test counts on no reader of the log.
      await eventHub.stop();
    }
  });

  it("lasts SHARED_ANSWER_MS at most", async () => {
    const [owner, member] = await Promise.all([signUpApiUser("Owner"), signUpApiUser("Member")]);
    const { projectId, title } = await projectWithTask(owner);
    const start = Date.now();
    setClock(() => new Date(start));
    expect(await titles(member)).not.toContain(title);

    await db.insert(projectMember).values({ projectId, userId: member.id, role: "viewer" });
    setClock(() => new Date(start + SHARED_ANSWER_MS - 1));
    expect(await titles(member)).not.toContain(title);
    setClock(() => new Date(start + SHARED_ANSWER_MS));
    expect(await titles(member)).toContain(title);
  });
});
