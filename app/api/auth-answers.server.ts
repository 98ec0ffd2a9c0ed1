// What the plan's auth routes (/api/auth/register, login, logout) share: the same origin rule
// as the forms, and Better Auth's refusals as problem+json.
import { isAPIError } from "better-auth/api";
import { describeAuthError } from "~/auth/errors";
import { databaseOutageReason } from "~/database-errors.server";
import { isAllowedActionOrigin } from "~/same-origin.server";
import { problem } from "./problem.server";

/** React Router's CSRF rule for page actions, for these routes that set or end a session cookie. */
export function requireAllowedOrigin(request: Request): void {
  if (!isAllowedActionOrigin(request)) {
    throw problem(403, { detail: "Cross-site request refused: the Origin header names another site" });
  }
}

/**
 * A Better Auth refusal (wrong password, weak password, too many attempts) as a problem with
 * its status, the forms' message and its Retry-After; anything else is thrown on (the route
 * answers 503 for an outage, 500 for a bug).
 */
export function authRefusal(error: unknown): Response {
  if (databaseOutageReason(error)) throw error;
  const known = describeAuthError(error);
  if (!known || !isAPIError(error)) throw error;
  const retryAfter = new Headers(error.headers ?? undefined).get("retry-after");
  return problem(known.status, {
    detail: known.message,
    headers: retryAfter ? { "Retry-After": retryAfter } : undefined,
  });
}
