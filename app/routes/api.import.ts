// POST /api/import: a file as the body (this export's JSON, Tasklane's or Todoist's CSV), into
// one project, a new one, or the file's own projects; all or nothing.
import { z } from "zod";
import { readQuery } from "~/api/body.server";
import { apiRoute } from "~/api/handler.server";
import { importFileKind } from "~/api/import-file.server";
import {
  ImportErrorSchema,
  importFile,
  importRefusedProblem,
  ImportSummarySchema,
  readImportBody,
} from "~/api/import-request.server";
import * as doc from "~/api/openapi-operations.server";
import { problem } from "~/api/problem.server";
import { ImportRefusedError } from "~/tasks/transfer/import-file";

const ImportQuerySchema = z.object({
  project: z.uuid({ error: "project must be a project's id" }).optional(),
  newProject: z.string().optional(),
  dry_run: z.enum(["true", "false"], { error: "dry_run must be true or false" }).default("false"),
});

const serveImport = apiRoute(
  { path: "/api/import" },
  {
    POST: {
      openapi: {
        operationId: "importTasks",
        summary: "Import a file: this export's JSON, Tasklane's CSV or Todoist's CSV (all rows or none)",
        description:
          "The body is the file (at most 5 MB, 10,000 tasks, UTF-8). Without project or newProject, a Tasklane file's tasks go to the projects it names (matched by name, made when missing) and a Todoist file's to the Inbox.",
        parameters: [
          {
            name: "project",
            in: "query",
            required: false,
            schema: { type: "string", format: "uuid" },
            description: "Put every task in this project",
          },
          {
            name: "newProject",
            in: "query",
            required: false,
            schema: { type: "string" },
            description: "Put every task in a new project of this name",
          },
          {
            name: "dry_run",
            in: "query",
            required: false,
            schema: { type: "string", enum: ["true", "false"] },
            description: "true: check the file and answer what would be written, writing nothing",
          },
        ],
        requestBody: {
          required: true,
          content: { "application/json": { schema: { type: "object" } }, "text/csv": { schema: { type: "string" } } },
        },
        responses: {
          "200": {
            description: "dry_run: what would be written",
            content: doc.json(doc.responseSchema("ImportSummary", ImportSummarySchema)),
          },
          "201": {
            description: "What was written",
            content: doc.json(doc.responseSchema("ImportSummary", ImportSummarySchema)),
          },
          "400": doc.problemResponse("An invalid query value, or both project and newProject", "ValidationProblem"),
          "413": doc.problemResponse("The file is larger than 5 MB"),
          "415": doc.problemResponse("The body is neither application/json nor text/csv"),
          "422": {
            description: "The file was refused: nothing was written; errors lists every reason with its line",
            content: {
              "application/problem+json": {
                schema: doc.responseSchema(
                  "ImportProblem",
                  z.object({
                    type: z.string(),
                    title: z.string(),
                    status: z.int(),
                    detail: z.string(),
                    errors: z.array(ImportErrorSchema),
                  }),
                ),
              },
            },
          },
          ...doc.projectNotFound,
          ...doc.writeResponses,
        },
      },
      async handle({ request, user }) {
        const query = readQuery(request, ImportQuerySchema);
        if (query.project && query.newProject !== undefined)
          throw problem(400, {
            detail: "Give project or newProject, not both",
            errors: [{ path: "newProject", message: "Give project or newProject, not both" }],
          });
        const kind = importFileKind(request.headers.get("content-type") ?? "");
        if (!kind) throw problem(415, { detail: "Send the file as application/json (Tasklane's export) or text/csv" });
        const target = query.project
          ? { projectId: query.project }
          : query.newProject !== undefined
            ? { newProject: query.newProject }
            : null;
        try {
          const summary = await importFile(user.userId, await readImportBody(request), kind, target, {
            dryRun: query.dry_run === "true",
          });
          return Response.json(summary, { status: summary.dryRun ? 200 : 201 });
        } catch (error) {
          if (error instanceof ImportRefusedError) return importRefusedProblem(error);
          throw error;
        }
      },
    },
  },
);

export const loader = serveImport;
export const action = serveImport;
