// Labels through the JSON API: their own endpoints, on tasks, as a list filter, and in ETags.
import { beforeAll, describe, expect, it } from "vitest";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";

let ann: ApiUser;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
});

interface LabelJson {
  id: string;
  name: string;
  color: string;
}
interface TaskJson {
  id: string;
  title: string;
  labels: string[];
  updatedAt: string;
}

const send = (path: string, method: string, json?: unknown, user = ann) =>
  apiFetch(path, withToken(user.token, { method, json }));

async function createLabel(name: string, color?: string, user = ann): Promise<LabelJson> {
  const response = await send("/api/labels", "POST", { name, color }, user);
  expect(response.status).toBe(201);
  return (await response.json()) as LabelJson;
}

async function createTask(json: unknown, user = ann): Promise<{ task: TaskJson; etag: string }> {
  const response = await send("/api/tasks", "POST", json, user);
  expect(response.status).toBe(201);
  return { task: (await response.json()) as TaskJson, etag: response.headers.get("etag")! };
}

async function listTitles(query: string, user = ann): Promise<string[]> {
  const response = await apiFetch(`/api/tasks?${query}`, withToken(user.token));
  expect(response.status).toBe(200);
  return ((await response.json()) as { tasks: TaskJson[] }).tasks.map((task) => task.title).sort();
}

describe("/api/labels", () => {
  it("creates, lists A to Z ignoring case, renames, recolours and deletes", async () => {
    const user = await signUpApiUser("Lena");
    const response = await send("/api/labels", "POST", { name: "  zebra  ", color: "teal" }, user);
    expect(response.status).toBe(201);
    const zebra = (await response.json()) as LabelJson;
    expect(zebra).toEqual({ id: expect.any(String), name: "zebra", color: "teal" });
    expect(response.headers.get("location")).toBe(`/api/labels/${zebra.id}`);
    // Without a colour: the palette's next one.
    expect((await createLabel("Alpha", undefined, user)).color).toEqual(expect.any(String));

    const list = await send("/api/labels", "GET", undefined, user);
    expect(((await list.json()) as { labels: LabelJson[] }).labels.map((label) => label.name)).toEqual([
      "Alpha",
      "zebra",
    ]);

    const renamed = await send(`/api/labels/${zebra.id}`, "PATCH", { name: "Zebra", color: "pink" }, user);
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toEqual({ id: zebra.id, name: "Zebra", color: "pink" });

    expect((await send(`/api/labels/${zebra.id}`, "DELETE", undefined, user)).status).toBe(204);
    expect((await send(`/api/labels/${zebra.id}`, "DELETE", undefined, user)).status).toBe(404);
  });

  it("refuses a second label of the same name ignoring case (409), on create and on rename", async () => {
    await createLabel("Errands");
    const again = await send("/api/labels", "POST", { name: "ERRANDS" });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { detail: string }).detail).toContain("ERRANDS");
    const other = await createLabel("Garden");
    expect((await send(`/api/labels/${other.id}`, "PATCH", { name: "errands" })).status).toBe(409);
  });

  it.each([
    [{ name: "" }, "name"],
    [{ name: "x".repeat(33) }, "name"],
    [{ name: "tab\there" }, "name"],
    [{ name: "ok", color: "chartreuse" }, "color"],
    [{ name: "ok", extra: 1 }, "extra"],
    [{ name: 42 }, "name"],
  ])("answers 400 naming the field for %j", async (json, path) => {
    const response = await send("/api/labels", "POST", json);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { path: string }[] }).errors.map((error) => error.path)).toContain(
      path,
    );
  });

  it("accepts 32 characters and answers 404 for an id that is not a UUID", async () => {
    expect((await send("/api/labels", "POST", { name: "y".repeat(32) })).status).toBe(201);
    expect((await send("/api/labels/not-a-uuid", "PATCH", { name: "x" })).status).toBe(404);
  });

  it("is served under /api/{userId}/labels too", async () => {
    const response = await apiFetch(`/api/${ann.id}/labels`, withToken(ann.token));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { labels: unknown[] }).labels.length).toBeGreaterThan(0);
  });
});

