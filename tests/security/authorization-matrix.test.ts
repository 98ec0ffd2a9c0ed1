// The authorization matrix of shared projects (issue 29, decision 095): every route of
// app/routes.ts is either a project-scoped case below or excluded with a reason, so a new
// route fails this file until someone says who may use it. Each case runs as the project's
// owner, an admin, an editor, a viewer, a removed member, a stranger and a signed-out client,
// and each answer is checked against ONE rule: the least role the case needs.
//   - a member with that role or above: success (a 2xx, or a redirect from a form);
//   - a member below it: 403 (the API's problem has code insufficient_role; a form, the reason);
//   - a removed member and a stranger: exactly what a missing id gets (404 naming nothing);
//   - signed out: 401 from the API, the sign-in page from the browser's routes.
// A list (the task lists, the projects) answers everyone 200: members find the shared thing in
// it, the others do not. Each case acts on a fixture of its own (a project, its members, a task
// with a step), so a delete or a removal in one case cannot change another's answer.
import { matchRoutes } from "react-router";
import { beforeAll, describe, expect, it } from "vitest";
import routes from "~/routes";
import { addTaskComment } from "~/comments/comments.server";
import { inviteToProject } from "~/projects/invitations.server";
import { addProjectMember, removeProjectMember } from "~/projects/members.server";
import { createProjectForUser } from "~/projects/projects.server";
import { ProjectInputSchema } from "~/projects/project-schema";
import { createTaskForUser } from "~/tasks/tasks.server";
import { TaskInputSchema } from "~/tasks/task-schema";
import type { ProjectRole } from "../../db/values";
import { apiFetch, issueApiToken, withToken } from "../support/api";
import { authPost, randomIp, uniqueEmail } from "../support/auth";
import { cookiesOf } from "../support/cookies";
import { PASSWORD } from "../support/passwords";
import { loaderOrActionArgs, outcome, type RouteOutcome } from "../support/routes";

const ACTORS = ["owner", "admin", "editor", "viewer", "removed", "stranger", "anonymous"] as const;
type Actor = (typeof ACTORS)[number];
const MEMBER_ROLES: Partial<Record<Actor, ProjectRole>> = {
  owner: "owner",
  admin: "admin",
  editor: "editor",
  viewer: "viewer",
};
const RANK: ProjectRole[] = ["viewer", "editor", "admin", "owner"];
const MISSING = "00000000-0000-4000-8000-00000000dead";
const TODAY = new Date().toISOString().slice(0, 10);

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Person {
  userId: string;
  cookie: string;
  token: string;
}

interface Fixture {
  projectId: string;
  taskId: string;
  stepId: string;
  /** A viewer who is none of the actors: whom role changes and removals act on. */
  extraId: string;
  /** A comment on the task, written by that viewer (nobody's own among the actors). */
  commentId: string;
  /** A pending invitation, made only for the cases that act on one (the inviter's daily budget). */
  invitationId: string;
}

interface Sent {
  path: string;
  fields?: Record<string, string> | [string, string][];
  json?: unknown;
}

interface Case {
  /** The route's path in app/routes.ts. */
  route: string;
  method: Method;
  name: string;
  /** The least role that may do it. */
  least: ProjectRole;
  /** Builds the request for `actor` (their own id for paths that name the user or themself). */
  send(fixture: Fixture, me: string): Sent;
  /** A list: everyone gets 200, and only members find `fixture[find]` in it. */
  list?: keyof Fixture;
  /** Answers that differ from the rule's (with the reason in the case's name). */
  except?: Partial<Record<Actor, number>>;
  /** The fixture needs a pending invitation. */
  invitation?: boolean;
}

