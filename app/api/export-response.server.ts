// The export as a download, for GET /api/export and the Your data page alike.
import type { ExportScope } from "~/tasks/transfer/export.server";
import { exportCsvStream, exportJsonStream } from "./export-document";

/** The streamed body with its media type and a file name: tasklane-2026-12-05.json, or the project's name. */
export function exportResponse(scope: ExportScope, format: "json" | "csv", projectName?: string, now = new Date()) {
  const stem = (projectName ?? "tasklane").replace(/[^\p{L}\p{N}_-]+/gu, "-").replace(/^-+|-+$/g, "") || "tasklane";
  const fileName = `${stem}-${now.toISOString().slice(0, 10)}.${format}`;
  const body = format === "csv" ? exportCsvStream(scope) : exportJsonStream(scope, now);
  return new Response(body, {
    headers: {
      // JSON is UTF-8 by definition (RFC 8259); CSV says so, for spreadsheets.
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
      "Content-Disposition": `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    },
  });
}
