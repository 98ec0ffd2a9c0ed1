// The one wrapper every JSON API route goes through, so each route module only says what
// its methods do and how /api/openapi.json describes them (and exports the result as both
// its loader and its action).
// Order per request: OPTIONS and CORS, method (405), bearer JWT or API key (401), the user's
// rate limit (429), the token's scope (403), the {userId} in the path (403), then the route's
// handler. Every answer,
// errors included, leaves with the CORS headers and Cache-Control: no-store.
import type { LoaderFunctionArgs, Params, RouterContextProvider } from "react-router";
import { logger } from "~/logger.server";
import { databaseOutageReason } from "~/database-errors.server";
import { logDatabaseOutage, serviceUnavailableProblem } from "~/outage.server";
import { requestMetaContext } from "~/request-context";
import { corsHeaders, optionsResponse } from "./cors.server";
import { LabelNameTakenError } from "~/labels/labels.server";
import { UnknownLabelError } from "~/labels/task-labels.server";
import { AssigneeNotMemberError, RepeatNeedsDueDateError } from "~/tasks/tasks.server";
import { DueTimeWithoutDateError } from "~/tasks/due.server";
import { OwnerNotFoundError } from "~/db/owned-rows.server";
import { InboxProtectedError, ProjectNameTakenError, ProjectNotFoundError } from "~/projects/projects.server";
import { authenticateApiKey, looksLikeApiKey } from "~/api-keys/api-keys.server";
import { API_KEY_PREFIX, FULL_ACCESS, type TokenScope, WRITE_SCOPE } from "~/api-keys/key-rules";
import { getSession } from "~/auth/session.server";
import { appGrantStands } from "~/connected-apps/connected-apps.server";
import { InvalidTokenError, type TokenSubject, verifyApiToken } from "./jwt.server";
import { insufficientRoleProblem, invalidTokenProblem, problem, projectNotFound } from "./problem.server";
import { InsufficientRoleError } from "~/projects/project-access.server";
import { MemberNotFoundError, MembershipConflictError } from "~/projects/members.server";
import type { ApiPath, Method, Operation, PathDescription } from "./openapi-operations.server";
import { consumeApiRequest } from "./rate-limit.server";

export interface ApiCall {
  request: Request;
  params: Params;
  context: Readonly<RouterContextProvider>;
}

export interface AuthenticatedApiCall extends ApiCall {
  /** The user the bearer token (or key, or session) speaks for, and what it may do. */
  user: TokenSubject;
}

interface ApiRouteOptions extends ApiPath {
  /** Also admit a Better Auth session (cookie or session bearer): GET /api/auth/me. */
  sessions?: boolean;
}

/** One method of a route: how the document describes it, and what answers it. */
interface Endpoint<Call> {
  openapi: Operation;
  handle(call: Call): Promise<Response> | Response;
}
type Endpoints<Call> = Partial<Record<Method, Endpoint<Call>>>;

/** A route's loader and action, carrying its entry in the OpenAPI document. */
export type ApiRouteHandler = ((args: LoaderFunctionArgs) => Promise<Response>) & { openapi: PathDescription };

/**
 * A resource route whose every method needs a bearer JWT or API key and counts against the
 * user's rate limit. Reads need `tasks:read`, writes `tasks:write` (a read key has only the first).
 */
export function apiRoute({ sessions = false, ...path }: ApiRouteOptions, endpoints: Endpoints<AuthenticatedApiCall>) {
  return resourceRoute(path, endpoints, async (call, headers) => {
    const user = (sessions && (await sessionSubject(call.request))) || (await authenticate(call.request));
    const rateLimit = await consumeApiRequest(user.userId);
    Object.assign(headers, rateLimit.headers);
    if (!rateLimit.allowed) throw problem(429, { detail: "Too many requests: wait for Retry-After seconds" });
    const needed = requiredScope(call.request.method);
    if (!user.scopes.includes(needed)) throw insufficientScopeProblem(needed);
    // The seeds' clients name the user in the path (/api/{userId}/tasks): it must be the token's.
    if (call.params.userId !== undefined && call.params.userId !== user.userId) {
      throw problem(403, { detail: "The token does not belong to the user in the path" });
    }
    return { ...call, user };
  });
}

/** A resource route anyone may call (the OpenAPI document, the public keys, sign-in). */
export function publicApiRoute(path: ApiPath, endpoints: Endpoints<ApiCall>) {
  return resourceRoute(path, endpoints, async (call) => call);
}

function resourceRoute<Call extends ApiCall>(
  path: ApiPath,
  endpoints: Endpoints<Call>,
  admit: (call: ApiCall, headers: Record<string, string>) => Promise<Call>,
): ApiRouteHandler {
  const methods = Object.keys(endpoints) as Method[];
  const allow = [...methods.flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method])), "OPTIONS"].join(", ");

  async function respond({ request, params, context }: ApiCall, headers: Record<string, string>): Promise<Response> {
    if (request.method === "OPTIONS") return optionsResponse(request, allow);
    // Node sends no body for HEAD: answering it as GET gives the right headers.
    const method = (request.method === "HEAD" ? "GET" : request.method) as Method;
    const endpoint = endpoints[method];
    if (!endpoint) {
      throw problem(405, { detail: `${request.method} is not allowed here`, headers: { Allow: allow } });
    }
    return endpoint.handle(await admit({ request, params, context }, headers));
  }

  // React Router sends GET, HEAD and OPTIONS to the loader and the other methods to the
  // action: both go through `respond`, which picks the handler (or answers 405 with Allow).
  async function handle({ request, params, context }: LoaderFunctionArgs): Promise<Response> {
    const headers = corsHeaders(request);
    let response: Response;
    try {
      response = await respond({ request, params, context }, headers);
    } catch (error) {
      response = error instanceof Response ? error : (domainProblem(error) ?? failureProblem(request, context, error));
    }
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    // Personal data: no cache may keep it, unless a route says otherwise (public keys).
    if (!response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "no-store");
    return response;
  }

  const operations = Object.fromEntries(methods.map((method) => [method, endpoints[method]!.openapi]));
  return Object.assign(handle, { openapi: { ...path, operations } });
}

