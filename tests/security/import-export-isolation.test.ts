// Import and export across people: Bob's export holds nothing of Ann's, asking for her project
// is a 404 like a missing one, and an import into her project (API or form) is the same 404,
// writing nothing. And the one exception to the body rules (decision 105): the import's upload
// may be multipart and up to 5 MB on its own paths only.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createLabelForUser } from "~/labels/labels.server";
import { createProjectForUser, getProjectForUser } from "~/projects/projects.server";
import { ProjectInputSchema } from "~/projects/project-schema";
import * as yourData from "~/routes/settings.data";
import * as exportDownload from "~/routes/settings.data.export";
import { addTaskComment } from "~/comments/comments.server";
import { createTaskForUser, updateTaskForUser } from "~/tasks/tasks.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { IMPORT_MAX_BYTES } from "~/tasks/transfer/import-file";
import { bodyRefusal, IMPORT_UPLOAD_MAX_BYTES, MAX_BODY_BYTES } from "../../server/body-limits";
import { project, projectMember, task } from "../../db/schema";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { signUpOverHttp } from "../support/auth";
import { loaderOrActionArgs, outcome } from "../support/routes";

const MISSING = "00000000-0000-4000-8000-000000000000";
const CSV =
  "TYPE,CONTENT,DESCRIPTION,PRIORITY,INDENT,AUTHOR,RESPONSIBLE,DATE,DATE_LANG,TIMEZONE\ntask,Bob was here,,,1,,,,,\n";

let ann: ApiUser;
let bob: ApiUser;
// Bob in a browser: the pages' session cookie.
let bobInBrowser: { userId: string; cookie: string };
let annsProject: string;

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpApiUser("Bob");
  bobInBrowser = await signUpOverHttp({ name: "Bob" });
  annsProject = (await createProjectForUser(ann.id, ProjectInputSchema.parse({ name: "Surprise party" }))).id;
  await createTaskForUser(ann.id, TaskInputSchema.parse({ title: "Book the venue", projectId: annsProject }));
  await createLabelForUser(ann.id, { name: "secret" });
});

const annsTaskCount = async () => (await getProjectForUser(ann.id, annsProject))!.taskCount;

describe("export isolation", () => {
  it("Bob's export (JSON and CSV) holds nothing of Ann's", async () => {
    const json = await (await apiFetch("/api/export", withToken(bob.token))).text();
    const csv = await (await apiFetch("/api/export?format=csv", withToken(bob.token))).text();
    for (const text of [json, csv]) {
      expect(text).not.toContain("Surprise party");
      expect(text).not.toContain("Book the venue");
      expect(text).not.toContain("secret");
      expect(text).not.toContain(annsProject);
    }
  });

  it("Bob asking for Ann's project gets the 404 of a missing one, through the API and the page's download", async () => {
    const answer = async (id: string) => {
      const response = await apiFetch(`/api/export?project=${id}`, withToken(bob.token));
      return { status: response.status, body: await response.json() };
    };
    expect(await answer(annsProject)).toEqual(await answer(MISSING));
    expect((await answer(annsProject)).status).toBe(404);
    const page = async (id: string) =>
      (
        await outcome(() =>
          exportDownload.loader(
            loaderOrActionArgs("GET", `/settings/data/export?project=${id}`, { cookie: bobInBrowser.cookie }) as never,
          ),
        )
      ).status;
    expect(await page(annsProject)).toBe(404);
    expect(await page(MISSING)).toBe(404);
  });
});

describe("import isolation", () => {
  it("an import into Ann's project is Bob's 404 for a missing one, and writes nothing", async () => {
    const answer = async (id: string, dryRun = "false") => {
      const response = await apiFetch(
        `/api/import?project=${id}&dry_run=${dryRun}`,
        withToken(bob.token, { method: "POST", body: CSV, headers: { "content-type": "text/csv" } }),
      );
      return { status: response.status, body: await response.json() };
    };
    const missing = await answer(MISSING);
    expect(missing).toEqual({ status: 404, body: expect.objectContaining({ detail: "No such project" }) });
    expect(await answer(annsProject)).toEqual(missing);
    expect(await answer(annsProject, "true")).toEqual(missing);
    expect(await annsTaskCount()).toBe(1);
  });

  it("the Your data form answers Ann's project as a missing one, and writes nothing", async () => {
    const submit = async (target: string) => {
      const form = new FormData();
      form.set("file", new File([CSV], "bob.csv", { type: "text/csv" }));
      form.set("target", target);
      const args = loaderOrActionArgs("POST", "/settings/data", { cookie: bobInBrowser.cookie });
      const request = new Request(args.request.url, { method: "POST", headers: args.request.headers, body: form });
      return outcome(() => yourData.action({ ...args, request } as never));
    };
    const missing = await submit(MISSING);
    expect(missing).toMatchObject({ status: 422, data: { errors: [{ line: null, message: "No such project" }] } });
    expect(await submit(annsProject)).toEqual(missing);
    expect(await annsTaskCount()).toBe(1);
  });
});

