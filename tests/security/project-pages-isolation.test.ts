// Another person's project through the pages: every project page answers Bob's request for
// Ann's project exactly as for a missing one (a 404 that names nothing, or the same "no longer
// exists" toast), shows none of her tasks, and changes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import * as projectRoute from "~/routes/projects.$projectId";
import * as editRoute from "~/routes/projects.$projectId.edit";
import * as deleteRoute from "~/routes/projects.$projectId.delete";
import { createProjectForUser, getProjectForUser } from "~/projects/projects.server";
import { ProjectInputSchema } from "~/projects/project-schema";
import { createTaskForUser } from "~/tasks/tasks.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import { signUpOverHttp } from "../support/auth";
import { flashOf, loaderOrActionArgs, outcome } from "../support/routes";

const MISSING = "00000000-0000-4000-8000-000000000000";
type AnyRoute = (args: never) => unknown;

let ann: { userId: string; cookie: string };
let bob: { userId: string; cookie: string };
let annsProject: string;

const call = (fn: AnyRoute, method: "GET" | "POST", path: string, projectId: string, fields?: Record<string, string>) =>
  outcome(() => fn(loaderOrActionArgs(method, path, { cookie: bob.cookie, params: { projectId }, fields }) as never));

beforeAll(async () => {
  ann = await signUpOverHttp({ name: "Ann" });
  bob = await signUpOverHttp({ name: "Bob" });
  annsProject = (await createProjectForUser(ann.userId, ProjectInputSchema.parse({ name: "Surprise party" }))).id;
  await createTaskForUser(ann.userId, TaskInputSchema.parse({ title: "Book the venue", projectId: annsProject }));
});

describe("project pages isolation", () => {
  it("answers Bob's every page and action for Ann's project as for a missing one", async () => {
    const answers = async (projectId: string) => {
      const page = `/projects/${projectId}`;
      const results = await Promise.all([
        call(projectRoute.loader, "GET", page, projectId),
        call(projectRoute.action, "POST", page, projectId, { intent: "create", title: "Bob was here" }),
        call(editRoute.loader, "GET", `${page}/edit`, projectId),
        call(editRoute.action, "POST", `${page}/edit`, projectId, { intent: "save", name: "Mine", color: "red" }),
        call(deleteRoute.loader, "GET", `${page}/delete`, projectId),
        call(deleteRoute.action, "POST", `${page}/delete`, projectId),
      ]);
      const flags = [];
      for (const intent of ["archive", "unarchive", "favorite", "move"]) {
        const fields = { intent, favorite: "true", direction: "up", back: "/projects" };
        const result = await call(editRoute.action, "POST", `${page}/edit`, projectId, fields);
        flags.push({ status: result.status, location: result.location, flash: await flashOf(result.response) });
      }
      return { results: results.map(({ status, data }) => ({ status, data })), flags };
    };
    const theirs = await answers(annsProject);
    expect(theirs).toEqual(await answers(MISSING));
    expect(theirs.results.every((result) => result.status === 404)).toBe(true);
    expect(JSON.stringify(theirs)).not.toMatch(/Surprise|venue/);
    expect(await getProjectForUser(ann.userId, annsProject)).toMatchObject({
      name: "Surprise party",
      archived: false,
      favorite: false,
      taskCount: 1,
    });
  });
});
