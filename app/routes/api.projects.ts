// /api/projects and /api/{userId}/projects
import { readJsonBody, readQuery } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { ProjectJsonSchema, ProjectListJsonSchema, ProjectListRequestSchema, projectJson } from "~/api/project-json";
import { ProjectInputSchema } from "~/projects/project-schema";
import { createProjectForUser, listProjectsForUser } from "~/projects/projects.server";

const serveProjects = apiRoute(
  { path: "/api/projects", alsoUnderUser: true },
  {
    GET: {
      openapi: {
        operationId: "listProjects",
        summary: "The user's projects in their order (the unarchived ones; archived=true: the archived ones)",
        parameters: [
          { name: "archived", in: "query", required: false, schema: { type: "string", enum: ["true", "false"] } },
        ],
        responses: {
          "200": {
            description: "The projects",
            headers: doc.rateLimitHeaders,
            content: doc.json(doc.responseSchema("ProjectList", ProjectListJsonSchema)),
          },
          "400": doc.problemResponse("An invalid query value", "ValidationProblem"),
          ...doc.authenticatedResponses,
        },
      },
      async handle({ request, user }) {
        const { archived } = readQuery(request, ProjectListRequestSchema, []);
        const projects = await listProjectsForUser(user.userId, { archived: archived === "true" });
        return Response.json({ projects: projects.map(projectJson) });
      },
    },

    POST: {
      openapi: {
        operationId: "createProject",
        summary: "Create a project, last in the user's order (without a colour, the palette's next one)",
        requestBody: doc.requestBody("ProjectInput", ProjectInputSchema),
        responses: {
          "201": {
            description: "The new project",
            headers: { ...doc.rateLimitHeaders, ...doc.locationHeader },
            content: doc.json(doc.responseSchema("Project", ProjectJsonSchema)),
          },
          ...doc.bodyErrors,
          ...doc.projectConflict,
          ...doc.writeResponses,
        },
      },
      async handle({ request, user }) {
        const project = await createProjectForUser(user.userId, await readJsonBody(request, ProjectInputSchema));
        const location = new URL(request.url).pathname.replace(/\/$/, "") + `/${project.id}`;
        return Response.json(projectJson(project), { status: 201, headers: { Location: location } });
      },
    },
  },
);

export const loader = serveProjects;
export const action = serveProjects;
