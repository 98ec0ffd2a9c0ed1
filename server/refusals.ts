// Answers the server layer gives before the app reads a request: on the JSON API a problem
// document (RFC 9457, what the OpenAPI document promises for every error) with the CORS headers
// an allowed browser origin needs to read it; on pages one line of text.
import type { IncomingMessage, ServerResponse } from "node:http";
import { corsHeadersForOrigin } from "~/api/cors.server";
import { problem } from "~/api/problem.server";
import { isJsonApiPath } from "~/json-api-path";
import { DRAIN_LIMIT_BYTES } from "./body-limits";

export function refusal(
  req: IncomingMessage,
  pathname: string,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  if (isJsonApiPath(pathname)) {
    return problem(status, { detail, headers: { ...headers, ...corsHeadersForOrigin(req.headers.origin) } });
  }
  return new Response(`${detail}\n`, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
}

/** An answer the app made for the server layer (the 503 while starting), with CORS on the JSON API. */
export function withCors(req: IncomingMessage, pathname: string, response: Response): Response {
  if (!isJsonApiPath(pathname)) return response;
  for (const [name, value] of Object.entries(corsHeadersForOrigin(req.headers.origin)))
    response.headers.set(name, value);
  return response;
}

export async function send(res: ServerResponse, response: Response): Promise<void> {
  const body = await response.text();
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

/**
 * Refuses a request whose body is still arriving. The rest of the body is read and dropped
 * before the answer ends: a client still sending when the socket closes gets a reset and never
 * sees the answer. Beyond DRAIN_LIMIT_BYTES, it just hangs up.
 */
export async function sendAfterBody(req: IncomingMessage, res: ServerResponse, response: Response): Promise<void> {
  const body = await response.text();
  res.writeHead(response.status, { ...Object.fromEntries(response.headers), Connection: "close" });
  let drained = 0;
  req.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) req.destroy();
  });
  req.on("end", () => res.end(body));
}
