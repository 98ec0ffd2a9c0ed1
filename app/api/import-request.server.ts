// What POST /api/import and the Your data form share: reading the upload within the import's
// own limit (the one exception to the 64 KiB of JSON bodies, decision 105), the plan, the
// write, and the 422 that lists every refused row.
import { z } from "zod";
import { IMPORT_MAX_BYTES, type ImportRefusedError } from "~/tasks/transfer/import-file";
import { importPlanForUser, type ImportSummary, type ImportTarget } from "~/tasks/transfer/import.server";
import { getUserProfile } from "~/auth/user-profile.server";
import { accountTimeZoneFor } from "~/tasks/tasks.server";
import { type ImportFileKind, planFromFile } from "./import-file.server";
import { problem } from "./problem.server";

export const ImportErrorSchema = z.object({
  line: z
    .int()
    .nullable()
    .describe("The file's line (1-based) the row starts on; null for the file as a whole or a JSON document"),
  message: z.string(),
});

export const ImportSummarySchema = z.object({
  dryRun: z.boolean(),
  tasks: z.int().describe("How many tasks were written (with dry_run: would be)"),
  projects: z.array(z.object({ id: z.uuid().nullable(), name: z.string(), created: z.boolean(), tasks: z.int() })),
  labelsCreated: z.array(z.string()),
  comments: z.int().describe("Comments written (would be) with the tasks: Todoist's notes, or the export's comments"),
  reminders: z.int().describe("Reminders set (would be) with the tasks"),
  notes: z
    .array(ImportErrorSchema)
    .describe("Rows imported otherwise than the file says, and why (e.g. a Todoist RESPONSIBLE who is not the caller)"),
});

/** The upload's bytes, stopping as soon as they pass the import's limit. */
export async function readImportBody(request: Request): Promise<Uint8Array> {
  const tooLarge = () => problem(413, { detail: `The file must be at most 5 MB (${IMPORT_MAX_BYTES} bytes)` });
  if (Number(request.headers.get("content-length")) > IMPORT_MAX_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > IMPORT_MAX_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

/** Imports the file for the person, or throws the refusal (ImportRefusedError) with every reason. */
export async function importFile(
  userId: string,
  bytes: Uint8Array,
  kind: ImportFileKind,
  target: ImportTarget,
  options: { dryRun?: boolean; now?: Date } = {},
): Promise<ImportSummary> {
  const [timeZone, profile] = await Promise.all([accountTimeZoneFor(userId), getUserProfile(userId)]);
  const importer = { name: profile?.name ?? "", email: profile?.email ?? "" };
  const plan = planFromFile(bytes, kind, { now: options.now ?? new Date(), timeZone, importer });
  return importPlanForUser(userId, plan, target, options);
}

/** 422 listing each refused row: `errors: [{ line, message }]`. */
export function importRefusedProblem(error: ImportRefusedError): Response {
  const count = error.errors.length;
  const response = Response.json(
    {
      type: "about:blank",
      title: "Unprocessable Content",
      status: 422,
      detail: `Nothing was imported: ${count === 1 ? error.errors[0]!.message : `${count} problems in the file`}`,
      errors: error.errors,
    },
    { status: 422 },
  );
  response.headers.set("Content-Type", "application/problem+json");
  return response;
}
