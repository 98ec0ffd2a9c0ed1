// A connected app's side of OAuth 2.1 against a running server, over plain HTTP: register an
// app in Settings → Developer apps (the form, as a browser posts it), and run the
// authorization-code flow with PKCE for a signed-in person (their cookie stands in for the
// browser: the consent page's Allow is the form post it shows).
import { createHash, randomBytes } from "node:crypto";
import { expect } from "vitest";
import { get, postForm } from "./http-client";

export interface RegisteredApp {
  clientId: string;
  clientSecret?: string;
}

export async function registerApp(
  base: string,
  cookie: string,
  { name = "Test app", redirectUri = "http://127.0.0.1/callback", kind = "public" } = {},
): Promise<RegisteredApp> {
  const page = await postForm(
    base,
    "/settings/developer-apps",
    { intent: "register-app", name, redirectUris: redirectUri, kind },
    { cookie },
  );
  const html = await page.text();
  expect(page.status, html.slice(0, 500)).toBe(201);
  const clientId = html.match(/data-testid="new-client-id">([^<]+)</)?.[1];
  const clientSecret = html.match(/data-testid="new-client-secret">([^<]+)</)?.[1];
  expect(clientId).toBeDefined();
  return { clientId: clientId!, clientSecret };
}

export function pkcePair() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/**
 * Where the provider sends the browser: a 302, or (Better Auth answers a fetch, and Node's fetch
 * always says `Sec-Fetch-Mode: cors`) the same address as `{ redirect: true, url }`.
 */
export async function redirectTarget(response: Response): Promise<string> {
  if (response.status === 302) return response.headers.get("location")!;
  const body = await response.text();
  expect(response.status, body).toBe(200);
  return (JSON.parse(body) as { url: string }).url;
}

export interface AuthorizationOptions {
  clientId: string;
  redirectUri?: string;
  scope?: string;
  state?: string;
  resource?: string;
}

/** Starts the flow and answers the consent page with Allow; returns the code (and the verifier it needs). */
export async function authorize(base: string, cookie: string, options: AuthorizationOptions) {
  const { verifier, challenge } = pkcePair();
  const redirectUri = options.redirectUri ?? "http://127.0.0.1/callback";
  const state = options.state ?? randomBytes(8).toString("hex");
  const query = new URLSearchParams({
    response_type: "code",
    client_id: options.clientId,
    redirect_uri: redirectUri,
    scope: options.scope ?? "tasks:read tasks:write offline_access",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...(options.resource && { resource: options.resource }),
  });
  const start = await get(base, `/api/auth/oauth2/authorize?${query}`, { cookie, headers: { accept: "text/html" } });
  let location = new URL(await redirectTarget(start), base);
  if (location.pathname === "/oauth/consent") {
    const consent = await get(base, `${location.pathname}${location.search}`, { cookie });
    expect(consent.status).toBe(200);
    const answer = await postForm(
      base,
      "/oauth/consent",
      { intent: "allow", oauth_query: location.search.slice(1) },
      { cookie },
    );
    expect(answer.status, await answer.clone().text()).toBe(302);
    location = new URL(answer.headers.get("location")!, base);
  }
  expect(`${location.origin}${location.pathname}`).toBe(new URL(redirectUri).href.replace(/\/$/, "") || redirectUri);
  expect(location.searchParams.get("state")).toBe(state);
  return { code: location.searchParams.get("code")!, verifier, redirectUri };
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  scope: string;
  token_type: string;
  expires_in: number;
}

export async function tokenRequest(base: string, fields: Record<string, string>, app?: RegisteredApp) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (app?.clientSecret) {
    headers.authorization = `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64")}`;
  }
  return fetch(`${base}/api/auth/oauth2/token`, { method: "POST", headers, body: new URLSearchParams(fields) });
}

/** The whole flow for a signed-in person: registered app, consent, code exchanged for tokens. */
export async function connectApp(
  base: string,
  cookie: string,
  app: RegisteredApp,
  options: Partial<AuthorizationOptions> = {},
): Promise<TokenResponse> {
  const { code, verifier, redirectUri } = await authorize(base, cookie, { clientId: app.clientId, ...options });
  const response = await tokenRequest(
    base,
    {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      ...(app.clientSecret ? {} : { client_id: app.clientId }),
    },
    app,
  );
  const body = await response.text();
  expect(response.status, body).toBe(200);
  return JSON.parse(body) as TokenResponse;
}

/** Most tests' preamble: the signed-in person registers an app and connects it (consent and code exchanged). */
export async function connectedApp(
  base: string,
  cookie: string,
  appOptions: Parameters<typeof registerApp>[2],
  options: Partial<AuthorizationOptions> = {},
): Promise<{ app: RegisteredApp; tokens: TokenResponse }> {
  const app = await registerApp(base, cookie, appOptions);
  return { app, tokens: await connectApp(base, cookie, app, options) };
}
