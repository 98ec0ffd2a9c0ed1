// What an API route describes its operations with, next to its handlers (apiRoute's `openapi`):
// the answers every route shares (problems, rate-limit headers, the task's ETag and If-Match)
// and the Zod schemas the operations name, collected as the routes describe themselves.
// /api/openapi.json is assembled from those descriptions (openapi.server.ts).
import { z } from "zod";
import { MAX_BODY_BYTES } from "./body.server";
import { AccountJsonSchema, MeJsonSchema, TaskJsonSchema } from "./task-json";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** An OpenAPI 3.1 operation object (plain JSON, typed loosely past its required fields). */
export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  /** Overrides the document's default (a JWT or a key); `[]` for none. */
  security?: Record<string, string[]>[];
  parameters?: object[];
  requestBody?: object;
  responses: Record<string, object>;
}

/** Where a route answers, as the document writes it. */
export interface ApiPath {
  /** The OpenAPI path template; each {name} in it is a UUID path parameter. */
  path: string;
  /** Also answers at /api/{userId}/… (the seeds' clients name the user in the path). */
  alsoUnderUser?: boolean;
}

/** A route's entry in the document: its path and one operation per method it answers. */
export interface PathDescription extends ApiPath {
  operations: Partial<Record<Method, Operation>>;
}

// Request bodies are described as clients send them (defaults optional), responses as we send them.
const requestSchemas = z.registry<{ id: string }>();
const responseSchemas = z.registry<{ id: string }>();
const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const uri = (id: string) => `#/components/schemas/${id}`;

/** A required JSON request body of `schema`, listed among the document's schemas as `id`. */
export function requestBody(id: string, schema: z.ZodType) {
  requestSchemas.add(schema, { id });
  return { required: true, content: json(schemaRef(id)) };
}

/** A reference to the response schema `schema`, listed among the document's schemas as `id`. */
export function responseSchema(id: string, schema: z.ZodType) {
  responseSchemas.add(schema, { id });
  return schemaRef(id);
}

/** The schemas the operations named, as JSON Schema 2020-12. */
export function componentSchemas() {
  const schemas = {
    ...z.toJSONSchema(requestSchemas, { target: "draft-2020-12", io: "input", uri }).schemas,
    ...z.toJSONSchema(responseSchemas, { target: "draft-2020-12", io: "output", uri }).schemas,
  };
  // OpenAPI 3.1 component schemas take their dialect from the document (jsonSchemaDialect).
  for (const schema of Object.values(schemas)) delete schema.$schema;
  return schemas;
}

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string().optional().describe("Why, where the status alone is ambiguous: insufficient_role, not_author (403)"),
});
const ValidationProblemSchema = ProblemSchema.extend({
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
const problemSchemas = {
  Problem: responseSchema("Problem", ProblemSchema),
  ValidationProblem: responseSchema("ValidationProblem", ValidationProblemSchema),
};

export const json = (schema: object) => ({ "application/json": { schema } });
export const problemContent = (id: keyof typeof problemSchemas = "Problem") => ({
  "application/problem+json": { schema: problemSchemas[id] },
});
export const problemResponse = (description: string, id?: keyof typeof problemSchemas) => ({
  description,
  content: problemContent(id),
});

export const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests allowed per minute", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this minute", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the budget is refilled", schema: { type: "integer" } },
};
export const locationHeader = { Location: { schema: { type: "string" } } };

// Every authenticated operation can answer these (the document's components.responses).
export const authenticatedResponses = {
  "401": { $ref: "#/components/responses/Unauthorized" },
  "405": { $ref: "#/components/responses/MethodNotAllowed" },
  "429": { $ref: "#/components/responses/TooManyRequests" },
};
// Writes also answer 403 to a read-only key or its JWT (and, under /api/{userId}, to another user's id).
export const writeResponses = { ...authenticatedResponses, "403": { $ref: "#/components/responses/Forbidden" } };
export const bodyErrors = {
  "400": problemResponse(
    "Malformed JSON, an unknown field, an invalid value (an unknown bulk action, too many ids), or a label name the user has no label for",
    "ValidationProblem",
  ),
  "413": problemResponse(`The body is larger than ${MAX_BODY_BYTES} bytes`),
  "415": problemResponse("The body is not application/json"),
};

// Tasks: several routes answer with one, and take If-Match on their writes.
const etagHeader = { ETag: { description: "The task's version, for If-Match", schema: { type: "string" } } };
export const taskResponse = (description: string, headers: Record<string, object> = {}) => ({
  description,
  headers: { ...etagHeader, ...rateLimitHeaders, ...headers },
  content: json(responseSchema("Task", TaskJsonSchema)),
});
export const taskNotFound = { "404": problemResponse("No such task (or not the token's user's)") };
export const preconditionFailed = { "412": problemResponse("If-Match names a version that is no longer current") };
export const ifMatch = {
  name: "If-Match",
  in: "header",
  required: false,
  description: "The ETag last seen: the write fails with 412 if the task has changed since",
  schema: { type: "string" },
};

// Labels: two routes.
export const labelNotFound = { "404": problemResponse("No such label (or not the token's user's)") };
export const labelNameTaken = { "409": problemResponse("The user already has a label of this name (ignoring case)") };

// Projects: two routes, and the task writes that name one.
export const projectNotFound = { "404": problemResponse("No such project (or not the token's user's)") };
export const projectConflict = {
  "409": problemResponse(
    "The user already has a project of this name (ignoring case), or the Inbox cannot be archived or deleted",
  ),
};

// Invitations (decision 109).
export const insufficientRole = {
  "403": problemResponse(
    "A read-only key, {userId} not the token's user, or a member whose role does not allow this (code: insufficient_role)",
  ),
};
export const invitationConflict = {
  "409": problemResponse(
    "The address is a member already, the project has 50 members and pending invitations, or it is the Inbox (never shared)",
  ),
};
export const invitationsLimited = {
  "429": {
    description: "Too many requests, or the caller has sent INVITATIONS_PER_DAY invitations in the last 24 hours",
    headers: { "Retry-After": { schema: { type: "integer" } } },
    content: problemContent(),
  },
};

// The plan's auth endpoints: register and login answer alike, and refuse alike.
export const signedInResponse = (description: string) => ({
  description,
  headers: {
    "Set-Cookie": { description: "The session cookie (httpOnly)", schema: { type: "string" } },
    "set-auth-token": {
      description: "The session token, for a client without cookies (bearer)",
      schema: { type: "string" },
    },
  },
  content: json(
    responseSchema(
      "SignedIn",
      z.object({ user: MeJsonSchema, token: z.string().describe("A JWT"), expiresAt: z.iso.datetime() }),
    ),
  ),
});
export const attemptLimited = {
  "429": {
    description: "Too many attempts from this address or for this email",
    headers: { "Retry-After": { schema: { type: "integer" } } },
    content: problemContent(),
  },
};
export const foreignOrigin = { "403": problemResponse("The Origin header names another site") };
export const accountResponse = {
  description: "The user and the account's time zone",
  headers: rateLimitHeaders,
  content: json(responseSchema("Account", AccountJsonSchema)),
};

export const meResponse = {
  description: "The user",
  headers: rateLimitHeaders,
  content: json(responseSchema("Me", MeJsonSchema)),
};
