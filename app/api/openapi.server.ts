// GET /api/openapi.json: the API's contract, generated from the Zod schemas the routes use,
// so the document cannot drift from the validation.
import { z } from "zod";
import { API_KEY_PREFIX, WRITE_SCOPE } from "~/api-keys/key-rules";
import { SignInSchema, SignUpSchema } from "~/auth/schemas";
import { appOrigin } from "~/config.server";
import { LabelInputSchema, LabelPatchSchema } from "~/labels/label-schema";
import { BULK_MAX, BulkRequestSchema } from "~/tasks/bulk/bulk-actions";
import { TaskInputSchema, TaskPatchSchema } from "~/tasks/task-schema";
import { MAX_BODY_BYTES } from "./body.server";
import { BulkResultJsonSchema, LabelJsonSchema, LabelListJsonSchema, MeJsonSchema, TaskJsonSchema, TaskListRequestSchema, TaskPageJsonSchema } from "./task-json";

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
});
const ValidationProblemSchema = ProblemSchema.extend({
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});

const KeyTokenSchema = z.object({
  token: z.string().describe("A JWT"),
  expiresAt: z.iso.datetime(),
  scope: z.string().describe("tasks:read, or tasks:read tasks:write"),
});
const SignedInSchema = z.object({ user: MeJsonSchema, token: z.string().describe("A JWT"), expiresAt: z.iso.datetime() });

const schemaRef = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const uri = (id: string) => `#/components/schemas/${id}`;

// Request bodies are described as clients send them (defaults optional), responses as we send them.
const requests = z.registry<{ id: string }>();
requests.add(TaskInputSchema, { id: "TaskInput" });
requests.add(TaskPatchSchema, { id: "TaskPatch" });
requests.add(LabelInputSchema, { id: "LabelInput" });
requests.add(LabelPatchSchema, { id: "LabelPatch" });
requests.add(SignUpSchema, { id: "RegisterInput" });
requests.add(SignInSchema.omit({ redirectTo: true }), { id: "LoginInput" });
requests.add(BulkRequestSchema, { id: "BulkRequest" });
const responses = z.registry<{ id: string }>();
responses.add(TaskJsonSchema, { id: "Task" });
responses.add(TaskPageJsonSchema, { id: "TaskPage" });
responses.add(BulkResultJsonSchema, { id: "BulkResult" });
responses.add(LabelJsonSchema, { id: "Label" });
responses.add(LabelListJsonSchema, { id: "LabelList" });
responses.add(MeJsonSchema, { id: "Me" });
responses.add(SignedInSchema, { id: "SignedIn" });
responses.add(KeyTokenSchema, { id: "KeyToken" });
responses.add(ProblemSchema, { id: "Problem" });
responses.add(ValidationProblemSchema, { id: "ValidationProblem" });

function componentSchemas() {
  const schemas = {
    ...z.toJSONSchema(requests, { target: "draft-2020-12", io: "input", uri }).schemas,
    ...z.toJSONSchema(responses, { target: "draft-2020-12", io: "output", uri }).schemas,
  };
  // OpenAPI 3.1 component schemas take their dialect from the document (jsonSchemaDialect).
  for (const schema of Object.values(schemas)) delete schema.$schema;
  return schemas;
}

const json = (schema: object) => ({ "application/json": { schema } });
const problemContent = (id = "Problem") => ({ "application/problem+json": { schema: schemaRef(id) } });
const problemResponse = (description: string, id?: string) => ({ description, content: problemContent(id) });
const rateLimitHeaders = {
  "RateLimit-Limit": { description: "Requests allowed per minute", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left in this minute", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the budget is refilled", schema: { type: "integer" } },
};
const etagHeader = { ETag: { description: "The task's version, for If-Match", schema: { type: "string" } } };

const taskResponse = (description: string) => ({
  description,
  headers: { ...etagHeader, ...rateLimitHeaders },
  content: json(schemaRef("Task")),
});

// Every authenticated operation can answer these.
const authenticatedResponses = {
  "401": { $ref: "#/components/responses/Unauthorized" },
  "405": { $ref: "#/components/responses/MethodNotAllowed" },
  "429": { $ref: "#/components/responses/TooManyRequests" },
};
// Writes also answer 403 to a read-only key or its JWT (and, under /api/{userId}, to another user's id).
const writeForbidden = { "403": { $ref: "#/components/responses/Forbidden" } };
const notFound = { "404": problemResponse("No such task (or not the token's user's)") };
const labelNotFound = { "404": problemResponse("No such label (or not the token's user's)") };
const nameTaken = { "409": problemResponse("The user already has a label of this name (ignoring case)") };
const preconditionFailed = { "412": problemResponse("If-Match names a version that is no longer current") };
const bodyErrors = {
  "400": problemResponse(
    "Malformed JSON, an unknown field, an invalid value (an unknown bulk action, too many ids), or a label name the user has no label for",
    "ValidationProblem",
  ),
  "413": problemResponse(`The body is larger than ${MAX_BODY_BYTES} bytes`),
  "415": problemResponse("The body is not application/json"),
};

