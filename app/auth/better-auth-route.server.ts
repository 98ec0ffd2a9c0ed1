import type { LoaderFunctionArgs } from "react-router";
import { auth } from "~/auth/auth.server";
import { logDatabaseOutage, serviceUnavailableProblem, withOutageScope } from "~/outage.server";
import { requestMetaContext } from "~/request-context";

/**
 * Better Auth's answer, except while the database is away: then 503 with Retry-After, also
 * where Better Auth turned the failure into "no session" (401) itself. Its answers carry
 * sessions, tokens and personal data: no cache may keep them.
 */
export async function answerWithBetterAuth({ request, context }: Pick<LoaderFunctionArgs, "request" | "context">): Promise<Response> {
  const result = await withOutageScope(() => auth.handler(request));
  // An outage Better Auth got past (a failed audit write) leaves its answer standing.
  if (result.response && (result.outage === null || result.response.status < 400)) {
    const { response } = result;
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
    return response;
  }
  logDatabaseOutage(request, context.get(requestMetaContext).requestId, result.outage!);
  return serviceUnavailableProblem();
}
