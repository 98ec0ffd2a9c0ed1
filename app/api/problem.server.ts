// Error responses for the JSON API: RFC 9457 problem details, one shape for every failure.
import type { z } from "zod";

export interface FieldError {
  /** Where the value was: a body field ("title"), or a query parameter ("limit"). */
  path: string;
  message: string;
}

interface ProblemOptions {
  detail: string;
  headers?: HeadersInit;
  errors?: FieldError[];
  /** A machine-readable reason where the status alone is ambiguous (RFC 9457 extension member). */
  code?: string;
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  429: "Too Many Requests",
  500: "Internal Server Error",
};

/**
 * A problem+json response. The status says what went wrong, so the type is `about:blank`
 * and the title is the status phrase (RFC 9457 §4.2.1); `detail` is for people and
 * `errors` lists each invalid field for programs.
 */
export function problem(status: number, { detail, headers, errors, code }: ProblemOptions): Response {
  const body = {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(code && { code }),
    ...(errors && { errors }),
  };
  const response = Response.json(body, { status, headers });
  response.headers.set("Content-Type", "application/problem+json");
  return response;
}

/** 400 listing every Zod issue as { path, message }; an unknown field gets an issue of its own. */
export function validationProblem(error: z.ZodError, detail = "The request has invalid values"): Response {
  const errors = error.issues.flatMap((issue): FieldError[] => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ path: path ? `${path}.${key}` : key, message: "Unknown field" }));
    }
    return [{ path, message: issue.message }];
  });
  return problem(400, { detail, errors });
}

/** The same 404 for an id that is not a UUID, a task that does not exist, and another user's task. */
export function taskNotFound(): Response {
  return problem(404, { detail: "No such task" });
}

/** The same 404 for an id that is not a UUID, a label that does not exist, and another user's label. */
export function labelNotFound(): Response {
  return problem(404, { detail: "No such label" });
}

/** The same 404 for an id that is not a UUID, a project that does not exist, and another user's project. */
export function projectNotFound(): Response {
  return problem(404, { detail: "No such project" });
}

/**
 * 403 for a member whose role does not allow the change (a viewer editing a task, an editor
 * renaming the project): `code: "insufficient_role"`. Only ever to someone who may see the thing.
 */
export function insufficientRoleProblem(detail: string): Response {
  return problem(403, { detail, code: "insufficient_role" });
}

/** 401 for a token we do not accept (RFC 6750 §3.1): the client should get a new one. */
export function invalidTokenProblem(detail: string): Response {
  return problem(401, { detail, headers: { "WWW-Authenticate": 'Bearer error="invalid_token"' } });
}

/** The same 404 for a missing comment, one on another task, and one on a task the caller may not see. */
export function commentNotFound(): Response {
  return problem(404, { detail: "No such comment" });
}