const ifMatch = {
  name: "If-Match",
  in: "header",
  required: false,
  description: "The ETag last seen: the write fails with 412 if the task has changed since",
  schema: { type: "string" },
};
const labelIdParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const taskIdParameter = { name: "id", in: "path", required: true, schema: { type: "string", format: "uuid" } };
const userIdParameter = {
  name: "userId",
  in: "path",
  required: true,
  description: "Must be the token's subject (403 otherwise)",
  schema: { type: "string", format: "uuid" },
};

function listParameters() {
  return Object.entries(TaskListRequestSchema.shape).map(([name, schema]) => {
    const { $schema: _dialect, ...jsonSchema } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
    const parameter = { name, in: "query", required: false, schema: jsonSchema };
    return name === "label"
      ? { ...parameter, description: "A label name (ignoring case); repeat to require several (label=a&label=b)", style: "form", explode: true }
      : name === "q"
        ? { ...parameter, description: "Words that must all appear in the title or description, in any order, ignoring case and accents" }
        : parameter;
  });
}

/** The task and label operations, under /api or under /api/{userId} (the seeds' clients). */
function taskPaths(userInPath: boolean) {
  const prefix = userInPath ? "/api/{userId}" : "/api";
  const op = (id: string) => (userInPath ? `${id}ForUserPath` : id);
  const extraParameters = userInPath ? [userIdParameter] : [];
  const commonResponses = userInPath
    ? { ...authenticatedResponses, "403": problemResponse("{userId} is not the token's user") }
    : authenticatedResponses;
  const withBody = (schemaId: string) => ({ required: true, content: json(schemaRef(schemaId)) });
  const writeResponses = { ...commonResponses, ...writeForbidden };
  return {
    [`${prefix}/tasks`]: {
      parameters: extraParameters,
      get: {
        operationId: op("listTasks"),
        summary: "The user's tasks, filtered, sorted, a page at a time",
        parameters: listParameters(),
        responses: {
          "200": { description: "A page of tasks", headers: rateLimitHeaders, content: json(schemaRef("TaskPage")) },
          "400": problemResponse("An invalid query value", "ValidationProblem"),
          ...commonResponses,
        },
      },
      post: {
        operationId: op("createTask"),
        summary: "Create a task",
        requestBody: withBody("TaskInput"),
        responses: {
          "201": {
            ...taskResponse("The new task"),
            headers: { ...etagHeader, ...rateLimitHeaders, Location: { schema: { type: "string" } } },
          },
          ...bodyErrors,
          ...writeResponses,
        },
      },
    },
    [`${prefix}/tasks/{id}`]: {
      parameters: [...extraParameters, taskIdParameter],
      get: {
        operationId: op("getTask"),
        summary: "One task",
        responses: { "200": taskResponse("The task"), ...notFound, ...commonResponses },
      },
      put: {
        operationId: op("replaceTask"),
        summary: "Replace the editable fields (omitted optional fields reset to their defaults)",
        parameters: [ifMatch],
        requestBody: withBody("TaskInput"),
        responses: {
          "200": taskResponse("The task as stored"),
          ...bodyErrors,
          ...notFound,
          ...preconditionFailed,
          ...writeResponses,
        },
      },
      patch: {
        operationId: op("updateTask"),
        summary: "Change only the fields given",
        parameters: [ifMatch],
        requestBody: withBody("TaskPatch"),
        responses: {
          "200": taskResponse("The task as stored"),
          ...bodyErrors,
          ...notFound,
          ...preconditionFailed,
          ...writeResponses,
        },
      },
      delete: {
        operationId: op("deleteTask"),
        summary: "Delete a task",
        parameters: [ifMatch],
        responses: {
          "204": { description: "Deleted", headers: rateLimitHeaders },
          ...notFound,
          ...preconditionFailed,
          ...writeResponses,
        },
      },
    },
    [`${prefix}/tasks/bulk`]: {
      parameters: extraParameters,
      post: {
        operationId: op("bulkUpdateTasks"),
        summary: `One action on up to ${BULK_MAX} tasks, all or nothing`,
        description:
          "complete, reopen, set_priority (with priority), set_category (with category), add_label and remove_label (with label), " +
          "or delete. Every id must be one of the user's tasks: otherwise 404 and nothing changes.",
        requestBody: withBody("BulkRequest"),
        responses: {
          "200": { description: "The tasks as stored, each with its ETag (or the ids deleted)", headers: rateLimitHeaders, content: json(schemaRef("BulkResult")) },
          ...bodyErrors,
          "404": problemResponse("An id that is not one of the user's tasks (each listed in errors); nothing was changed", "ValidationProblem"),
          ...commonResponses,
        },
      },
    },
    [`${prefix}/labels`]: {
      parameters: extraParameters,
      get: {
        operationId: op("listLabels"),
        summary: "The user's labels",
        responses: { "200": { description: "The labels", headers: rateLimitHeaders, content: json(schemaRef("LabelList")) }, ...commonResponses },
      },
      post: {
        operationId: op("createLabel"),
        summary: "Create a label (without a colour, the palette's next one)",
        requestBody: withBody("LabelInput"),
        responses: {
          "201": { description: "The new label", headers: { ...rateLimitHeaders, Location: { schema: { type: "string" } } }, content: json(schemaRef("Label")) },
          ...bodyErrors,
          ...nameTaken,
          ...writeResponses,
        },
      },
    },
    [`${prefix}/labels/{id}`]: {
      parameters: [...extraParameters, labelIdParameter],
      patch: {
        operationId: op("updateLabel"),
        summary: "Rename or recolour a label (a rename changes its tasks' JSON, updatedAt and ETag)",
        requestBody: withBody("LabelPatch"),
        responses: {
          "200": { description: "The label as stored", headers: rateLimitHeaders, content: json(schemaRef("Label")) },
          ...bodyErrors,
          ...labelNotFound,
          ...nameTaken,
          ...writeResponses,
        },
      },
      delete: {
        operationId: op("deleteLabel"),
        summary: "Delete a label and take it off its tasks",
        responses: { "204": { description: "Deleted", headers: rateLimitHeaders }, ...labelNotFound, ...writeResponses },
      },
    },
    [`${prefix}/tasks/{id}/complete`]: {
      parameters: [...extraParameters, taskIdParameter],
      patch: {
        operationId: op("toggleTaskCompletion"),
        summary: "Toggle completed",
        parameters: [ifMatch],
        responses: {
          "200": taskResponse("The task as stored"),
          ...notFound,
          ...preconditionFailed,
          ...writeResponses,
        },
      },
    },
  };
}

