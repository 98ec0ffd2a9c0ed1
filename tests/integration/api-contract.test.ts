// Real responses, checked against what /api/openapi.json promises for that path, method and status.
import { Ajv2020 } from "ajv/dist/2020";
import { eq } from "drizzle-orm";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "~/api-keys/api-keys.server";
import { addProjectMember } from "~/projects/members.server";
import { db } from "~/db.server";
import routes from "~/routes";
import { mailOutbox, projectMember, task as taskTable } from "../../db/schema";
import { OAUTH_ENDPOINT_PREFIX } from "~/api/openapi-oauth.server";
import { apiFetch, type ApiUser, ORIGIN, PASSWORD, signUpApiUser, withToken } from "../support/api";
import { signUpOverHttp } from "../support/auth";

/** The invitation tokens in the links of the mail queued for `email` (no sender runs in this file). */
async function invitationTokens(email: string): Promise<string[]> {
  const rows = await db.select({ links: mailOutbox.links }).from(mailOutbox).where(eq(mailOutbox.recipient, email));
  return rows.flatMap((row) => row.links).flatMap((link) => /\/invitations\/([\w-]+)$/.exec(link)?.[1] ?? []);
}

interface MediaType {
  schema: object;
}
interface DocumentedResponse {
  $ref?: string;
  content?: Record<string, MediaType>;
}
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, DocumentedResponse> }>>;
  components: { schemas: Record<string, object>; responses: Record<string, DocumentedResponse> };
}

const DOCUMENT_ID = "https://tasklane.test/openapi.json";
let document: OpenApiDocument;
let ajv: Ajv2020;
let ann: ApiUser;

beforeAll(async () => {
  document = (await (await apiFetch("/api/openapi.json")).json()) as OpenApiDocument;
  // The schemas' $refs point into the document (#/components/schemas/…): register it whole.
  ajv = new Ajv2020({ allErrors: true, strictSchema: false });
  addFormats.default(ajv);
  ajv.addSchema({ $id: DOCUMENT_ID, components: document.components });
  ann = await signUpApiUser("Ann");
});

/** Asserts the response is one the document lists for `method path`, with a body matching its schema. */
async function expectDocumented(response: Response, method: string, pathTemplate: string) {
  const operation = document.paths[pathTemplate]?.[method.toLowerCase()];
  expect(operation, `${method} ${pathTemplate} is documented`).toBeDefined();
  let documented = operation!.responses[String(response.status)];
  expect(documented, `${method} ${pathTemplate} documents ${response.status}`).toBeDefined();
  if (documented!.$ref) documented = document.components.responses[documented!.$ref.split("/").at(-1)!];
  const body = await response.text();
  if (!documented!.content) {
    expect(body).toBe("");
    return;
  }
  const contentType = response.headers.get("content-type")!;
  expect(Object.keys(documented!.content)).toContain(contentType);
  const schema = documented!.content[contentType]!.schema as { $ref?: string };
  const validate = ajv.compile(schema.$ref ? { $ref: `${DOCUMENT_ID}${schema.$ref}` } : schema);
  const valid = validate(JSON.parse(body));
  expect(validate.errors ?? [], `${method} ${pathTemplate} ${response.status}: ${body}`).toEqual([]);
  expect(valid).toBe(true);
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with every component schema compilable as JSON Schema 2020-12", () => {
    expect(document.openapi).toBe("3.1.0");
    for (const name of Object.keys(document.components.schemas)) {
      expect(() => ajv.compile({ $ref: `${DOCUMENT_ID}#/components/schemas/${name}` })).not.toThrow();
    }
  });

  it("has a path for every API route in app/routes.ts, both forms of each, and none that is not a route", () => {
    // React Router writes api/tasks/:taskId, OpenAPI /api/tasks/{id}: compare them with the parameters' names left out.
    const routerPath = (path: string) => `/${path}`.replace(/:\w+/g, "{}");
    const documentPath = (path: string) => path.replace(/\{\w+\}/g, "{}");
    const routed = routes.flatMap((route) => (route.path === undefined ? [] : [route.path]));
    // The splat is Better Auth's own endpoints, which are not part of this contract.
    const apiRoutes = routed.filter((path) => path.startsWith("api/") && path !== "api/auth/*");
    expect(apiRoutes).toContain("api/:userId/tasks/:taskId");
    const documented = new Set(Object.keys(document.paths).map(documentPath));
    expect(apiRoutes.filter((path) => !documented.has(routerPath(path)))).toEqual([]);
    const routedPaths = new Set(routed.map(routerPath));
    // Better Auth's OAuth endpoints answer under the splat: the next test holds them to the metadata.
    const underSplat = (path: string) => path.startsWith(OAUTH_ENDPOINT_PREFIX);
    expect([...documented].filter((path) => !routedPaths.has(path) && !underSplat(path))).toEqual([]);
    for (const path of ["/mcp", "/.well-known/oauth-authorization-server", "/.well-known/oauth-protected-resource"]) {
      expect(document.paths[path], path).toBeDefined();
    }
  });

  it("documents every OAuth endpoint the RFC 8414 metadata names, and no other under /api/auth/oauth2/", async () => {
    const metadata = (await (await apiFetch("/.well-known/oauth-authorization-server")).json()) as Record<
      string,
      unknown
    >;
    const advertised = Object.entries(metadata)
      .filter(([key, value]) => key.endsWith("_endpoint") && typeof value === "string")
      .map(([, value]) => new URL(value as string).pathname)
      .filter((path) => path.startsWith(OAUTH_ENDPOINT_PREFIX));
    expect(advertised).toContain(`${OAUTH_ENDPOINT_PREFIX}token`);
    const documented = Object.keys(document.paths).filter((path) => path.startsWith(OAUTH_ENDPOINT_PREFIX));
    expect(advertised.filter((path) => !documented.includes(path))).toEqual([]);
    // Registration is advertised only with OAUTH_DYNAMIC_REGISTRATION=true; it is documented either way.
    expect(documented.filter((path) => !advertised.includes(path) && !path.endsWith("/register"))).toEqual([]);
    const schemes = (document.components as unknown as { securitySchemes: Record<string, { flows?: object }> })
      .securitySchemes;
    expect(schemes.oauth2!.flows).toMatchObject({
      authorizationCode: { authorizationUrl: metadata.authorization_endpoint, tokenUrl: metadata.token_endpoint },
    });
  });

  it("describes a task's steps: required in the answer, at most 100 in a write", () => {
    const schemas = document.components.schemas as Record<
      string,
      { required?: string[]; properties: Record<string, { maxItems?: number }> }
    >;
    expect(schemas.Task!.required).toContain("steps");
    expect(schemas.TaskInput!.properties.steps!.maxItems).toBe(100);
    expect(schemas.TaskPatch!.properties.steps!.maxItems).toBe(100);
  });
});

