// POST /mcp: the MCP server for AI assistants (decision 124). Stateless: GET (a server-sent
// stream) and DELETE (ending a session) have nothing to do here and answer 405.
import { z } from "zod";
import { readJsonBody } from "~/api/body.server";
import { failureProblem } from "~/api/handler.server";
import { problem } from "~/api/problem.server";
import { admitMcpRequest, answerMcpRequest } from "~/api/mcp-endpoint.server";
import { logger } from "~/logger.server";
import { requestMetaContext } from "~/request-context";
import type { Route } from "./+types/mcp";

const notAllowed = (method: string) =>
  problem(405, { detail: `${method} is not allowed here: POST JSON-RPC messages`, headers: { Allow: "POST" } });

export function loader({ request }: Route.LoaderArgs) {
  return notAllowed(request.method);
}

export async function action({ request, context }: Route.ActionArgs) {
  if (request.method !== "POST") return notAllowed(request.method);
  const { requestId } = context.get(requestMetaContext);
  let response: Response;
  try {
    const { subject, headers } = await admitMcpRequest(request);
    const body = await readJsonBody(request, z.unknown());
    response = await answerMcpRequest(request, body, subject, (error) => {
      logger.error({ requestId, err: error }, "mcp tool failed");
      return `Something went wrong on our side (request ${requestId})`;
    });
    for (const [name, value] of headers) response.headers.set(name, value);
  } catch (error) {
    response = error instanceof Response ? error : failureProblem(request, context, error);
  }
  response.headers.set("Cache-Control", "no-store");
  return response;
}