const sessionHeaders = {
  "Set-Cookie": { description: "The session cookie (httpOnly)", schema: { type: "string" } },
  "set-auth-token": { description: "The session token, for a client without cookies (bearer)", schema: { type: "string" } },
};
const attemptLimited = {
  "429": {
    description: "Too many attempts from this address or for this email",
    headers: { "Retry-After": { schema: { type: "integer" } } },
    content: problemContent(),
  },
};
const foreignOrigin = { "403": problemResponse("The Origin header names another site") };

/** The plan's auth endpoints (thin routes over Better Auth, with the forms' rules). */
function authPaths() {
  return {
    "/api/auth/register": {
      post: {
        operationId: "register",
        summary: "Create an account: a JWT and the session cookie",
        security: [],
        requestBody: { required: true, content: json(schemaRef("RegisterInput")) },
        responses: {
          "201": { description: "Signed up and in", headers: sessionHeaders, content: json(schemaRef("SignedIn")) },
          "202": { description: "REQUIRE_EMAIL_VERIFICATION: confirm the address first (token is null)", content: json({ type: "object" }) },
          ...bodyErrors,
          ...foreignOrigin,
          "422": problemResponse("The address already has an account"),
          ...attemptLimited,
        },
      },
    },
    "/api/auth/login": {
      post: {
        operationId: "login",
        summary: "Sign in: a JWT and the session cookie",
        security: [],
        requestBody: { required: true, content: json(schemaRef("LoginInput")) },
        responses: {
          "200": { description: "Signed in", headers: sessionHeaders, content: json(schemaRef("SignedIn")) },
          ...bodyErrors,
          "401": problemResponse("Invalid email or password"),
          ...foreignOrigin,
          ...attemptLimited,
        },
      },
    },
    "/api/auth/logout": {
      post: {
        operationId: "logout",
        summary: "End the session of the cookie or session bearer token",
        security: [{ sessionCookie: [] }],
        responses: {
          "204": { description: "Signed out; Set-Cookie clears the cookie" },
          "400": problemResponse("Only a JWT or a key was sent: keys are revoked in Settings, JWTs expire"),
          "401": problemResponse("No session"),
          ...foreignOrigin,
        },
      },
    },
    "/api/auth/me": {
      get: {
        operationId: "getAuthMe",
        summary: "The user of the session cookie, session bearer, JWT or key",
        security: [{ sessionCookie: [] }, { bearerJwt: [] }, { apiKey: [] }],
        responses: {
          "200": { description: "The user", headers: rateLimitHeaders, content: json(schemaRef("Me")) },
          ...authenticatedResponses,
        },
      },
    },
    "/api/auth/token": {
      post: {
        operationId: "mintTokenForKey",
        summary: "A JWT for an API key, carrying the key's scope",
        security: [{ apiKey: [] }],
        responses: {
          "200": {
            description: "The JWT",
            headers: rateLimitHeaders,
            content: json(schemaRef("KeyToken")),
          },
          ...authenticatedResponses,
        },
      },
      get: {
        operationId: "getTokenForSession",
        summary: "A JWT for the session (Better Auth's; full access, no scope claim)",
        security: [{ sessionCookie: [] }],
        responses: {
          "200": { description: "The JWT", content: json({ type: "object", required: ["token"], properties: { token: { type: "string" } } }) },
          "401": problemResponse("No session"),
        },
      },
    },
  };
}

