// GET /api/export: everything the person owns as one streamed JSON document (?format=csv:
// Tasklane's CSV), or one project's (?project={id}).
import { z } from "zod";
import { readQuery } from "~/api/body.server";
import { ExportDocumentSchema } from "~/api/export-document";
import { exportResponse } from "~/api/export-response.server";
import { apiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { projectNotFound } from "~/api/problem.server";
import { exportScopeFor } from "~/tasks/transfer/export.server";

const ExportQuerySchema = z.object({
  format: z.enum(["json", "csv"], { error: "format must be json or csv" }).default("json"),
  project: z.uuid({ error: "project must be a project's id" }).optional(),
});

const serveExport = apiRoute(
  { path: "/api/export" },
  {
    GET: {
      openapi: {
        operationId: "exportData",
        summary: "Everything the user owns (or one project) as a JSON document or Tasklane's CSV, streamed",
        parameters: [
          { name: "format", in: "query", required: false, schema: { type: "string", enum: ["json", "csv"] } },
          {
            name: "project",
            in: "query",
            required: false,
            schema: { type: "string", format: "uuid" },
            description: "One project's tasks only",
          },
        ],
        responses: {
          "200": {
            description: "The export (Content-Disposition names a file)",
            content: {
              ...doc.json(doc.responseSchema("ExportDocument", ExportDocumentSchema)),
              "text/csv": { schema: { type: "string" } },
            },
          },
          "400": doc.problemResponse("An invalid query value", "ValidationProblem"),
          ...doc.projectNotFound,
          ...doc.authenticatedResponses,
        },
      },
      async handle({ user, request }) {
        const { format, project } = readQuery(request, ExportQuerySchema);
        const scope = await exportScopeFor(user.userId, project);
        if (!scope) throw projectNotFound();
        return exportResponse(scope, format, project ? scope.projects[0]!.name : undefined);
      },
    },
  },
);

export const loader = serveExport;
export const action = serveExport;
