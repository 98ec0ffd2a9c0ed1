// A person's projects are theirs alone: Ann's project id is a 404 to Bob on every verb and
// path of the API, exactly as a missing project, and naming it on a task (create, replace,
// change, the list's filter) or in the forms gets him the same "no such project". Nothing of
// Ann's changes, and nothing of hers shows in Bob's lists.
import { beforeAll, describe, expect, it } from "vitest";
import { listProjectsForUser } from "~/projects/projects.server";
import * as listRoute from "~/routes/tasks";
import * as taskRoute from "~/routes/tasks.$taskId";
import { apiFetch, type ApiUser, signUpApiUser, withToken } from "../support/api";
import { loaderOrActionArgs, outcome } from "../support/routes";
import { replyErrors, signUpOverHttp } from "../support/auth";

let ann: ApiUser;
let bob: ApiUser;
let annsProject: string;
let annsInbox: string;
let bobsTask: string;

const send = (user: ApiUser, path: string, method = "GET", json?: unknown) =>
  apiFetch(path, withToken(user.token, { method, json }));

beforeAll(async () => {
  ann = await signUpApiUser("Ann");
  bob = await signUpApiUser("Bob");
  annsProject = ((await (await send(ann, "/api/projects", "POST", { name: "Ann's plans" })).json()) as { id: string })
    .id;
  await send(ann, "/api/tasks", "POST", { title: "Ann's secret", projectId: annsProject });
  annsInbox = (await listProjectsForUser(ann.id)).find((project) => project.inbox)!.id;
  bobsTask = ((await (await send(bob, "/api/tasks", "POST", { title: "Bob's" })).json()) as { id: string }).id;
});

const annsView = async () => ({
  projects: await listProjectsForUser(ann.id),
  archived: await listProjectsForUser(ann.id, { archived: true }),
});

describe("project isolation", () => {
  it("answers 404 to Bob for Ann's projects on every verb and path, as for a missing one, and changes nothing", async () => {
    const before = await annsView();
    for (const prefix of ["/api", `/api/${bob.id}`]) {
      for (const [method, json] of [
        ["GET", undefined],
        ["PATCH", { name: "Bob was here" }],
        ["PATCH", { archived: true }],
        ["PATCH", { position: 1 }],
        ["DELETE", undefined],
      ] as const) {
        for (const id of [annsProject, annsInbox]) {
          const missing = await send(bob, `${prefix}/projects/${crypto.randomUUID()}`, method, json);
          const response = await send(bob, `${prefix}/projects/${id}`, method, json);
          expect(response.status, `${method} ${prefix}`).toBe(404);
          expect(await response.json()).toEqual(await missing.json());
        }
      }
    }
    expect(await annsView()).toEqual(before);
  });

  it("does not list Ann's projects to Bob, nor let him reach them under Ann's user id", async () => {
    const names = async (query: string) =>
      ((await (await send(bob, `/api/projects${query}`)).json()) as { projects: { name: string }[] }).projects.map(
        (project) => project.name,
      );
    expect(await names("")).toEqual(["Inbox"]);
    expect(await names("?archived=true")).toEqual([]);
    expect((await send(bob, `/api/${ann.id}/projects`)).status).toBe(403);
    expect((await send(bob, `/api/${ann.id}/projects/${annsProject}`)).status).toBe(403);
  });

  it("treats Ann's project as missing when Bob names it on a task or in the list's filter", async () => {
    const before = await annsView();
    for (const [method, path, body] of [
      ["POST", "/api/tasks", { title: "Into Ann's" }],
      ["PUT", `/api/tasks/${bobsTask}`, { title: "Into Ann's" }],
      ["PATCH", `/api/tasks/${bobsTask}`, {}],
    ] as const) {
      for (const id of [annsProject, annsInbox]) {
        const missing = await send(bob, path, method, { ...body, projectId: crypto.randomUUID() });
        const response = await send(bob, path, method, { ...body, projectId: id });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(await response.json()).toEqual(await missing.json());
      }
    }
    const filtered = await send(bob, `/api/tasks?project=${annsProject}`);
    expect(filtered.status).toBe(404);
    expect(await filtered.json()).toEqual(await (await send(bob, `/api/tasks?project=${crypto.randomUUID()}`)).json());
    const bobsTasks = (await (await send(bob, "/api/tasks")).json()) as { tasks: { title: string }[] };
    expect(bobsTasks.tasks.map((task) => task.title)).toEqual(["Bob's"]);
    expect(await annsView()).toEqual(before);
  });

  it("refuses Ann's project in Bob's task forms with the form error a missing project gets", async () => {
    const visitor = await signUpOverHttp({ name: "Bob in a browser" });
    const before = await annsView();
    const create = (projectId: string) =>
      outcome(() =>
        listRoute.action(
          loaderOrActionArgs("POST", "/tasks", {
            cookie: visitor.cookie,
            fields: { intent: "create", title: "Into Ann's", projectId },
          }) as unknown as Parameters<typeof listRoute.action>[0],
        ),
      );
    const [intoAnns, intoMissing] = [await create(annsProject), await create(crypto.randomUUID())];
    expect([intoAnns.status, intoMissing.status]).toEqual([400, 400]);
    expect(replyErrors(intoAnns.data)).toEqual({ projectId: ["No such project"] });
    expect(replyErrors(intoMissing.data)).toEqual(replyErrors(intoAnns.data));

    const created = await outcome(() =>
      listRoute.action(
        loaderOrActionArgs("POST", "/tasks", {
          cookie: visitor.cookie,
          fields: { intent: "create", title: "Mine" },
        }) as unknown as Parameters<typeof listRoute.action>[0],
      ),
    );
    expect(created.status).toBe(302);
    const taskId = (
      await listRoute.loader(
        loaderOrActionArgs("GET", "/tasks", { cookie: visitor.cookie }) as unknown as Parameters<
          typeof listRoute.loader
        >[0],
      )
    ).tasks[0]!.id;
    const edit = await outcome(() =>
      taskRoute.action(
        loaderOrActionArgs("POST", `/tasks/${taskId}`, {
          cookie: visitor.cookie,
          params: { taskId },
          fields: { intent: "update", title: "Mine", projectId: annsProject },
        }) as unknown as Parameters<typeof taskRoute.action>[0],
      ),
    );
    expect(edit.status).toBe(400);
    expect(replyErrors(edit.data)).toEqual({ projectId: ["No such project"] });
    expect(await annsView()).toEqual(before);
  });
});