describe("responses match the document", () => {
  it("for tasks, from creation to deletion", async () => {
    const auth = (init: Parameters<typeof withToken>[1] = {}) => withToken(ann.token, init);
    const created = await apiFetch(
      "/api/tasks",
      auth({ method: "POST", json: { title: "Contract", dueDate: "2026-12-24", category: "x" } }),
    );
    const { id } = (await created.clone().json()) as { id: string };
    await expectDocumented(created, "POST", "/api/tasks");

    await expectDocumented(await apiFetch("/api/tasks?limit=1", auth()), "GET", "/api/tasks");
    await expectDocumented(await apiFetch("/api/tasks?limit=0", auth()), "GET", "/api/tasks");
    await expectDocumented(await apiFetch(`/api/tasks/${id}`, auth()), "GET", "/api/tasks/{id}");
    await expectDocumented(
      await apiFetch(`/api/tasks/${id}`, auth({ method: "PUT", json: { title: "Put" } })),
      "PUT",
      "/api/tasks/{id}",
    );
    await expectDocumented(
      await apiFetch(`/api/tasks/${id}`, auth({ method: "PATCH", json: { junk: 1 } })),
      "PATCH",
      "/api/tasks/{id}",
    );
    // The checklist: written whole, read back with ids; too many steps is a documented 400.
    const withSteps = await apiFetch(
      `/api/tasks/${id}`,
      auth({ method: "PATCH", json: { steps: [{ text: "First" }, { text: "Second", done: true }] } }),
    );
    expect(((await withSteps.clone().json()) as { steps: unknown[] }).steps).toHaveLength(2);
    await expectDocumented(withSteps, "PATCH", "/api/tasks/{id}");
    const withReminders = await apiFetch(
      `/api/tasks/${id}`,
      auth({ method: "PATCH", json: { reminders: [{ before: "PT1H" }, { at: "2099-01-05T09:00:00+01:00" }] } }),
    );
    expect(((await withReminders.clone().json()) as { reminders: unknown[] }).reminders).toHaveLength(2);
    await expectDocumented(withReminders, "PATCH", "/api/tasks/{id}");
    await expectDocumented(await apiFetch("/api/tasks?limit=1", auth()), "GET", "/api/tasks");
    await expectDocumented(
      await apiFetch(`/api/tasks/${id}`, auth({ method: "PATCH", json: { steps: Array(101).fill({ text: "x" }) } })),
      "PATCH",
      "/api/tasks/{id}",
    );
    await expectDocumented(
      await apiFetch(
        `/api/tasks/${id}`,
        auth({ method: "PATCH", json: { completed: true }, headers: { "if-match": '"stale"' } }),
      ),
      "PATCH",
      "/api/tasks/{id}",
    );
    await expectDocumented(
      await apiFetch("/api/tasks", auth({ method: "POST", body: "x", headers: { "content-type": "text/plain" } })),
      "POST",
      "/api/tasks",
    );
    await expectDocumented(
      await apiFetch(`/api/tasks/${id}/complete`, auth({ method: "PATCH" })),
      "PATCH",
      "/api/tasks/{id}/complete",
    );
    const bulk = (json: unknown) => apiFetch("/api/tasks/bulk", auth({ method: "POST", json }));
    await expectDocumented(
      await bulk({ ids: [id], action: "set_priority", priority: "high" }),
      "POST",
      "/api/tasks/bulk",
    );
    await expectDocumented(await bulk({ ids: [id], action: "archive" }), "POST", "/api/tasks/bulk");
    await expectDocumented(
      await bulk({ ids: [id, crypto.randomUUID()], action: "complete" }),
      "POST",
      "/api/tasks/bulk",
    );
    await expectDocumented(await bulk({ ids: [id], action: "add_label", label: "Nope" }), "POST", "/api/tasks/bulk");
    await expectDocumented(
      await apiFetch(`/api/${ann.id}/tasks/bulk`, auth({ method: "POST", json: { ids: [id], action: "reopen" } })),
      "POST",
      "/api/{userId}/tasks/bulk",
    );
    await expectDocumented(await apiFetch(`/api/tasks/${id}`, auth({ method: "DELETE" })), "DELETE", "/api/tasks/{id}");
    await expectDocumented(await apiFetch(`/api/tasks/${id}`, auth()), "GET", "/api/tasks/{id}");
  });

  it("for a project's members: list, role change, refusals, removal", async () => {
    const ben = await signUpApiUser("Ben");
    const send = (who: ApiUser, path: string, method = "GET", json?: unknown) =>
      apiFetch(path, withToken(who.token, { method, json }));
    const created = await send(ann, "/api/projects", "POST", { name: "Shared contract" });
    const { id } = (await created.json()) as { id: string };
    await addProjectMember(ann.id, id, ben.id, "viewer");
    const members = `/api/projects/${id}/members`;
    await expectDocumented(await send(ben, members), "GET", "/api/projects/{id}/members");
    await expectDocumented(
      await send(ben, `/api/${ben.id}/projects/${id}/members`),
      "GET",
      "/api/{userId}/projects/{id}/members",
    );
    await expectDocumented(
      await send(ben, `/api/projects/${crypto.randomUUID()}/members`),
      "GET",
      "/api/projects/{id}/members",
    );
    const member = "/api/projects/{id}/members/{memberId}";
    await expectDocumented(await send(ben, `${members}/${ben.id}`, "PATCH", { role: "admin" }), "PATCH", member);
    await expectDocumented(await send(ann, `${members}/${ben.id}`, "PATCH", { role: "boss" }), "PATCH", member);
    await expectDocumented(await send(ann, `${members}/${ann.id}`, "PATCH", { role: "viewer" }), "PATCH", member);
    await expectDocumented(
      await send(ann, `${members}/${crypto.randomUUID()}`, "PATCH", { role: "viewer" }),
      "PATCH",
      member,
    );
    await expectDocumented(await send(ann, `${members}/${ben.id}`, "PATCH", { role: "editor" }), "PATCH", member);
    await expectDocumented(await send(ben, `/api/projects/${id}`), "GET", "/api/projects/{id}");
    await expectDocumented(await send(ann, `${members}/${ann.id}`, "DELETE"), "DELETE", member);
    await expectDocumented(await send(ann, `${members}/${ben.id}`, "DELETE"), "DELETE", member);
  });

  it("for projects, from creation to deletion, and tasks moved between them", async () => {
    const auth = (init: Parameters<typeof withToken>[1] = {}) => withToken(ann.token, init);
    const send = (path: string, method = "GET", json?: unknown) => apiFetch(path, auth({ method, json }));
    const created = await send("/api/projects", "POST", { name: "Contract project", color: "blue" });
    const { id } = (await created.clone().json()) as { id: string };
    await expectDocumented(created, "POST", "/api/projects");
    await expectDocumented(await send("/api/projects", "POST", { name: "contract PROJECT" }), "POST", "/api/projects");
    await expectDocumented(await send("/api/projects", "POST", { name: "" }), "POST", "/api/projects");
    await expectDocumented(await send("/api/projects"), "GET", "/api/projects");
    await expectDocumented(await send("/api/projects?archived=true"), "GET", "/api/projects");
    await expectDocumented(await send("/api/projects?archived=yes"), "GET", "/api/projects");
    await expectDocumented(await send(`/api/projects/${id}`), "GET", "/api/projects/{id}");
    await expectDocumented(await send(`/api/projects/${crypto.randomUUID()}`), "GET", "/api/projects/{id}");
    await expectDocumented(
      await send(`/api/projects/${id}`, "PATCH", { favorite: true, position: 1, archived: true }),
      "PATCH",
      "/api/projects/{id}",
    );
    await expectDocumented(await send(`/api/projects/${id}`, "PATCH", { position: -1 }), "PATCH", "/api/projects/{id}");
    await expectDocumented(await send(`/api/${ann.id}/projects`), "GET", "/api/{userId}/projects");
    await expectDocumented(await send(`/api/${ann.id}/projects/${id}`), "GET", "/api/{userId}/projects/{id}");

    const task = await send("/api/tasks", "POST", { title: "In a project", projectId: id });
    const { id: taskId } = (await task.clone().json()) as { id: string };
    await expectDocumented(task, "POST", "/api/tasks");
    await expectDocumented(
      await send("/api/tasks", "POST", { title: "Nowhere", projectId: crypto.randomUUID() }),
      "POST",
      "/api/tasks",
    );
    await expectDocumented(await send(`/api/tasks?project=${id}`), "GET", "/api/tasks");
    await expectDocumented(await send(`/api/tasks?project=${crypto.randomUUID()}`), "GET", "/api/tasks");
    const [inbox] = ((await (await send("/api/projects")).json()) as { projects: { id: string }[] }).projects;
    await expectDocumented(
      await send(`/api/tasks/${taskId}`, "PATCH", { projectId: crypto.randomUUID() }),
      "PATCH",
      "/api/tasks/{id}",
    );
    await expectDocumented(
      await send("/api/tasks/bulk", "POST", { ids: [taskId], action: "move", projectId: inbox!.id }),
      "POST",
      "/api/tasks/bulk",
    );
    await expectDocumented(
      await send("/api/tasks/bulk", "POST", { ids: [taskId], action: "move", projectId: crypto.randomUUID() }),
      "POST",
      "/api/tasks/bulk",
    );
    await expectDocumented(await send(`/api/projects/${inbox!.id}`, "DELETE"), "DELETE", "/api/projects/{id}");
    await expectDocumented(await send(`/api/projects/${id}`, "DELETE"), "DELETE", "/api/projects/{id}");
    await expectDocumented(await send(`/api/projects/${id}`, "DELETE"), "DELETE", "/api/projects/{id}");
  });

  it("for comments and a project's activity, both path forms, and their refusals", async () => {
    const send = (path: string, method = "GET", json?: unknown, token = ann.token) =>
      apiFetch(path, withToken(token, { method, json }));
    const { id: taskId } = (await (await send("/api/tasks", "POST", { title: "Talk about it" })).json()) as {
      id: string;
    };
    const comments = `/api/tasks/${taskId}/comments`;
    const added = await send(comments, "POST", { body: "Hello" });
    const { id: commentId } = (await added.clone().json()) as { id: string };
    await expectDocumented(added, "POST", "/api/tasks/{id}/comments");
    await expectDocumented(await send(comments, "POST", { body: "" }), "POST", "/api/tasks/{id}/comments");
    await expectDocumented(
      await send(`/api/tasks/${crypto.randomUUID()}/comments`, "POST", { body: "x" }),
      "POST",
      "/api/tasks/{id}/comments",
    );
    await expectDocumented(await send(comments), "GET", "/api/tasks/{id}/comments");
    await expectDocumented(
      await send(`/api/${ann.id}${comments.slice(4)}`),
      "GET",
      "/api/{userId}/tasks/{id}/comments",
    );
    const one = `${comments}/${commentId}`;
    await expectDocumented(
      await send(one, "PATCH", { body: "Hello again" }),
      "PATCH",
      "/api/tasks/{id}/comments/{commentId}",
    );
    await expectDocumented(await send(one, "PATCH", { body: 5 }), "PATCH", "/api/tasks/{id}/comments/{commentId}");
    // Another person who may see the task (a member) but did not write the comment: 403 with its code.
    const other = await signUpApiUser("Member");
    const [project] = ((await (await send("/api/projects")).json()) as { projects: { id: string }[] }).projects;
    const shared = (await (await send("/api/projects", "POST", { name: "Contract shared" })).json()) as { id: string };
    await db.update(taskTable).set({ projectId: shared.id }).where(eq(taskTable.id, taskId));
    await db.insert(projectMember).values({ projectId: shared.id, userId: other.id, role: "viewer" });
    await expectDocumented(
      await send(one, "PATCH", { body: "Mine now" }, other.token),
      "PATCH",
      "/api/tasks/{id}/comments/{commentId}",
    );
    await expectDocumented(
      await send(one, "DELETE", undefined, other.token),
      "DELETE",
      "/api/tasks/{id}/comments/{commentId}",
    );
    await expectDocumented(await send(one, "DELETE"), "DELETE", "/api/tasks/{id}/comments/{commentId}");
    await expectDocumented(await send(one, "DELETE"), "DELETE", "/api/tasks/{id}/comments/{commentId}");

    const activity = `/api/projects/${shared.id}/activity`;
    await expectDocumented(await send(`${activity}?limit=1`), "GET", "/api/projects/{id}/activity");
    await expectDocumented(await send(`${activity}?limit=0`), "GET", "/api/projects/{id}/activity");
    await expectDocumented(
      await send(`/api/projects/${project!.id}/activity`, "GET", undefined, other.token),
      "GET",
      "/api/projects/{id}/activity",
    );
    await expectDocumented(
      await send(`/api/${ann.id}/projects/${shared.id}/activity`),
      "GET",
      "/api/{userId}/projects/{id}/activity",
    );
  });

  it("for invitations: list, invite, revoke, accept, and their refusals", async () => {
    const send = (path: string, method = "GET", json?: unknown) =>
      apiFetch(path, withToken(ann.token, { method, json }));
    const { id } = (await (await send("/api/projects", "POST", { name: "Invitations contract" })).json()) as {
      id: string;
    };
    const invitations = `/api/projects/${id}/invitations`;
    const invitee = await signUpOverHttp({ name: "Invitee" });
    const created = await send(invitations, "POST", { email: invitee.email, role: "viewer" });
    const { id: invitationId } = (await created.clone().json()) as { id: string };
    await expectDocumented(created, "POST", "/api/projects/{id}/invitations");
    await expectDocumented(
      await send(invitations, "POST", { email: "x", role: "boss" }),
      "POST",
      "/api/projects/{id}/invitations",
    );
    await expectDocumented(
      await send(invitations, "POST", { email: ann.email, role: "viewer" }),
      "POST",
      "/api/projects/{id}/invitations",
    );
    await expectDocumented(await send(invitations), "GET", "/api/projects/{id}/invitations");
    await expectDocumented(
      await send(`/api/${ann.id}${invitations.slice(4)}`),
      "GET",
      "/api/{userId}/projects/{id}/invitations",
    );
    await expectDocumented(
      await send(`/api/projects/${crypto.randomUUID()}/invitations`),
      "GET",
      "/api/projects/{id}/invitations",
    );

    const [token] = await invitationTokens(invitee.email);
    const accept = `/api/invitations/${token}/accept`;
    await expectDocumented(
      await apiFetch(accept, withToken(ann.token, { method: "POST" })),
      "POST",
      "/api/invitations/{token}/accept",
    );
    const asInvitee = (origin = "http://localhost:3000") =>
      apiFetch(accept, { method: "POST", headers: { cookie: invitee.cookie, origin } });
    await expectDocumented(await asInvitee("https://evil.example"), "POST", "/api/invitations/{token}/accept");
    await expectDocumented(await asInvitee(), "POST", "/api/invitations/{token}/accept");
    await expectDocumented(await asInvitee(), "POST", "/api/invitations/{token}/accept");

    const member = await signUpApiUser("Member");
    const viewerToken = await send(invitations, "POST", { email: member.email, role: "viewer" });
    expect(viewerToken.status).toBe(201);
    await expectDocumented(
      await apiFetch(`${invitations}/${invitationId}`, withToken(member.token, { method: "DELETE" })),
      "DELETE",
      "/api/projects/{id}/invitations/{invitationId}",
    );
    const { id: second } = (await viewerToken.json()) as { id: string };
    await expectDocumented(
      await send(`${invitations}/${second}`, "DELETE"),
      "DELETE",
      "/api/projects/{id}/invitations/{invitationId}",
    );
    await expectDocumented(
      await send(`${invitations}/${second}`, "DELETE"),
      "DELETE",
      "/api/projects/{id}/invitations/{invitationId}",
    );
  });

  it("for calendar feeds: the person's and a project's, on, rotated, off, and a stranger's 404", async () => {
    const auth = (init: Parameters<typeof withToken>[1] = {}) => withToken(ann.token, init);
    await expectDocumented(await apiFetch("/api/calendar-feed", auth()), "GET", "/api/calendar-feed");
    await expectDocumented(
      await apiFetch("/api/calendar-feed", auth({ method: "POST" })),
      "POST",
      "/api/calendar-feed",
    );
    await expectDocumented(await apiFetch("/api/calendar-feed", auth()), "GET", "/api/calendar-feed");
    await expectDocumented(
      await apiFetch("/api/calendar-feed", auth({ method: "DELETE" })),
      "DELETE",
      "/api/calendar-feed",
    );
    const project = await apiFetch("/api/projects", auth({ method: "POST", json: { name: "Feed contract" } }));
    const { id } = (await project.json()) as { id: string };
    const path = "/api/projects/{id}/calendar-feed";
    for (const method of ["GET", "POST", "GET", "DELETE"])
      await expectDocumented(await apiFetch(`/api/projects/${id}/calendar-feed`, auth({ method })), method, path);
    const stranger = await signUpApiUser("Feed stranger");
    await expectDocumented(await apiFetch(`/api/projects/${id}/calendar-feed`, withToken(stranger.token)), "GET", path);
  });

  it("for webhooks: add (the secret once), list, read, change, deliveries, refusals, delete", async () => {
    const { config } = await import("~/config.server");
    const auth = (init: Parameters<typeof withToken>[1] = {}) => withToken(ann.token, init);
    const created = await apiFetch(
      "/api/webhooks",
      auth({ method: "POST", json: { url: "https://93.184.215.14/hook", events: ["task.created"] } }),
    );
    const { id } = (await created.clone().json()) as { id: string };
    await expectDocumented(created, "POST", "/api/webhooks");
    await expectDocumented(
      await apiFetch(
        "/api/webhooks",
        auth({ method: "POST", json: { url: "https://127.0.0.1/", events: ["task.created"] } }),
      ),
      "POST",
      "/api/webhooks",
    );
    await expectDocumented(
      await apiFetch("/api/webhooks", auth({ method: "POST", json: { url: "https://93.184.215.14/", events: [] } })),
      "POST",
      "/api/webhooks",
    );
    await expectDocumented(await apiFetch("/api/webhooks", auth()), "GET", "/api/webhooks");
    await expectDocumented(await apiFetch(`/api/webhooks/${id}`, auth()), "GET", "/api/webhooks/{id}");
    await expectDocumented(
      await apiFetch(`/api/webhooks/${id}`, auth({ method: "PATCH", json: { enabled: false } })),
      "PATCH",
      "/api/webhooks/{id}",
    );
    await expectDocumented(
      await apiFetch(`/api/webhooks/${id}/deliveries`, auth()),
      "GET",
      "/api/webhooks/{id}/deliveries",
    );
    await expectDocumented(
      await apiFetch(`/api/webhooks/${id}`, auth({ method: "DELETE" })),
      "DELETE",
      "/api/webhooks/{id}",
    );
    await expectDocumented(await apiFetch(`/api/webhooks/${id}`, auth()), "GET", "/api/webhooks/{id}");
    expect(config.WEBHOOK_ALLOW_PRIVATE).toBe(false);
  });

  it("for the user, the public keys, the user-path forms and the authentication errors", async () => {
    await expectDocumented(await apiFetch("/api/me", withToken(ann.token)), "GET", "/api/me");
    await expectDocumented(await apiFetch("/api/me"), "GET", "/api/me");
    await expectDocumented(await apiFetch("/.well-known/jwks.json"), "GET", "/.well-known/jwks.json");
    await expectDocumented(await apiFetch("/api/me", withToken("garbage")), "GET", "/api/me");
    await expectDocumented(await apiFetch(`/api/${ann.id}/tasks`, withToken(ann.token)), "GET", "/api/{userId}/tasks");
    await expectDocumented(
      await apiFetch(`/api/${crypto.randomUUID()}/tasks`, withToken(ann.token)),
      "GET",
      "/api/{userId}/tasks",
    );
  });

  it("for export and import: the document, the summary, the refusal and a project that is not the user's", async () => {
    const send = (path: string, init: RequestInit = {}) => apiFetch(path, withToken(ann.token, init));
    await send("/api/tasks", {
      method: "POST",
      body: '{"title":"Exported"}',
      headers: { "content-type": "application/json" },
    });
    const exported = await send("/api/export");
    const body = await exported.clone().text();
    await expectDocumented(exported, "GET", "/api/export");
    await expectDocumented(await send(`/api/export?project=${crypto.randomUUID()}`), "GET", "/api/export");
    const asJson = (query = "", content = body) =>
      send(`/api/import${query}`, { method: "POST", body: content, headers: { "content-type": "application/json" } });
    const statuses: number[] = [];
    const documented = async (response: Response) => {
      statuses.push(response.status);
      await expectDocumented(response, "POST", "/api/import");
    };
    await documented(await asJson("?dry_run=true"));
    await documented(await asJson("?newProject=Contract"));
    expect(statuses).toEqual([200, 201]);
    await expectDocumented(await asJson("", '{"format":"x"}'), "POST", "/api/import");
    await expectDocumented(await asJson(`?project=${crypto.randomUUID()}`), "POST", "/api/import");
    await expectDocumented(
      await send("/api/import", { method: "POST", body: "x", headers: { "content-type": "text/plain" } }),
      "POST",
      "/api/import",
    );
  });

  it("for due times, repeats, the Today and Upcoming views and quick add (issue 30)", async () => {
    const send = (path: string, method = "GET", json?: unknown) =>
      apiFetch(path, withToken(ann.token, { method, ...(json !== undefined && { json }) }));
    await expectDocumented(await send("/api/me", "PATCH", { timeZone: "Europe/Berlin" }), "PATCH", "/api/me");
    await expectDocumented(await send("/api/me", "PATCH", { timeZone: "+02:00" }), "PATCH", "/api/me");
    const repeating = await send("/api/tasks", "POST", {
      title: "Standup",
      dueDate: "2027-03-29",
      dueTime: "09:00",
      timeZone: "Australia/Sydney",
      repeat: { rule: "FREQ=WEEKLY;BYDAY=MO,WE", mode: "due" },
    });
    const { id } = (await repeating.clone().json()) as { id: string };
    await expectDocumented(repeating, "POST", "/api/tasks");
    await expectDocumented(
      await send("/api/tasks", "POST", { title: "Bad", dueDate: "2027-01-01", repeat: { rule: "FREQ=HOURLY" } }),
      "POST",
      "/api/tasks",
    );
    await expectDocumented(await send(`/api/tasks/${id}/complete`, "PATCH"), "PATCH", "/api/tasks/{id}/complete");
    await expectDocumented(
      await send("/api/tasks", "POST", { text: "Call mom tomorrow 5pm p1" }),
      "POST",
      "/api/tasks",
    );
    await expectDocumented(await send("/api/tasks", "POST", { text: "Plan #Nowhere" }), "POST", "/api/tasks");
    for (const query of ["view=today", "view=upcoming&sort=due_date", "due_before=2027-04-01&due_after=2027-03-01"])
      await expectDocumented(await send(`/api/tasks?${query}`), "GET", "/api/tasks");
    await expectDocumented(await send("/api/tasks?view=yesterday"), "GET", "/api/tasks");

    // What a client reads in the document to use them.
    const list = (document.paths["/api/tasks"]!.get as unknown as { parameters: { name: string; schema: object }[] })
      .parameters;
    expect(list.find((parameter) => parameter.name === "view")?.schema).toMatchObject({ enum: ["today", "upcoming"] });
    expect(list.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(["due_before", "due_after", "repeating"]),
    );
    const schemas = document.components.schemas as Record<string, { properties: Record<string, object> }>;
    expect(Object.keys(schemas.Task!.properties)).toEqual(
      expect.arrayContaining(["dueDate", "dueTime", "timeZone", "dueAt", "repeat", "repeatOf"]),
    );
    // The create's body is a task or quick add's { text }.
    expect(JSON.stringify(document.components.schemas.TaskInputOrQuickAdd)).toContain('"text"');
  });

  it("for the plan's auth endpoints, API keys and the scope error", async () => {
    const email = `${crypto.randomUUID()}@example.test`;
    const post = (body: unknown, headers: Record<string, string> = {}) => ({
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    const registered = await apiFetch(
      "/api/auth/register",
      post({ email, password: PASSWORD, name: "Contract" }),
      "10.7.0.1",
    );
    const cookie = registered.headers.getSetCookie()[0]!.split(";")[0]!;
    await expectDocumented(registered, "POST", "/api/auth/register");
    await expectDocumented(
      await apiFetch("/api/auth/register", post({ email, password: "weak", name: "X" }), "10.7.0.1"),
      "POST",
      "/api/auth/register",
    );
    await expectDocumented(
      await apiFetch("/api/auth/login", post({ email, password: PASSWORD }), "10.7.0.1"),
      "POST",
      "/api/auth/login",
    );
    await expectDocumented(
      await apiFetch("/api/auth/login", post({ email, password: "Wr0ng!password" }), "10.7.0.1"),
      "POST",
      "/api/auth/login",
    );
    await expectDocumented(await apiFetch("/api/auth/me", { headers: { cookie } }), "GET", "/api/auth/me");

    const { id } = (await (await apiFetch("/api/auth/me", { headers: { cookie } })).json()) as { id: string };
    const { key } = await createApiKey(
      { id, email, name: "Contract" },
      { name: "read", scope: "read", lifetimeDays: 30 },
      {},
    );
    await expectDocumented(
      await apiFetch("/api/auth/token", withToken(key, { method: "POST" })),
      "POST",
      "/api/auth/token",
    );
    await expectDocumented(
      await apiFetch("/api/auth/token", withToken("tl_forged", { method: "POST" })),
      "POST",
      "/api/auth/token",
    );
    await expectDocumented(
      await apiFetch("/api/tasks", withToken(key, { method: "POST", json: { title: "No" } })),
      "POST",
      "/api/tasks",
    );
    await expectDocumented(
      await apiFetch(
        "/api/tasks/bulk",
        withToken(key, { method: "POST", json: { ids: [crypto.randomUUID()], action: "complete" } }),
      ),
      "POST",
      "/api/tasks/bulk",
    );
    await expectDocumented(
      await apiFetch("/api/auth/logout", withToken(key, { method: "POST" })),
      "POST",
      "/api/auth/logout",
    );
    await expectDocumented(
      await apiFetch("/api/auth/logout", { method: "POST", headers: { cookie } }),
      "POST",
      "/api/auth/logout",
    );
  });
});

describe("OAuth and MCP answers match the document", () => {
  const post = (path: string, fields: Record<string, string>) =>
    apiFetch(path, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: new URLSearchParams(fields),
    });
  const rpc = (init: RequestInit = {}) => ({
    ...init,
    method: "POST",
    headers: { ...init.headers, "content-type": "application/json", accept: "application/json, text/event-stream" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });

  it("for the metadata routes", async () => {
    for (const path of [
      "/.well-known/oauth-authorization-server",
      "/.well-known/oauth-protected-resource",
      "/.well-known/oauth-protected-resource/mcp",
    ]) {
      await expectDocumented(await apiFetch(path), "GET", path);
    }
  });

  it("for the provider's refusals: an unknown code, app or token", async () => {
    const token = `${OAUTH_ENDPOINT_PREFIX}token`;
    const refused = await post(token, { grant_type: "authorization_code", code: "nope", client_id: "nope" });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    await expectDocumented(refused, "POST", token);
    const noGrant = await post(token, {});
    expect(noGrant.status).toBe(400);
    await expectDocumented(noGrant, "POST", token);
    const revoke = `${OAUTH_ENDPOINT_PREFIX}revoke`;
    await expectDocumented(await post(revoke, { token: "nope", client_id: "nope" }), "POST", revoke);
    const introspect = `${OAUTH_ENDPOINT_PREFIX}introspect`;
    await expectDocumented(await post(introspect, { token: "nope", client_id: "nope" }), "POST", introspect);
  });

  it("for POST /mcp: signed out, with a token, and the methods it does not answer", async () => {
    const signedOut = await apiFetch("/mcp", rpc());
    expect(signedOut.status).toBe(401);
    expect(signedOut.headers.get("www-authenticate")).toContain("/.well-known/oauth-protected-resource");
    await expectDocumented(signedOut, "POST", "/mcp");
    const listed = await apiFetch("/mcp", rpc({ headers: { authorization: `Bearer ${ann.token}` } }));
    expect(listed.status).toBe(200);
    await expectDocumented(listed, "POST", "/mcp");
    await expectDocumented(await apiFetch("/mcp"), "GET", "/mcp");
    await expectDocumented(await apiFetch("/mcp", { method: "DELETE" }), "DELETE", "/mcp");
  });
});

describe("events match the document", () => {
  it("as a JSON page after an id, and a bad cursor", async () => {
    await apiFetch("/api/tasks", withToken(ann.token, { method: "POST", json: { title: "An event" } }));
    const page = await apiFetch("/api/events?after=0", withToken(ann.token));
    const { events } = (await page.clone().json()) as { events: { kind: string; etag: string | null }[] };
    expect(events.some((event) => event.kind === "task.created" && event.etag)).toBe(true);
    await expectDocumented(page, "GET", "/api/events");
    await expectDocumented(await apiFetch("/api/events?after=x", withToken(ann.token)), "GET", "/api/events");
  });
});