/** 503 for a database outage, else 500 with the request id (the error is logged, never shown). */
export function failureProblem(request: Request, context: Readonly<RouterContextProvider>, error: unknown): Response {
  const { requestId } = context.get(requestMetaContext);
  const outage = databaseOutageReason(error);
  if (outage) {
    logDatabaseOutage(request, requestId, outage);
    return serviceUnavailableProblem();
  }
  logger.error({ requestId, err: error }, "api request failed");
  return problem(500, { detail: `Something went wrong on our side (request ${requestId})` });
}

/**
 * The answer to an error the domain throws for the client's request (a missing label, a taken
 * name, a role that may not, a deleted account), or null for anything else. The MCP tools
 * (app/api/mcp-tools.server.ts) answer with the same words.
 */
export function domainProblem(error: unknown): Response | null {
  if (error instanceof UnknownLabelError) {
    // A task names a label the person does not have: create it first (POST /api/labels).
    const errors = error.names.map((name) => ({ path: error.field, message: `No label named “${name}”` }));
    return problem(400, { detail: `${error.message}: create it with POST /api/labels first`, errors });
  } else if (error instanceof LabelNameTakenError || error instanceof ProjectNameTakenError) {
    return problem(409, { detail: error.message });
  } else if (error instanceof InboxProtectedError) {
    return problem(409, { detail: error.message });
  } else if (error instanceof RepeatNeedsDueDateError) {
    return problem(400, { detail: error.message, errors: [{ path: "repeat", message: error.message }] });
  } else if (error instanceof DueTimeWithoutDateError) {
    return problem(400, { detail: error.message, errors: [{ path: "dueTime", message: error.message }] });
  } else if (error instanceof ProjectNotFoundError) {
    // A task write (or a move) named a project that is missing or someone else's: one answer.
    return projectNotFound();
  } else if (error instanceof AssigneeNotMemberError) {
    return problem(400, { detail: error.message, errors: [{ path: "assigneeId", message: error.message }] });
  } else if (error instanceof MemberNotFoundError) {
    return problem(404, { detail: error.message });
  } else if (error instanceof MembershipConflictError) {
    return problem(409, { detail: error.message });
  } else if (error instanceof InsufficientRoleError) {
    return insufficientRoleProblem(error.message);
  } else if (error instanceof OwnerNotFoundError) {
    // The token is still within its lifetime but its account has been deleted.
    return invalidTokenProblem("The token's account no longer exists");
  }
  return null;
}

const BEARER = /^bearer(?:\s+|$)/i;

/** The bearer credential of a request, or null. */
export function bearerCredential(request: Request): string | null {
  const authorization = request.headers.get("authorization");
  if (!authorization || !BEARER.test(authorization)) return null;
  return authorization.replace(BEARER, "").trim();
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function requiredScope(method: string): TokenScope {
  return READ_METHODS.has(method.toUpperCase()) ? "tasks:read" : WRITE_SCOPE;
}

/** 403 for a valid token without the scope the method needs (RFC 6750 §3.1). */
function insufficientScopeProblem(scope: TokenScope): Response {
  return problem(403, {
    detail: `This needs the ${scope} scope: the key (or the JWT minted from it) is read-only`,
    headers: { "WWW-Authenticate": `Bearer error="insufficient_scope", scope="${scope}"` },
  });
}

/** The subject of a session cookie or session bearer token, or null. */
async function sessionSubject(request: Request): Promise<TokenSubject | null> {
  const session = await getSession(request);
  return session && { userId: session.user.id, email: session.user.email, scopes: FULL_ACCESS };
}

/**
 * The subject of the request's JWT or API key (`tl_…`); throws 401 with the RFC 6750
 * challenge when it is missing, invalid, expired or revoked.
 */
export async function authenticate(request: Request): Promise<TokenSubject> {
  const credential = bearerCredential(request);
  if (credential === null) {
    throw problem(401, {
      detail: `Send an API key (${API_KEY_PREFIX}…) or a JWT from /api/auth/token as Authorization: Bearer <token>`,
      headers: { "WWW-Authenticate": "Bearer" },
    });
  }
  if (looksLikeApiKey(credential)) {
    const subject = await authenticateApiKey(credential);
    if (!subject) throw invalidTokenProblem("The API key is unknown, revoked or expired: create one in Settings");
    return subject;
  }
  let subject: TokenSubject;
  try {
    subject = await verifyApiToken(credential);
  } catch (error) {
    if (!(error instanceof InvalidTokenError)) throw error;
    throw invalidTokenProblem(
      "The token is invalid or has expired: get a new one from /api/auth/token (POST with a key, GET with a session)",
    );
  }
  // A connected app's token is good only while the person's grant stands (decision 123).
  if (subject.clientId !== undefined && !(await appGrantStands(subject.userId, subject.clientId))) {
    throw invalidTokenProblem("The app's access has been taken back: ask the person to connect it again");
  }
  return subject;
}