/** Every case twice under /api/{userId}/… where the route has that form. */
const apiCase = (entry: Omit<Case, "route"> & { route: string }): Case[] => [
  entry,
  {
    ...entry,
    route: entry.route.replace(/^api\//, "api/:userId/"),
    name: `${entry.name} (/api/{userId} form)`,
    send: (fixture, me) => {
      const sent = entry.send(fixture, me);
      return { ...sent, path: sent.path.replace(/^\/api\//, `/api/${me}/`) };
    },
  },
];

const CASES: Case[] = [
  // The browser's pages and forms.
  {
    route: "tasks",
    method: "GET",
    name: "the task list",
    least: "viewer",
    list: "taskId",
    send: () => ({ path: "/tasks" }),
  },
  {
    route: "tasks",
    method: "POST",
    name: "complete a task from the list",
    least: "editor",
    send: (f) => ({ path: "/tasks", fields: { intent: "toggle", taskId: f.taskId, completed: "true" } }),
  },
  { route: "today", method: "GET", name: "Today", least: "viewer", list: "taskId", send: () => ({ path: "/today" }) },
  {
    route: "today",
    method: "POST",
    name: "delete a task from Today",
    least: "editor",
    send: (f) => ({ path: "/today", fields: { intent: "delete", taskId: f.taskId } }),
  },
  {
    route: "upcoming",
    method: "GET",
    name: "Upcoming",
    least: "viewer",
    list: "taskId",
    send: () => ({ path: "/upcoming" }),
  },
  {
    route: "upcoming",
    method: "POST",
    name: "bulk-complete from Upcoming (a bulk refusal is the bar's message: 403, or 404 for tasks not found)",
    least: "editor",
    send: (f) => ({ path: "/upcoming", fields: { intent: "bulk", ids: f.taskId, bulkAction: "complete" } }),
  },
  {
    route: "tasks/delete-selected",
    method: "GET",
    name: "the delete-selected confirmation",
    least: "viewer",
    send: (f) => ({ path: `/tasks/delete-selected?ids=${f.taskId}` }),
  },
  {
    route: "tasks/:taskId",
    method: "GET",
    name: "the task page",
    least: "viewer",
    send: (f) => ({ path: `/tasks/${f.taskId}` }),
  },
  {
    route: "tasks/:taskId",
    method: "POST",
    name: "save the task form",
    least: "editor",
    send: (f) => ({ path: `/tasks/${f.taskId}`, fields: { intent: "update", title: "Changed", priority: "high" } }),
  },
  {
    route: "tasks/:taskId/delete",
    method: "GET",
    name: "the task's delete confirmation",
    least: "viewer",
    send: (f) => ({ path: `/tasks/${f.taskId}/delete` }),
  },
  {
    route: "projects/:projectId",
    method: "GET",
    name: "the project's page",
    least: "viewer",
    send: (f) => ({ path: `/projects/${f.projectId}` }),
  },
  {
    route: "projects/:projectId",
    method: "POST",
    name: "add a task on the project's page (the picker's field error: 400 for a viewer and outsiders alike)",
    least: "editor",
    send: (f) => ({ path: `/projects/${f.projectId}`, fields: { intent: "create", title: "New one" } }),
    except: { viewer: 400 },
  },
  {
    route: "projects/:projectId/edit",
    method: "GET",
    name: "the project's settings",
    least: "admin",
    send: (f) => ({ path: `/projects/${f.projectId}/edit` }),
  },
  {
    route: "projects/:projectId/edit",
    method: "POST",
    name: "rename the project",
    least: "admin",
    send: (f) => ({
      path: `/projects/${f.projectId}/edit`,
      fields: { intent: "save", name: `Renamed ${crypto.randomUUID()}`, color: "red" },
    }),
  },
  {
    route: "projects/:projectId/delete",
    method: "GET",
    name: "the project's delete confirmation",
    least: "owner",
    send: (f) => ({ path: `/projects/${f.projectId}/delete` }),
  },
  {
    route: "projects/:projectId/delete",
    method: "POST",
    name: "delete the project",
    least: "owner",
    send: (f) => ({ path: `/projects/${f.projectId}/delete`, fields: {} }),
  },
  {
    route: "projects/:projectId/members",
    method: "GET",
    name: "the members page",
    least: "viewer",
    send: (f) => ({ path: `/projects/${f.projectId}/members` }),
  },
  {
    route: "projects/:projectId/members",
    method: "POST",
    name: "change a member's role",
    least: "admin",
    send: (f) => ({
      path: `/projects/${f.projectId}/members`,
      fields: { intent: "role", userId: f.extraId, role: "editor" },
    }),
  },

  // The JSON API, in both path forms.
  ...apiCase({
    route: "api/tasks",
    method: "GET",
    name: "GET /api/tasks",
    least: "viewer",
    list: "taskId",
    send: () => ({ path: "/api/tasks" }),
  }),
  ...apiCase({
    route: "api/tasks",
    method: "POST",
    name: "POST /api/tasks into the project",
    least: "editor",
    send: (f) => ({ path: "/api/tasks", json: { title: "Via the API", projectId: f.projectId } }),
  }),
  ...apiCase({
    route: "api/tasks/bulk",
    method: "POST",
    name: "POST /api/tasks/bulk",
    least: "editor",
    send: (f) => ({ path: "/api/tasks/bulk", json: { action: "complete", ids: [f.taskId] } }),
  }),
  ...apiCase({
    route: "api/tasks/:taskId",
    method: "GET",
    name: "GET /api/tasks/{id}",
    least: "viewer",
    send: (f) => ({ path: `/api/tasks/${f.taskId}` }),
  }),
  ...apiCase({
    route: "api/tasks/:taskId",
    method: "PUT",
    name: "PUT /api/tasks/{id}",
    least: "editor",
    send: (f) => ({ path: `/api/tasks/${f.taskId}`, json: { title: "Replaced" } }),
  }),
  ...apiCase({
    route: "api/tasks/:taskId",
    method: "PATCH",
    name: "PATCH /api/tasks/{id}",
    least: "editor",
    send: (f) => ({ path: `/api/tasks/${f.taskId}`, json: { priority: "low" } }),
  }),
  ...apiCase({
    route: "api/tasks/:taskId",
    method: "DELETE",
    name: "DELETE /api/tasks/{id}",
    least: "editor",
    send: (f) => ({ path: `/api/tasks/${f.taskId}` }),
  }),
  ...apiCase({
    route: "api/tasks/:taskId/complete",
    method: "PATCH",
    name: "PATCH /api/tasks/{id}/complete",
    least: "editor",
    send: (f) => ({ path: `/api/tasks/${f.taskId}/complete` }),
  }),
  ...apiCase({
    route: "api/projects",
    method: "GET",
    name: "GET /api/projects",
    least: "viewer",
    list: "projectId",
    send: () => ({ path: "/api/projects" }),
  }),
  ...apiCase({
    route: "api/projects/:projectId",
    method: "GET",
    name: "GET /api/projects/{id}",
    least: "viewer",
    send: (f) => ({ path: `/api/projects/${f.projectId}` }),
  }),
  ...apiCase({
    route: "api/projects/:projectId",
    method: "PATCH",
    name: "PATCH /api/projects/{id} (rename)",
    least: "admin",
    send: (f) => ({ path: `/api/projects/${f.projectId}`, json: { name: `Renamed ${crypto.randomUUID()}` } }),
  }),
  ...apiCase({
    route: "api/projects/:projectId",
    method: "DELETE",
    name: "DELETE /api/projects/{id}",
    least: "owner",
    send: (f) => ({ path: `/api/projects/${f.projectId}` }),
  }),
  ...apiCase({
    route: "api/projects/:projectId/members",
    method: "GET",
    name: "GET /api/projects/{id}/members",
    least: "viewer",
    send: (f) => ({ path: `/api/projects/${f.projectId}/members` }),
  }),
  ...apiCase({
    route: "api/projects/:projectId/members/:memberId",
    method: "PATCH",
    name: "PATCH /api/projects/{id}/members/{memberId}",
    least: "admin",
    send: (f) => ({ path: `/api/projects/${f.projectId}/members/${f.extraId}`, json: { role: "editor" } }),
  }),
  ...apiCase({
    route: "api/projects/:projectId/members/:memberId",
    method: "DELETE",
    name: "DELETE /api/projects/{id}/members/{memberId} (another member)",
    least: "admin",
    send: (f) => ({ path: `/api/projects/${f.projectId}/members/${f.extraId}` }),
  }),
];

// Comments, activity and invitations (decisions 109, 112).
CASES.push(
  {
    route: "projects/:projectId/activity",
    method: "GET",
    name: "the project's activity",
    least: "viewer",
    send: (f) => ({ path: `/projects/${f.projectId}/activity` }),
  },
  {
    route: "projects/:projectId/invitations",
    method: "GET",
    name: "the Share page (invitations)",
    least: "admin",
    send: (f) => ({ path: `/projects/${f.projectId}/invitations` }),
  },
  {
    route: "projects/:projectId/invitations",
    method: "POST",
    name: "invite by email",
    least: "admin",
    send: (f) => ({
      path: `/projects/${f.projectId}/invitations`,
      fields: { intent: "invite", email: uniqueEmail("invitee"), role: "viewer" },
    }),
  },
  ...apiCase({
    route: "api/tasks/:taskId/comments",
    method: "GET",
    name: "GET /api/tasks/{id}/comments",
    least: "viewer",
    send: (f) => ({ path: `/api/tasks/${f.taskId}/comments` }),
  }),
  ...apiCase({
    route: "api/tasks/:taskId/comments",
    method: "POST",
    name: "POST /api/tasks/{id}/comments (viewers comment too)",
    least: "viewer",
    send: (f) => ({ path: `/api/tasks/${f.taskId}/comments`, json: { body: "Agreed" } }),
  }),
  ...apiCase({
    route: "api/tasks/:taskId/comments/:commentId",
    method: "PATCH",
    name: "PATCH another member's comment (the author only: 403 not_author to every member)",
    least: "owner",
    send: (f) => ({ path: `/api/tasks/${f.taskId}/comments/${f.commentId}`, json: { body: "Rewritten" } }),
    except: { owner: 403, admin: 403, editor: 403, viewer: 403 },
  }),
  ...apiCase({
    route: "api/tasks/:taskId/comments/:commentId",
    method: "DELETE",
    name: "DELETE another member's comment (admins and the owner)",
    least: "admin",
    send: (f) => ({ path: `/api/tasks/${f.taskId}/comments/${f.commentId}` }),
  }),
  ...apiCase({
    route: "api/projects/:projectId/activity",
    method: "GET",
    name: "GET /api/projects/{id}/activity",
    least: "viewer",
    send: (f) => ({ path: `/api/projects/${f.projectId}/activity` }),
  }),
  ...apiCase({
    route: "api/projects/:projectId/invitations",
    method: "GET",
    name: "GET /api/projects/{id}/invitations",
    least: "admin",
    send: (f) => ({ path: `/api/projects/${f.projectId}/invitations` }),
  }),
  ...apiCase({
    route: "api/projects/:projectId/invitations",
    method: "POST",
    name: "POST /api/projects/{id}/invitations",
    least: "admin",
    send: (f) => ({
      path: `/api/projects/${f.projectId}/invitations`,
      json: { email: uniqueEmail("invitee"), role: "viewer" },
    }),
  }),
  ...apiCase({
    route: "api/projects/:projectId/invitations/:invitationId",
    method: "DELETE",
    name: "DELETE /api/projects/{id}/invitations/{invitationId}",
    least: "admin",
    invitation: true,
    send: (f) => ({ path: `/api/projects/${f.projectId}/invitations/${f.invitationId}` }),
  }),
);

// Calendar feeds (decision 119): any member has their own feed of the project.
CASES.push(
  {
    route: "projects/:projectId/calendar-feed",
    method: "GET",
    name: "the project's calendar feed page",
    least: "viewer",
    send: (f) => ({ path: `/projects/${f.projectId}/calendar-feed` }),
  },
  {
    route: "projects/:projectId/calendar-feed",
    method: "POST",
    name: "turn on (or rotate) one's feed of the project",
    least: "viewer",
    send: (f) => ({ path: `/projects/${f.projectId}/calendar-feed`, fields: { intent: "rotate" } }),
  },
  {
    route: "api/projects/:projectId/calendar-feed",
    method: "GET",
    name: "GET /api/projects/{id}/calendar-feed",
    least: "viewer",
    send: (f) => ({ path: `/api/projects/${f.projectId}/calendar-feed` }),
  },
  {
    route: "api/projects/:projectId/calendar-feed",
    method: "POST",
    name: "POST /api/projects/{id}/calendar-feed",
    least: "viewer",
    send: (f) => ({ path: `/api/projects/${f.projectId}/calendar-feed` }),
  },
  {
    route: "api/projects/:projectId/calendar-feed",
    method: "DELETE",
    name: "DELETE /api/projects/{id}/calendar-feed",
    least: "viewer",
    send: (f) => ({ path: `/api/projects/${f.projectId}/calendar-feed` }),
  },
);

/** Cases beyond one per route and method: the same route asked for other things. */
const MORE_CASES: Case[] = [
  {
    route: "tasks/:taskId",
    method: "POST",
    name: "add a step on the task page",
    least: "editor",
    send: (f) => ({ path: `/tasks/${f.taskId}`, fields: { intent: "step-add", text: "One more" } }),
  },
  {
    route: "tasks/:taskId",
    method: "POST",
    name: "tick a step",
    least: "editor",
    send: (f) => ({ path: `/tasks/${f.taskId}`, fields: { intent: "step-toggle", stepId: f.stepId, done: "true" } }),
  },
  {
    route: "tasks/:taskId",
    method: "POST",
    name: "delete the task from its page",
    least: "editor",
    send: (f) => ({ path: `/tasks/${f.taskId}`, fields: { intent: "delete" } }),
  },
  {
    route: "projects/:projectId/edit",
    method: "POST",
    name: "archive the project",
    least: "admin",
    send: (f) => ({ path: `/projects/${f.projectId}/edit`, fields: { intent: "archive", back: "/projects" } }),
  },
  {
    route: "projects/:projectId/members",
    method: "POST",
    name: "remove a member",
    least: "admin",
    send: (f) => ({ path: `/projects/${f.projectId}/members`, fields: { intent: "remove", userId: f.extraId } }),
  },
  {
    route: "projects/:projectId/members",
    method: "POST",
    name: "invite by email from the members page (decision 130)",
    least: "admin",
    send: (f) => ({
      path: `/projects/${f.projectId}/members`,
      fields: { intent: "invite", email: uniqueEmail("invitee"), role: "viewer" },
    }),
  },
  {
    route: "projects/:projectId/members",
    method: "POST",
    name: "revoke an invitation from the members page",
    least: "admin",
    send: (f) => ({
      path: `/projects/${f.projectId}/members`,
      fields: { intent: "revoke", invitationId: f.invitationId },
    }),
  },
  {
    route: "projects/:projectId/members",
    method: "POST",
    name: "hand the project over",
    least: "owner",
    send: (f) => ({ path: `/projects/${f.projectId}/members`, fields: { intent: "handover", userId: f.extraId } }),
  },
  {
    route: "projects/:projectId/members",
    method: "POST",
    name: "leave (the owner must hand over first: 409)",
    least: "viewer",
    send: (f, me) => ({ path: `/projects/${f.projectId}/members`, fields: { intent: "leave", userId: me } }),
    except: { owner: 409 },
  },
  {
    route: "api/projects/:projectId/members/:memberId",
    method: "DELETE",
    name: "DELETE /api/projects/{id}/members/{own id}: leaving (the owner: 409)",
    least: "viewer",
    send: (f, me) => ({ path: `/api/projects/${f.projectId}/members/${me}` }),
    except: { owner: 409 },
  },
  {
    route: "api/projects/:projectId",
    method: "PATCH",
    name: "PATCH /api/projects/{id} position (the owner's own order)",
    least: "owner",
    send: (f) => ({ path: `/api/projects/${f.projectId}`, json: { position: 1 } }),
  },
  {
    route: "api/tasks",
    method: "GET",
    name: "GET /api/tasks?project={id} (a non-member: the project's 404)",
    least: "viewer",
    send: (f) => ({ path: `/api/tasks?project=${f.projectId}` }),
  },
];

MORE_CASES.push(
  {
    route: "api/export",
    method: "GET",
    name: "GET /api/export?project={id}: one project's export",
    least: "viewer",
    send: (f) => ({ path: `/api/export?project=${f.projectId}` }),
  },
  {
    route: "settings/data/export",
    method: "GET",
    name: "a project's export download",
    least: "viewer",
    send: (f) => ({ path: `/settings/data/export?format=json&project=${f.projectId}` }),
  },
);

/**
 * The MCP server's tools (decision 124) under the same rule: POST /mcp with a tools/call, the
 * tool error's `_meta.status` standing for the API's status (a success is 200).
 */
const mcpCase = (
  tool: string,
  name: string,
  least: ProjectRole,
  args: (fixture: Fixture) => Record<string, unknown>,
  list?: keyof Fixture,
): Case => ({
  route: "mcp",
  method: "POST",
  name: `MCP ${tool}: ${name}`,
  least,
  list,
  send: (fixture) => ({
    path: "/mcp",
    json: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: tool, arguments: args(fixture) } },
  }),
});

const MCP_CASES: Case[] = [
  mcpCase("list_tasks", "the task list", "viewer", () => ({}), "taskId"),
  mcpCase("list_tasks", "one project's tasks (others: 404, as the API)", "viewer", (f) => ({ project: f.projectId })),
  mcpCase("search_tasks", "a search", "viewer", () => ({ q: "shared" }), "taskId"),
  mcpCase("list_projects", "the projects", "viewer", () => ({}), "projectId"),
  mcpCase("get_task", "a task", "viewer", (f) => ({ id: f.taskId })),
  mcpCase("update_task", "change a task", "editor", (f) => ({ id: f.taskId, changes: { title: "Renamed" } })),
  mcpCase("complete_task", "complete a task", "editor", (f) => ({ id: f.taskId })),
  mcpCase("create_task", "a task in the project", "editor", (f) => ({ title: "New", projectId: f.projectId })),
  mcpCase("quick_add_task", "quick add into the project", "editor", (f) => ({
    text: "New p2",
    projectId: f.projectId,
  })),
];

/** Routes (and methods) that are not project-scoped, each with the reason. */
const EXCLUDED: Record<string, string> = {
  "": "the home page: no project",
  "sign-up": "accounts",
  "sign-in": "accounts",
  "sign-in/two-factor": "accounts",
  "sign-out": "accounts",
  "forgot-password": "accounts",
  "reset-password": "accounts",
  "verify-email": "accounts",
  "check-email": "accounts",
  login: "the plan's page paths: redirects",
  register: "the plan's page paths: redirects",
  dashboard: "the plan's page paths: redirects",
  "projects POST": "creates a project of the caller's own",
  "projects GET": "its list is the layout's navigation (listProjectsForUser), as GET /api/projects reads it",
  "tasks/quick-add":
    "a preview of the caller's text: a #name resolves among the projects they may see (listProjectsForUser), and the create it previews is the POST cases'",
  "projects/archived": "the caller's archived projects: a list like /projects (covered there)",
  labels: "a person's own labels (tests/security/label-isolation.test.ts)",
  "labels/:labelId": "a person's own labels",
  "labels/:labelId/delete": "a person's own labels",
  settings: "the account",
  "settings/password": "the account",
  "settings/email": "the account",
  "settings/api-keys": "the account",
  "settings/two-factor": "the account",
  "settings/two-factor/setup": "the account",
  "settings/two-factor/backup-codes": "the account",
  "settings/passkeys": "the account",
  "settings/shortcuts": "the account",
  "settings/time-zone": "the account",
  "settings/notifications": "the account",
  "settings/reminders": "the account",
  "settings/calendar-feed": "the account's own calendar feed",
  "settings/webhooks":
    "the account's own webhooks; an endpoint receives only what its owner could read (tests/integration/webhooks.test.ts)",
  "api/webhooks": "the account's own webhooks (tests/integration/webhooks.test.ts: another's is a 404)",
  "api/webhooks/:webhookId": "the account's own webhooks (tests/integration/webhooks.test.ts: another's is a 404)",
  "api/webhooks/:webhookId/deliveries":
    "the account's own webhooks (tests/integration/webhooks.test.ts: another's is a 404)",
  "api/calendar-feed": "the account's own calendar feed (its tasks are those the lists show: the list cases above)",
  "calendar/:feedId/:file":
    "a calendar feed: its URL's secret is the credential, no session; a project feed goes with its membership (tests/integration/calendar-feeds.test.ts)",
  "settings/data": "the account's own data: the page, and an import into a project of the caller's own or a new one",
  unsubscribe: "the account's mail (a signed link)",
  "invitations/:token":
    "an invitation's link: found by its token alone, accepted only by the invited address (tests/security/invitation-attacks.test.ts, tests/integration/invitations.test.ts)",
  "api/invitations/:token/accept":
    "an invitation's link, with a session cookie only (tests/security/invitation-attacks.test.ts)",
  "api/import":
    "a file body; its rows are written by createTasksForUser, which needs editor in the project named (the same rule as POST /api/tasks above)",
  events:
    "the signed-in person's own event stream: each event reaches only who could read the thing when it changed, a removed member's stream ends (tests/integration/events.test.ts)",
  "api/events": "the caller's own events, streamed or paged, filtered the same way (tests/integration/events.test.ts)",
  healthz: "operations",
  readyz: "operations",
  "api/auth/register": "accounts",
  "api/auth/login": "accounts",
  "api/auth/logout": "accounts",
  "api/auth/me": "accounts",
  "api/auth/token": "accounts",
  "api/auth/*": "Better Auth's own endpoints",
  "api/me": "the account",
  "api/openapi.json": "public document",
  ".well-known/jwks.json": "public keys",
  "api/labels": "a person's own labels",
  "api/labels/:labelId": "a person's own labels",
  "api/:userId/labels": "a person's own labels",
  "api/:userId/labels/:labelId": "a person's own labels",
  "api/projects POST": "creates a project of the caller's own",
  "api/:userId/projects POST": "creates a project of the caller's own",
  "mcp GET": "405: the MCP server is stateless (POST only)",
  "oauth/sign-in": "connected apps: a signed redirect to the sign-in page (tests/process/connected-apps.test.ts)",
  "oauth/consent":
    "connected apps: the signed-in person's consent to a signed request (tests/process/connected-apps.test.ts, tests/e2e/connected-apps.spec.ts)",
  "settings/developer-apps": "the account's own OAuth apps (ownership in the query: someone else's is not found)",
  "settings/connected-apps": "the account's own grants (tests/process/connected-apps.test.ts)",
  ".well-known/oauth-authorization-server": "public metadata",
  ".well-known/oauth-protected-resource": "public metadata",
  ".well-known/oauth-protected-resource/mcp": "public metadata",
};

const ALL_CASES = [...CASES, ...MORE_CASES, ...MCP_CASES];

// The URL map, flattened: every route with a path, and the methods its module answers.
interface FlatRoute {
  path: string;
  file: string;
}
const flatten = (list: readonly { path?: string; file: string; index?: boolean; children?: unknown }[]): FlatRoute[] =>
  list.flatMap((route) => [
    ...(route.path !== undefined || route.index ? [{ path: route.path ?? "", file: route.file }] : []),
    ...flatten((route.children ?? []) as never),
  ]);
const FLAT = flatten(routes as never);
const modules = import.meta.glob<Record<string, unknown>>("../../app/routes/*.{ts,tsx}");
const moduleOf = (file: string) => modules[`../../app/${file}`]!();

async function methodsOf(route: FlatRoute): Promise<Method[]> {
  const module = await moduleOf(route.file);
  const openapi = (module.loader as { openapi?: { operations: Record<string, unknown> } } | undefined)?.openapi;
  if (openapi) return Object.keys(openapi.operations) as Method[];
  return [...(module.loader ? (["GET"] as const) : []), ...(module.action ? (["POST"] as const) : [])];
}

const people = {} as Record<Exclude<Actor, "anonymous">, Person> & { extra: Person };

async function signUp(name: string): Promise<Person> {
  const response = await authPost(
    "/sign-up/email",
    { name, email: uniqueEmail(name.toLowerCase()), password: PASSWORD },
    { ip: randomIp() },
  );
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status}`);
  const { user } = (await response.json()) as { user: { id: string } };
  const sessionToken = response.headers.get("set-auth-token")!;
  return { userId: user.id, cookie: cookiesOf(response), token: await issueApiToken(sessionToken) };
}

async function makeFixture(withInvitation = false): Promise<Fixture> {
  const owner = people.owner.userId;
  const projectId = (
    await createProjectForUser(owner, ProjectInputSchema.parse({ name: `Shared ${crypto.randomUUID()}` }))
  ).id;
  for (const actor of ["admin", "editor", "viewer"] as const)
    await addProjectMember(owner, projectId, people[actor].userId, actor);
  await addProjectMember(owner, projectId, people.extra.userId, "viewer");
  await addProjectMember(owner, projectId, people.removed.userId, "editor");
  await removeProjectMember(owner, projectId, people.removed.userId);
  const task = await createTaskForUser(
    owner,
    TaskInputSchema.parse({
      title: "The shared task",
      projectId,
      dueDate: TODAY,
      timeZone: "UTC",
      steps: [{ text: "A step" }],
    }),
  );
  const comment = await addTaskComment(people.extra.userId, task.id, "A comment by another member");
  const invitation = withInvitation
    ? await inviteToProject(owner, projectId, { email: uniqueEmail("invited"), role: "viewer" })
    : null;
  return {
    projectId,
    taskId: task.id,
    stepId: task.steps[0]!.id,
    extraId: people.extra.userId,
    commentId: comment!.id,
    invitationId: invitation?.id ?? MISSING,
  };
}

/** What `actor` gets for `sent` on the route's module (the API through its URL map). */
async function answer(entry: Case, sent: Sent, actor: Actor): Promise<RouteOutcome & { body?: string }> {
  const person = actor === "anonymous" ? null : people[actor];
  if (entry.route === "mcp") {
    const init = { method: "POST", json: sent.json, headers: { accept: "application/json, text/event-stream" } };
    const response = await apiFetch(
      sent.path,
      person
        ? withToken(person.token, init)
        : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(sent.json) },
    );
    if (response.status !== 200) return { status: response.status, body: await response.text() };
    const { result } = (await response.json()) as { result: { _meta?: { status?: number } } };
    return { status: result._meta?.status ?? 200, body: JSON.stringify(result) };
  }
  if (entry.route.startsWith("api/")) {
    const init: RequestInit & { json?: unknown } = {
      method: entry.method,
      ...(sent.json !== undefined && { json: sent.json }),
    };
    const response = await apiFetch(
      sent.path,
      person
        ? withToken(person.token, init)
        : {
            method: entry.method,
            headers: { "content-type": "application/json" },
            ...(sent.json !== undefined && { body: JSON.stringify(sent.json) }),
          },
    );
    return { status: response.status, body: await response.text() };
  }
  const [match] = matchRoutes(FLAT, new URL(sent.path, "http://localhost").pathname) ?? [];
  const route = match!.route as FlatRoute;
  const module = await moduleOf(route.file);
  const fn = (entry.method === "GET" ? module.loader : module.action) as (args: never) => unknown;
  const result = await outcome(() =>
    fn(
      loaderOrActionArgs(entry.method as "GET" | "POST", sent.path, {
        cookie: person?.cookie,
        params: match!.params as Record<string, string>,
        fields: entry.method === "GET" ? undefined : (sent.fields ?? {}),
      }) as never,
    ),
  );
  return { ...result, body: JSON.stringify(result.data ?? null) };
}

beforeAll(async () => {
  for (const actor of ["owner", "admin", "editor", "viewer", "removed", "stranger"] as const)
    people[actor] = await signUp(actor[0]!.toUpperCase() + actor.slice(1));
  people.extra = await signUp("Extra");
}, 60_000);

describe("the authorization matrix", () => {
  it("covers every route of app/routes.ts: a case for each method, or an exclusion with its reason", async () => {
    const missing: string[] = [];
    for (const route of FLAT) {
      if (EXCLUDED[route.path] !== undefined) continue;
      for (const method of await methodsOf(route)) {
        if (EXCLUDED[`${route.path} ${method}`] !== undefined) continue;
        if (!ALL_CASES.some((entry) => entry.route === route.path && entry.method === method))
          missing.push(`${method} ${route.path}`);
      }
    }
    expect(missing, "routes neither in the matrix nor excluded").toEqual([]);
    // And nothing in the table names a route that is gone.
    for (const entry of ALL_CASES) expect(FLAT.map((route) => route.path)).toContain(entry.route);
  });

  it.each(ALL_CASES.map((entry) => [`${entry.method} ${entry.route}: ${entry.name}`, entry] as const))(
    "%s",
    async (_title, entry) => {
      const problems: string[] = [];
      for (const actor of ACTORS) {
        const fixture = await makeFixture(entry.invitation);
        const me = actor === "anonymous" ? people.stranger.userId : people[actor].userId;
        const sent = entry.send(fixture, me);
        const got = await answer(entry, sent, actor);
        const api = entry.route.startsWith("api/") || entry.route === "mcp";
        const role = MEMBER_ROLES[actor];
        const allowed = role !== undefined && RANK.indexOf(role) >= RANK.indexOf(entry.least);
        const say = (what: string) => problems.push(`${actor}: ${what} (got ${got.status} ${got.body?.slice(0, 160)})`);
        if (entry.except?.[actor] !== undefined) {
          if (got.status !== entry.except[actor]) say(`expected ${entry.except[actor]}`);
          continue;
        }
        if (actor === "anonymous") {
          if (api ? got.status !== 401 : !(got.status === 302 && got.location?.startsWith("/sign-in")))
            say(api ? "expected 401" : "expected the sign-in page");
          continue;
        }
        if (entry.list) {
          const found = got.body?.includes(fixture[entry.list]) ?? false;
          if (got.status !== 200) say("expected 200");
          if (found !== allowed) say(allowed ? "expected to find the shared thing" : "found what it may not see");
          continue;
        }
        if (allowed) {
          if (got.status >= 400) say("expected success");
        } else if (role !== undefined) {
          if (got.status !== 403) say("expected 403");
          if (api && !got.body?.includes('"code":"insufficient_role"')) say("expected code insufficient_role");
        } else {
          // A removed member and a stranger: exactly what a missing id gets.
          const hide = (text: string) =>
            text.replaceAll(fixture.projectId, MISSING).replaceAll(fixture.taskId, MISSING);
          const missing = await answer(entry, JSON.parse(hide(JSON.stringify(sent))) as Sent, actor);
          if (got.status !== missing.status || hide(got.body ?? "") !== missing.body)
            say(`expected the missing id's answer (${missing.status} ${missing.body?.slice(0, 120)})`);
          if (got.body?.includes("The shared task") || got.body?.includes("Shared "))
            say("the answer names the project or task");
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