describe("labels on tasks", () => {
  it("sets labels by name ignoring case, shows the stored names A to Z, and changes them with PATCH", async () => {
    await createLabel("Work");
    await createLabel("urgent");
    const { task } = await createTask({ title: "Report", labels: ["work", "URGENT", "Work"] });
    expect(task.labels).toEqual(["urgent", "Work"]);
    const got = await send(`/api/tasks/${task.id}`, "GET");
    expect(((await got.json()) as TaskJson).labels).toEqual(["urgent", "Work"]);

    const patched = await send(`/api/tasks/${task.id}`, "PATCH", { labels: ["Work"] });
    expect(((await patched.json()) as TaskJson).labels).toEqual(["Work"]);
    // PUT without labels: back to the default, none.
    const replaced = await send(`/api/tasks/${task.id}`, "PUT", { title: "Report" });
    expect(((await replaced.json()) as TaskJson).labels).toEqual([]);
  });

  it("answers 400 naming each label the person does not have, and changes nothing", async () => {
    const { task, etag } = await createTask({ title: "Untouched" });
    for (const [path, method] of [
      ["/api/tasks", "POST"],
      [`/api/tasks/${task.id}`, "PUT"],
      [`/api/tasks/${task.id}`, "PATCH"],
    ] as const) {
      const response = await send(path, method, { title: "Changed", labels: ["Work", "No such", "Nope"] });
      expect(response.status, `${method} ${path}`).toBe(400);
      const body = (await response.json()) as { detail: string; errors: { path: string; message: string }[] };
      expect(body.errors).toEqual([
        { path: "labels", message: "No label named “No such”" },
        { path: "labels", message: "No label named “Nope”" },
      ]);
    }
    const after = await send(`/api/tasks/${task.id}`, "GET");
    expect(after.headers.get("etag")).toBe(etag);
    expect(((await after.json()) as TaskJson).title).toBe("Untouched");
  });

  it("filters by one or more labels (all must match), by name ignoring case", async () => {
    const user = await signUpApiUser("Filterer");
    await createLabel("Home", undefined, user);
    await createLabel("Weekend", undefined, user);
    await createTask({ title: "Both", labels: ["Home", "Weekend"] }, user);
    await createTask({ title: "Home only", labels: ["Home"] }, user);
    await createTask({ title: "None" }, user);
    expect(await listTitles("label=home", user)).toEqual(["Both", "Home only"]);
    expect(await listTitles("label=Home&label=WEEKEND", user)).toEqual(["Both"]);
    expect(await listTitles("label=Unknown", user)).toEqual([]);
    expect(await listTitles("", user)).toEqual(["Both", "Home only", "None"]);
    const tooMany = await apiFetch(`/api/tasks?${"label=a&".repeat(11)}`, withToken(user.token));
    expect(tooMany.status).toBe(400);
  });

  it("moves a task's ETag when a label on it is renamed or deleted, not when it is recoloured", async () => {
    const label = await createLabel("Renamable", "blue");
    const { task, etag } = await createTask({ title: "Tagged", labels: ["Renamable"] });
    const { etag: untaggedEtag, task: untagged } = await createTask({ title: "Untagged" });

    await send(`/api/labels/${label.id}`, "PATCH", { color: "red" });
    expect((await send(`/api/tasks/${task.id}`, "GET")).headers.get("etag")).toBe(etag);

    await send(`/api/labels/${label.id}`, "PATCH", { name: "Renamed" });
    const afterRename = await send(`/api/tasks/${task.id}`, "GET");
    const renamedEtag = afterRename.headers.get("etag")!;
    expect(renamedEtag).not.toBe(etag);
    expect(((await afterRename.json()) as TaskJson).labels).toEqual(["Renamed"]);
    // A write that still holds the old ETag is refused.
    expect(
      (
        await apiFetch(
          `/api/tasks/${task.id}`,
          withToken(ann.token, { method: "PATCH", json: { title: "x" }, headers: { "if-match": etag } }),
        )
      ).status,
    ).toBe(412);

    await send(`/api/labels/${label.id}`, "DELETE");
    const afterDelete = await send(`/api/tasks/${task.id}`, "GET");
    expect(afterDelete.headers.get("etag")).not.toBe(renamedEtag);
    expect(((await afterDelete.json()) as TaskJson).labels).toEqual([]);
    expect((await send(`/api/tasks/${untagged.id}`, "GET")).headers.get("etag")).toBe(untaggedEtag);
  });
});
