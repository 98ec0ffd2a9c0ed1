import type { Submission, SubmissionResult } from "@conform-to/react";
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

type FormReply = SubmissionResult<string[]>;

/** What an account form's operation came to: its value, or the failure with the reply that shows it. */
export type AuthFormAttempt<T> =
  { ok: true; value: T } | { ok: false; failure: AuthFailure; reply: FormReply; status: number };

export interface AuthFormOptions {
  requestId: string;
  /** Fields never sent back (passwords). */
  hideFields?: string[];
  /** The field a failure's message belongs under, by failure code; any other failure is the form's. */
  fieldFor?: Readonly<Record<string, string>>;
}

/**
 * Runs an account operation for a form post. A failure (see `toAuthFailure`) becomes the
 * Conform reply that shows its message under the field it is about, or over the whole form,
 * with the failure's status, so every account form answers a refusal the same way.
 */
export async function attemptAuthForm<T>(
  submission: Pick<Submission<unknown>, "reply">,
  operation: () => Promise<T>,
  { requestId, hideFields, fieldFor = {} }: AuthFormOptions,
): Promise<AuthFormAttempt<T>> {
  try {
    return { ok: true, value: await operation() };
  } catch (error) {
    const failure = toAuthFailure(error, requestId);
    const field = Object.hasOwn(fieldFor, failure.code) ? fieldFor[failure.code] : undefined;
    const reply = submission.reply({
      hideFields,
      ...(field ? { fieldErrors: { [field]: [failure.message] } } : { formErrors: [failure.message] }),
    });
    return { ok: false, failure, reply, status: failure.status };
  }
}
