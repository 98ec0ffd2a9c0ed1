// The import's limits and the shape of its refusals: shared by the server and the Your data
// page, which says them before anyone uploads.

/** The largest file accepted (the form's upload and the API's body). */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** The most tasks (rows of a CSV, tasks of a JSON document) one import writes. */
export const IMPORT_MAX_ROWS = 10_000;
/** A record (a CSV line, or several for quoted line breaks) longer than this is not a task list. */
export const IMPORT_MAX_LINE_BYTES = 64 * 1024;

/** One reason the file cannot be imported; `line` is null for the file as a whole. */
export interface ImportError {
  line: number | null;
  message: string;
}
