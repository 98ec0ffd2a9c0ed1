// GET /api/openapi.json: assembled from the routes listed here, each of which describes its
// own operations next to its handlers. A test keeps this list in step with app/routes.ts.
import { type ApiRouteHandler, publicApiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { OAUTH_PATHS } from "~/api/openapi-oauth.server";
import { openApiDocument } from "~/api/openapi.server";
import { loader as login } from "./api.auth.login";
import { loader as logout } from "./api.auth.logout";
import { loader as authMe } from "./api.auth.me";
import { loader as register } from "./api.auth.register";
import { loader as token } from "./api.auth.token";
import { loader as labels } from "./api.labels";
import { loader as label } from "./api.labels.$labelId";
import { loader as me } from "./api.me";
import { loader as projects } from "./api.projects";
import { loader as project } from "./api.projects.$projectId";
import { loader as members } from "./api.projects.$projectId.members";
import { loader as member } from "./api.projects.$projectId.members.$memberId";
import { loader as invitations } from "./api.projects.$projectId.invitations";
import { loader as invitation } from "./api.projects.$projectId.invitations.$invitationId";
import { loader as acceptInvitation } from "./api.invitations.$token.accept";
import { loader as tasks } from "./api.tasks";
import { loader as task } from "./api.tasks.$taskId";
import { loader as taskCompletion } from "./api.tasks.$taskId.complete";
import { loader as taskComments } from "./api.tasks.$taskId.comments";
import { loader as taskComment } from "./api.tasks.$taskId.comments.$commentId";
import { loader as projectActivity } from "./api.projects.$projectId.activity";
import { loader as bulk } from "./api.tasks.bulk";
import { loader as events } from "./api.events";
import { loader as exportData } from "./api.export";
import { loader as importTasks } from "./api.import";
import { loader as calendarFeed } from "./api.calendar-feed";
import { loader as projectCalendarFeed } from "./api.projects.$projectId.calendar-feed";
import { loader as webhooks } from "./api.webhooks";
import { loader as webhook } from "./api.webhooks.$webhookId";
import { loader as webhookDeliveries } from "./api.webhooks.$webhookId.deliveries";
import { loader as publicKeys } from "./well-known.jwks[.]json";

const API_ROUTES: ApiRouteHandler[] = [
  register,
  login,
  logout,
  authMe,
  token,
  me,
  tasks,
  bulk,
  task,
  taskCompletion,
  taskComments,
  taskComment,
  labels,
  label,
  projects,
  project,
  members,
  member,
  projectActivity,
  events,
  exportData,
  importTasks,
  invitations,
  invitation,
  acceptInvitation,
  calendarFeed,
  projectCalendarFeed,
  webhooks,
  webhook,
  webhookDeliveries,
  publicKeys,
];

let document: ReturnType<typeof openApiDocument> | undefined;

const serveOpenApiDocument: ApiRouteHandler = publicApiRoute(
  { path: "/api/openapi.json" },
  {
    GET: {
      openapi: {
        operationId: "getOpenApiDocument",
        summary: "This document",
        security: [],
        responses: { "200": { description: "OpenAPI 3.1", content: doc.json({ type: "object" }) } },
      },
      // Built on first use, then reused: the routes and schemas do not change while the process runs.
      handle: () =>
        Response.json(
          (document ??= openApiDocument([
            ...[...API_ROUTES, serveOpenApiDocument].map((route) => route.openapi),
            // Not our handlers: the OAuth provider's endpoints, the metadata routes and /mcp.
            ...OAUTH_PATHS,
          ])),
        ),
    },
  },
);

export const loader = serveOpenApiDocument;
export const action = serveOpenApiDocument;
