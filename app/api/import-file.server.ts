// A file to import, read into a plan: this export's JSON document, Tasklane's CSV or Todoist's
// CSV (the header tells the two CSVs apart). Shared by POST /api/import and Settings → Your data.
import { csvRecords, IMPORT_MAX_ROWS, ImportRefusedError, importText } from "~/tasks/transfer/import-file";
import { type ImportPlan, newPlan } from "~/tasks/transfer/import-plan";
import { isTasklaneHeader, readTasklaneCsv } from "~/tasks/transfer/tasklane-csv";
import { isTodoistHeader, isTodoistMeta, readTodoistCsv, type TodoistClock } from "~/tasks/transfer/todoist-csv";
import { readExportDocument } from "./export-document";

export type ImportFileKind = "json" | "csv";

/** The file's plan (its errors included); throws ImportRefusedError when it cannot be read at all. */
export function planFromFile(bytes: Uint8Array, kind: ImportFileKind, clock: TodoistClock): ImportPlan {
  const text = importText(bytes);
  const plan = newPlan();
  if (kind === "json") {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // V8 says where for some mistakes ("... at position 12 (line 2 column 3)"), not for all.
      const line = /line (\d+)/.exec(String((error as Error).message));
      throw new ImportRefusedError([
        { line: line ? Number(line[1]) : null, message: "The file is not valid JSON (is it a CSV file?)" },
      ]);
    }
    readExportDocument(plan, value);
    return plan;
  }
  const records = csvRecords(text);
  const start = records[0] && isTodoistMeta(records[0].cells) ? 1 : 0;
  const header = records[start];
  const rows = records.slice(start + 1);
  if (rows.length > IMPORT_MAX_ROWS)
    throw new ImportRefusedError([
      { line: null, message: `The file has more than ${IMPORT_MAX_ROWS} rows: split it into several files` },
    ]);
  if (header && isTasklaneHeader(header.cells)) readTasklaneCsv(plan, header.cells, rows);
  else if (header && isTodoistHeader(header.cells)) readTodoistCsv(plan, header.cells, rows, clock);
  else
    throw new ImportRefusedError([
      {
        line: header?.line ?? 1,
        message: "The first line must be the header of Tasklane's CSV (project,title,…) or Todoist's (TYPE,CONTENT,…)",
      },
    ]);
  return plan;
}

/** What a file's name or media type says it is; null: neither JSON nor CSV. */
export function importFileKind(mediaTypeOrName: string): ImportFileKind | null {
  const value = mediaTypeOrName.split(";", 1)[0]!.trim().toLowerCase();
  if (value === "application/json" || value.endsWith(".json")) return "json";
  if (value === "text/csv" || value.endsWith(".csv")) return "csv";
  return null;
}
