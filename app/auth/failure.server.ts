import { type AuthFailure, describeAuthError, unexpectedErrorMessage } from "~/auth/errors";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";

/**
 * Turns whatever an account operation threw into something a form can show. Known Better
 * Auth errors keep their status; a database outage is thrown on; anything else is logged
 * with the request id and shown as a generic message carrying that id (never the error).
 */
export function toAuthFailure(error: unknown, requestId: string): AuthFailure {
  // Not the form's business: the whole page answers 503 (entry.server's handleError).
  if (databaseOutageReason(error)) throw error;
  const known = describeAuthError(error);
  if (known) return known;
  logger.error({ err: error, requestId }, "unexpected error in an account operation");
  return { code: "UNEXPECTED", status: 500, message: unexpectedErrorMessage(requestId) };
}
