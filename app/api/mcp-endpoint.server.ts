// POST /mcp (decision 124): the Model Context Protocol over Streamable HTTP with the official SDK,
// stateless (a server and transport per request, JSON answers, no session id), so any process
// answers any request. Authorization per the MCP spec: a bearer token (a connected app's OAuth
// token or a personal API key), 401 with the protected-resource metadata's address, 403 with
// the missing scope.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { authenticate } from "./handler.server";
import type { TokenSubject } from "./jwt.server";
import { problem } from "./problem.server";
import { consumeApiRequest } from "./rate-limit.server";
import { appOrigin } from "~/config.server";
import { registerTools, TOOL_SCOPES } from "./mcp-tools.server";

export const PROTECTED_RESOURCE_METADATA_URL = `${appOrigin}/.well-known/oauth-protected-resource`;

const SERVER_INFO = { name: "tasklane", title: "Tasklane", version: "1.0.0" };

/** RFC 9728 §5.1: every refusal names where the client learns how to get a token. */
function withResourceMetadata(response: Response): Response {
  const challenge = response.headers.get("WWW-Authenticate");
  if (challenge?.startsWith("Bearer")) {
    const params = challenge.slice("Bearer".length).trim();
    const metadata = `resource_metadata="${PROTECTED_RESOURCE_METADATA_URL}"`;
    response.headers.set("WWW-Authenticate", `Bearer ${params ? `${params}, ` : ""}${metadata}`);
  }
  return response;
}

/** The person the request's bearer speaks for; throws the 401 (or 429) answer. */
export async function admitMcpRequest(request: Request): Promise<{ subject: TokenSubject; headers: Headers }> {
  let subject: TokenSubject;
  try {
    subject = await authenticate(request);
  } catch (error) {
    if (error instanceof Response) throw withResourceMetadata(error);
    throw error;
  }
  const rateLimit = await consumeApiRequest(subject.userId);
  const headers = new Headers(rateLimit.headers);
  if (!rateLimit.allowed) {
    throw problem(429, { detail: "Too many requests: wait for Retry-After seconds", headers: rateLimit.headers });
  }
  return { subject, headers };
}

/** The tools a JSON-RPC message (or batch) calls, to check their scopes before the SDK runs them. */
function calledTools(body: unknown): string[] {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((message) =>
    message &&
    typeof message === "object" &&
    message.method === "tools/call" &&
    typeof message.params?.name === "string"
      ? [message.params.name as string]
      : [],
  );
}

/** 403 with the scope the call needs (RFC 6750 §3.1), so a client can ask the person for more. */
function missingScope(subject: TokenSubject, body: unknown): Response | null {
  for (const name of calledTools(body)) {
    const scope = TOOL_SCOPES.get(name);
    if (scope && !subject.scopes.includes(scope)) {
      return withResourceMetadata(
        problem(403, {
          detail: `The tool ${name} needs the ${scope} scope`,
          headers: { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${scope}"` },
        }),
      );
    }
  }
  return null;
}

/** Answers one MCP request for an admitted person; `parsedBody` is the request's JSON. */
export async function answerMcpRequest(
  request: Request,
  parsedBody: unknown,
  subject: TokenSubject,
  failed: (error: unknown) => string,
): Promise<Response> {
  const refused = missingScope(subject, parsedBody);
  if (refused) return refused;
  const server = new McpServer(SERVER_INFO, { capabilities: { tools: {} } });
  registerTools(server, subject, failed);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request, { parsedBody });
  } finally {
    await server.close();
  }
}
