// /api/projects/{id} and /api/{userId}/projects/{id}
import { readJsonBody } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { projectNotFound } from "~/api/problem.server";
import { ProjectJsonSchema, projectJson } from "~/api/project-json";
import { ProjectPatchSchema } from "~/projects/project-schema";
import { deleteProjectForUser, getProjectForUser, updateProjectForUser } from "~/projects/projects.server";

const projectResponse = (description: string) => ({
  description,
  headers: doc.rateLimitHeaders,
  content: doc.json(doc.responseSchema("Project", ProjectJsonSchema)),
});

const serveProject = apiRoute(
  { path: "/api/projects/{id}", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "getProject",
        summary: "One project (archived or not)",
        responses: { "200": projectResponse("The project"), ...doc.projectNotFound, ...doc.authenticatedResponses },
      },
      async handle({ params, user }) {
        const project = await getProjectForUser(user.userId, params.projectId!);
        if (!project) throw projectNotFound();
        return Response.json(projectJson(project));
      },
    },

    PATCH: {
      openapi: {
        operationId: "updateProject",
        summary: "Rename, recolour, (un)favourite, (un)archive or move a project (position 1: first after the Inbox)",
        requestBody: doc.requestBody("ProjectPatch", ProjectPatchSchema),
        responses: {
          "200": projectResponse("The project as stored"),
          ...doc.bodyErrors,
          ...doc.projectNotFound,
          ...doc.projectConflict,
          ...doc.writeResponses,
        },
      },
      async handle({ request, params, user }) {
        const changes = await readJsonBody(request, ProjectPatchSchema);
        const project = await updateProjectForUser(user.userId, params.projectId!, changes);
        if (!project) throw projectNotFound();
        return Response.json(projectJson(project));
      },
    },

    // Its tasks go with it; the Inbox cannot be deleted (409).
    DELETE: {
      openapi: {
        operationId: "deleteProject",
        summary: "Delete a project and its tasks (the Inbox cannot be deleted: 409)",
        responses: {
          "204": { description: "Deleted, with its tasks", headers: doc.rateLimitHeaders },
          ...doc.projectNotFound,
          ...doc.projectConflict,
          ...doc.writeResponses,
        },
      },
      async handle({ params, user }) {
        if (!(await deleteProjectForUser(user.userId, params.projectId!))) throw projectNotFound();
        return new Response(null, { status: 204 });
      },
    },
  },
);

export const loader = serveProject;
export const action = serveProject;
