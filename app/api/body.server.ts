// Reads what an API client sends: a JSON body (the right media type, at most 64 KiB,
// well-formed, then the schema) and query strings; each failure is thrown as a problem.
import type { z } from "zod";
import { problem, validationProblem } from "./problem.server";

export const MAX_BODY_BYTES = 64 * 1024;

function isJsonMediaType(contentType: string | null): boolean {
  const mediaType = contentType?.split(";", 1)[0]!.trim().toLowerCase();
  return mediaType === "application/json" || (mediaType?.endsWith("+json") ?? false);
}

const tooLarge = () => problem(413, { detail: `The body must be at most ${MAX_BODY_BYTES} bytes` });

/** The body's bytes, stopping as soon as it passes the limit: Content-Length can be absent or lie. */
async function readLimited(request: Request): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length"));
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Parses the body with `schema`; throws a problem response (415, 413, 400) when it cannot. */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
): Promise<z.output<Schema>> {
  if (!isJsonMediaType(request.headers.get("content-type"))) {
    throw problem(415, { detail: "The body must be JSON (Content-Type: application/json)" });
  }
  const bytes = await readLimited(request);
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(bytes));
  } catch {
    throw problem(400, { detail: "The body is not valid JSON" });
  }
  return readBodyValue(value, schema);
}

/** A JSON body already read, checked against `schema` (a body that may take one of two shapes). */
export function readBodyValue<Schema extends z.ZodType>(value: unknown, schema: Schema): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationProblem(result.error, "The body has invalid fields");
  return result.data;
}

/**
 * Parses the query string with `schema`. A parameter named in `repeated` is read as a list
 * (`label=a&label=b`); any other counts once when repeated: the last wins.
 */
export function readQuery<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  repeated: readonly string[] = [],
): z.output<Schema> {
  const searchParams = new URL(request.url).searchParams;
  const params: Record<string, string | string[]> = Object.fromEntries(searchParams);
  for (const name of repeated) if (searchParams.has(name)) params[name] = searchParams.getAll(name);
  const result = schema.safeParse(params);
  if (!result.success) throw validationProblem(result.error, "The query has invalid values");
  return result.data;
}