describe("a shared project (decision 095): membership, not ownership, lets tasks in", () => {
  it("a viewer's import is the 404 of a missing project; an editor's lands, owned by the project's owner; neither exports it as theirs", async () => {
    const cai = await signUpApiUser("Cai");
    const shared = (await createProjectForUser(ann.id, ProjectInputSchema.parse({ name: "Shared plans" }))).id;
    const importInto = async () =>
      apiFetch(
        `/api/import?project=${shared}`,
        withToken(cai.token, { method: "POST", body: CSV, headers: { "content-type": "text/csv" } }),
      );
    await db.insert(projectMember).values({ projectId: shared, userId: cai.id, role: "viewer" });
    expect((await importInto()).status).toBe(404);
    await db
      .update(projectMember)
      .set({ role: "editor" })
      .where(and(eq(projectMember.projectId, shared), eq(projectMember.userId, cai.id)));
    expect((await importInto()).status).toBe(201);
    const rows = await db.select({ userId: task.userId }).from(task).where(eq(task.projectId, shared));
    expect(rows).toEqual([{ userId: ann.id }]);
    const exported = await (await apiFetch("/api/export", withToken(cai.token))).text();
    expect(exported).not.toContain("Shared plans");
    expect((await db.select().from(project).where(eq(project.id, shared))).length).toBe(1);
  });

  it("a member's export of the project carries their own comments and reminders, never another member's", async () => {
    const dee = await signUpApiUser("Dee");
    const shared = (await createProjectForUser(ann.id, ProjectInputSchema.parse({ name: "Shared notes" }))).id;
    await db.insert(projectMember).values({ projectId: shared, userId: dee.id, role: "editor" });
    const created = await createTaskForUser(
      ann.id,
      TaskInputSchema.parse({ title: "Plan the trip", projectId: shared, dueDate: "2030-05-01", dueTime: "10:00" }),
    );
    const taskId = created.id;
    await updateTaskForUser(ann.id, taskId, { reminders: [{ at: new Date("2030-04-30T07:07:07Z") }] });
    await addTaskComment(ann.id, taskId, "Ann's private thought");
    await addTaskComment(dee.id, taskId, "Dee's own line");
    const document = (await (await apiFetch(`/api/export?project=${shared}`, withToken(dee.token))).json()) as {
      tasks: { title: string }[];
      reminders: unknown[];
      comments: { body: string }[];
    };
    expect(document.tasks.map((each) => each.title)).toEqual(["Plan the trip"]);
    expect(document.comments.map((each) => each.body)).toEqual(["Dee's own line"]);
    expect(document.reminders).toEqual([]);
    expect(JSON.stringify(document)).not.toContain("2030-04-30T07:07:07");
  });
});

describe("the import's exception to the body rules", () => {
  const multipart = { "content-type": "multipart/form-data; boundary=X" };
  it("lets the import's page take a multipart upload of the file's 5 MB, and no more", () => {
    for (const path of ["/settings/data", "/settings/data.data"]) {
      expect(bodyRefusal("POST", path, { ...multipart, "content-length": String(IMPORT_UPLOAD_MAX_BYTES) })).toBeNull();
      expect(
        bodyRefusal("POST", path, { ...multipart, "content-length": String(IMPORT_UPLOAD_MAX_BYTES + 1) }),
      ).toEqual({
        status: 413,
        detail: `The file must be at most 5 MB (${IMPORT_MAX_BYTES} bytes).`,
      });
      // Still a Content-Length, as for every page.
      expect(bodyRefusal("POST", path, { ...multipart, "transfer-encoding": "chunked" })?.status).toBe(411);
    }
    expect(
      bodyRefusal("POST", "/api/import", {
        "content-type": "text/csv",
        "content-length": String(IMPORT_UPLOAD_MAX_BYTES),
      }),
    ).toBeNull();
  });

  it("leaves every other page as it was: urlencoded only, 1 MiB at most", () => {
    for (const path of ["/tasks", "/settings", "/settings/data/export", "/settings/datax", "/api/tasks"]) {
      expect(
        bodyRefusal("POST", path, { "content-type": "application/json", "content-length": String(MAX_BODY_BYTES + 1) })
          ?.status,
      ).toBe(413);
    }
    for (const path of ["/tasks", "/settings", "/settings/data/export", "/projects/x"])
      expect(bodyRefusal("POST", path, { ...multipart, "content-length": "100" })?.status).toBe(415);
  });
});
