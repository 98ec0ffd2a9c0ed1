import type { LoaderFunctionArgs } from "react-router";
import { auth } from "~/auth/auth.server";
import { logDatabaseOutage, serviceUnavailableProblem, withOutageScope } from "~/outage.server";
import { requestMetaContext } from "~/request-context";

type Args = Pick<LoaderFunctionArgs, "request" | "context">;

/**
 * The answer of `produce` (a call into Better Auth), except while the database is away: then
 * 503 with Retry-After, also where Better Auth turned the failure into an answer of its own
 * ("no session", 401). Its answers carry sessions, tokens and personal data: no cache may keep them.
 */
export async function answerUnlessOutage(
  { request, context }: Args,
  produce: () => Promise<Response>,
): Promise<Response> {
  const result = await withOutageScope(produce);
  // An outage Better Auth got past (a failed audit write) leaves its answer standing.
  if (result.response && (result.outage === null || result.response.status < 400)) {
    const { response } = result;
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
    return response;
  }
  logDatabaseOutage(request, context.get(requestMetaContext).requestId, result.outage!);
  return serviceUnavailableProblem();
}

/** Better Auth's own endpoint for the request, with the outage rule above. */
export function answerWithBetterAuth(args: Args): Promise<Response> {
  return answerUnlessOutage(args, () => auth.handler(args.request));
}
