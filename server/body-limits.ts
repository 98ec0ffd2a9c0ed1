// Bodies the server refuses before any route reads them. Forms here are a few fields: 1 MiB is
// generous, and nothing bigger is read into memory. The JSON API's own handlers stop reading
// at their 64 KiB as the body streams (app/api/body.server.ts).
import type { IncomingHttpHeaders } from "node:http";
import { isJsonApiPath } from "~/json-api-path";
import { IMPORT_MAX_BYTES } from "~/tasks/transfer/import-file";

export const MAX_BODY_BYTES = 1024 * 1024;
/** A refused body is read and dropped up to this much, so that the client sees the answer; beyond it, hang up. */
export const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;
export const FORM_MEDIA_TYPE = "application/x-www-form-urlencoded";
export const UPLOAD_MEDIA_TYPE = "multipart/form-data";

// The one exception (decision 105): importing a file. Its page (and React Router's data request
// for it) takes a multipart upload, and it and POST /api/import take the file's 5 MB plus room
// for the form's other fields. Every other page still takes urlencoded forms of 1 MiB at most.
const IMPORT_PAGE_PATHS = new Set(["/settings/data", "/settings/data.data"]);
export const IMPORT_UPLOAD_MAX_BYTES = IMPORT_MAX_BYTES + 64 * 1024;
const isImportPath = (pathname: string) => IMPORT_PAGE_PATHS.has(pathname) || pathname === "/api/import";

export interface BodyRefusal {
  status: 411 | 413 | 415;
  detail: string;
}

const BODILESS_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Only the JSON API's own handlers count a body's bytes as they arrive; Better Auth's
 * endpoints (/api/auth/…) read a body whole, so they need its length first, as pages do.
 */
function countsBytesAsTheyArrive(pathname: string): boolean {
  return isJsonApiPath(pathname) && !pathname.startsWith("/api/auth/");
}

/** Why a request's body must be refused before a route reads it; null when it may go on. */
export function bodyRefusal(
  method: string | undefined,
  pathname: string,
  headers: IncomingHttpHeaders,
): BodyRefusal | null {
  if (BODILESS_METHODS.has(method ?? "")) return null;
  const length = headers["content-length"];
  const limit = isImportPath(pathname) ? IMPORT_UPLOAD_MAX_BYTES : MAX_BODY_BYTES;
  if (length !== undefined && Number(length) > limit) {
    return {
      status: 413,
      detail: isImportPath(pathname)
        ? `The file must be at most 5 MB (${IMPORT_MAX_BYTES} bytes).`
        : `The request body must be at most ${MAX_BODY_BYTES} bytes.`,
    };
  }
  // Without a length the size is unknown until read; browsers always send one.
  if (length === undefined && headers["transfer-encoding"] && !countsBytesAsTheyArrive(pathname)) {
    return { status: 411, detail: "Send the request body with a Content-Length header." };
  }
  // Page actions read forms only: no file uploads, no JSON (that is what /api is for).
  const mediaType = String(headers["content-type"] ?? "")
    .split(";", 1)[0]!
    .trim()
    .toLowerCase();
  if (IMPORT_PAGE_PATHS.has(pathname) && mediaType === UPLOAD_MEDIA_TYPE) return null;
  if (!isJsonApiPath(pathname) && mediaType !== FORM_MEDIA_TYPE) {
    return { status: 415, detail: `Forms must be sent as ${FORM_MEDIA_TYPE}.` };
  }
  return null;
}