function buildDocument() {
  return {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: {
      title: "Tasklane API",
      version: "1.0.0",
      description:
        `Manage a user's tasks and labels. Authenticate with a personal API key (${API_KEY_PREFIX}…, made in Settings) or a ` +
        "JWT (RS256, public keys at /.well-known/jwks.json) from POST /api/auth/token (with a key: the key's scope) or " +
        `GET /api/auth/token (with a session: full access). Writes need the ${WRITE_SCOPE} scope. Errors are RFC 9457 problem details.`,
    },
    servers: [{ url: appOrigin }],
    security: [{ bearerJwt: [] }, { apiKey: [] }],
    paths: {
      ...authPaths(),
      "/api/me": {
        get: {
          operationId: "getMe",
          summary: "The token's user",
          responses: {
            "200": { description: "The user", headers: rateLimitHeaders, content: json(schemaRef("Me")) },
            ...authenticatedResponses,
          },
        },
      },
      ...taskPaths(false),
      ...taskPaths(true),
      "/.well-known/jwks.json": {
        get: {
          operationId: "getPublicKeys",
          summary: "The public keys that verify API tokens (JWKS; also at /api/auth/jwks)",
          security: [],
          responses: {
            "200": {
              description: "JSON Web Key Set",
              content: json({
                type: "object",
                required: ["keys"],
                properties: {
                  keys: {
                    type: "array",
                    items: {
                      type: "object",
                      required: ["kid", "kty", "alg"],
                      properties: { kid: { type: "string" }, kty: { type: "string" }, alg: { type: "string" } },
                    },
                  },
                },
              }),
            },
          },
        },
      },
      "/api/openapi.json": {
        get: {
          operationId: "getOpenApiDocument",
          summary: "This document",
          security: [],
          responses: { "200": { description: "OpenAPI 3.1", content: json({ type: "object" }) } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerJwt: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A JWT from POST /api/auth/token with a key, or GET /api/auth/token with a session (RS256; claims sub, email, iss, aud, " +
            "iat, exp, and scope for a key's token: tasks:read or tasks:read tasks:write)",
        },
        apiKey: {
          type: "http",
          scheme: "bearer",
          bearerFormat: `API key (${API_KEY_PREFIX}…)`,
          description:
            `A personal API key from Settings → API keys, sent as Authorization: Bearer ${API_KEY_PREFIX}…; ` +
            "a read key may only read (403 insufficient_scope on writes)",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "better-auth.session_token",
          description: "The browser session (register and login set it; __Secure- prefixed over https)",
        },
      },
      schemas: componentSchemas(),
      responses: {
        Unauthorized: {
          description: "No token, or an invalid or expired one",
          headers: { "WWW-Authenticate": { schema: { type: "string" } } },
          content: problemContent(),
        },
        Forbidden: {
          description: `The key (or the JWT minted from it) lacks the ${WRITE_SCOPE} scope, or {userId} is not the token's user`,
          headers: { "WWW-Authenticate": { description: 'Bearer error="insufficient_scope" when a scope is missing', schema: { type: "string" } } },
          content: problemContent(),
        },
        MethodNotAllowed: {
          description: "The method is not allowed on this path",
          headers: { Allow: { schema: { type: "string" } } },
          content: problemContent(),
        },
        TooManyRequests: {
          description: "The user's request budget for this minute is spent",
          headers: { ...rateLimitHeaders, "Retry-After": { schema: { type: "integer" } } },
          content: problemContent(),
        },
      },
    },
  };
}

let document: ReturnType<typeof buildDocument> | undefined;

/** Built on first use, then reused: the schemas do not change while the process runs. */
export function openApiDocument() {
  document ??= buildDocument();
  return document;
}
