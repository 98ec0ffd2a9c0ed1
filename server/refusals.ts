// Answers the server layer gives before the app reads a request.
import type { IncomingMessage, ServerResponse } from "node:http";
import { DRAIN_LIMIT_BYTES } from "./body-limits";

export function refusal(status: number, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(`${detail}\n`, { status, headers: { ...headers, "Content-Type": "text/plain; charset=utf-8" } });
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
