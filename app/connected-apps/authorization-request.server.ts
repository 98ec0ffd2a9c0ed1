// The browser's part of the authorization-code flow (decision 123). Better Auth's provider sends
// a signed-out browser to OAUTH_SIGN_IN_PATH and a signed-in one to OAUTH_CONSENT_PATH, with the
// client's request in the query, signed (HMAC with the auth secret) and valid for 10 minutes.
import { verifyOAuthQueryParams } from "@better-auth/oauth-provider";
import { auth } from "~/auth/auth.server";
import { appForConsent } from "./developer-apps.server";
import { OAUTH_AUTHORIZE_PATH, OAUTH_SCOPES, type OAuthScope } from "./oauth-rules";

/** The provider's own parameters on a signed query (signature, expiry, issue time, signed names). */
const SIGNATURE_PARAMS = new Set(["sig", "exp", "ba_iat", "ba_param", "ba_pl"]);

export interface AuthorizationRequest {
  /** The signed query as it came, to post back with the answer. */
  signedQuery: string;
  app: { clientId: string; name: string; uri: string | null };
  scopes: OAuthScope[];
  /** The CSP form-action source that lets Allow and Deny lead to the app's redirect URI. */
  redirectSource: string | null;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "[::1]", "localhost"]);

/**
 * A CSP source for a redirect URI the provider has checked: its origin (any port on a loopback
 * host, which a native app picks at run time, RFC 8252), or its private-use scheme alone.
 */
function redirectSourceOf(redirectUri: string | null): string | null {
  if (!redirectUri || !URL.canParse(redirectUri)) return null;
  const url = new URL(redirectUri);
  if (url.protocol === "http:" || url.protocol === "https:") {
    return LOOPBACK_HOSTS.has(url.hostname) ? `${url.protocol}//${url.hostname}:*` : url.origin;
  }
  return /^[a-z][a-z0-9+.-]*:$/.test(url.protocol) ? url.protocol : null;
}

async function signatureHolds(signedQuery: string): Promise<boolean> {
  const { secret } = await auth.$context;
  return verifyOAuthQueryParams(signedQuery, secret);
}

/** The request behind a signed query, or null when the signature, the expiry or the app does not hold. */
export async function readAuthorizationRequest(signedQuery: string): Promise<AuthorizationRequest | null> {
  if (!signedQuery || !(await signatureHolds(signedQuery))) return null;
  const params = new URLSearchParams(signedQuery);
  const clientId = params.get("client_id");
  if (!clientId) return null;
  const app = await appForConsent(clientId);
  if (!app) return null;
  const asked = new Set((params.get("scope") ?? "").split(" "));
  return {
    signedQuery,
    app: { clientId, ...app },
    scopes: OAUTH_SCOPES.filter((scope) => asked.has(scope)),
    redirectSource: redirectSourceOf(params.get("redirect_uri")),
  };
}

/**
 * Where a browser resumes the authorization after signing in: the authorize endpoint with the
 * client's own parameters (our sign-in pages, with their second factors and passkeys, send it
 * there). Null for a query whose signature does not hold.
 */
export async function resumeAuthorizationPath(signedQuery: string): Promise<string | null> {
  if (!signedQuery || !(await signatureHolds(signedQuery))) return null;
  const params = new URLSearchParams(signedQuery);
  for (const name of SIGNATURE_PARAMS) params.delete(name);
  // The person signs in on the way: asking for a sign-in again would loop.
  if (params.get("prompt") === "login") params.delete("prompt");
  return `${OAUTH_AUTHORIZE_PATH}?${params}`;
}

/**
 * The person's answer to the consent page (the session in `headers`): Better Auth records the
 * consent and answers with the client's redirect URI, carrying a code or `error=access_denied`.
 */
export async function answerConsent(headers: Headers, signedQuery: string, accept: boolean): Promise<string> {
  const { url } = await auth.api.oauth2Consent({ headers, body: { accept, oauth_query: signedQuery } });
  return url;
}
