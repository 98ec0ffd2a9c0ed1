// Drives the JSON API in-process: a Request is matched against the app's URL map
// (app/routes.ts) and handed to the route module's loader or action, as React Router does.
import { randomInt } from "node:crypto";
import { matchRoutes, RouterContextProvider, type LoaderFunctionArgs } from "react-router";
import routes from "~/routes";
import { auth } from "~/auth/auth.server";
import { requestMetaContext } from "~/request-context";
import { PASSWORD } from "./passwords";

export const ORIGIN = "http://localhost:3000";

type DataFunction = (args: LoaderFunctionArgs) => Promise<Response>;
interface RouteModule {
  loader?: DataFunction;
  action?: DataFunction;
}

// The top-level resource routes (modules without a component), with their module files.
const routeModules = import.meta.glob<RouteModule>("../../app/routes/*.ts");

const resourceRoutes = routes
  .filter((route) => route.path !== undefined && route.file.endsWith(".ts"))
  .map((route) => ({ path: route.path, file: route.file }));

/** Sends `init` to `path` through the real route modules and returns their Response. */
export async function apiFetch(path: string, init: RequestInit = {}, clientIp = "127.0.0.1"): Promise<Response> {
  const request = new Request(new URL(path, ORIGIN), init);
  const [match] = matchRoutes(resourceRoutes, new URL(request.url).pathname) ?? [];
  if (!match) throw new Error(`No route for ${path}`);
  const module = await routeModules[`../../app/${match.route.file}`]!();
  const method = request.method.toUpperCase();
  const dataFunction = ["GET", "HEAD", "OPTIONS"].includes(method) ? module.loader : module.action;
  if (!dataFunction) throw new Error(`${match.route.file} has no data function for ${method}`);
  const context = new RouterContextProvider();
  context.set(requestMetaContext, { requestId: "test", clientIp });
  return dataFunction({
    request,
    url: new URL(request.url),
    params: match.params,
    pattern: `/${match.route.path}`,
    context,
  });
}

/** JSON body + bearer token, the way an API client sends them. */
export function withToken(token: string, init: RequestInit & { json?: unknown } = {}): RequestInit {
  const { json, headers, ...rest } = init;
  const merged = new Headers(headers);
  merged.set("authorization", `Bearer ${token}`);
  if (json !== undefined) merged.set("content-type", "application/json");
  return { ...rest, headers: merged, ...(json !== undefined && { body: JSON.stringify(json) }) };
}

// The password signUpApiUser signs people up with.
export { PASSWORD };

export interface ApiUser {
  id: string;
  email: string;
  sessionToken: string;
  token: string;
}

/** Signs a new user up through Better Auth and gets an API token with the session token (bearer plugin). */
export async function signUpApiUser(name = "Api User"): Promise<ApiUser> {
  const email = `${crypto.randomUUID()}@example.test`;
  const signUp = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      // An address of its own, so a file that signs many users up stays under the per-IP attempt limit.
      headers: {
        "content-type": "application/json",
        origin: ORIGIN,
        "x-client-ip": `10.9.${randomInt(256)}.${randomInt(1, 255)}`,
      },
      body: JSON.stringify({ email, password: PASSWORD, name }),
    }),
  );
  if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status} ${await signUp.text()}`);
  const sessionToken = signUp.headers.get("set-auth-token")!;
  const { user } = (await signUp.json()) as { user: { id: string } };
  return { id: user.id, email, sessionToken, token: await issueApiToken(sessionToken) };
}

/** GET /api/auth/token with the session token as bearer: a fresh JWT. */
export async function issueApiToken(sessionToken: string): Promise<string> {
  const response = await auth.handler(
    new Request(`${ORIGIN}/api/auth/token`, { headers: { authorization: `Bearer ${sessionToken}` } }),
  );
  if (!response.ok) throw new Error(`token failed: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}
