// Cross-origin access to the JSON API for the browser origins in CORS_ORIGINS (none by default).
// Clients authenticate with a bearer token, never a cookie, so credentials stay off.
import { config } from "~/config.server";

const allowedOrigins = new Set(config.CORS_ORIGINS);

const EXPOSED_HEADERS = [
  "ETag",
  "Location",
  "RateLimit-Limit",
  "RateLimit-Remaining",
  "RateLimit-Reset",
  "Retry-After",
  "WWW-Authenticate",
].join(", ");
const ALLOWED_REQUEST_HEADERS = "Authorization, Content-Type, If-Match";
const PREFLIGHT_MAX_AGE_SECONDS = "600";

/** CORS headers for a response to `request`: empty unless it comes from an allowed origin. */
export function corsHeaders(request: Request): Record<string, string> {
  return corsHeadersForOrigin(request.headers.get("origin"));
}

/** The same for a request's Origin header alone (the server layer's refusals, server/refusals.ts). */
export function corsHeadersForOrigin(origin: string | null | undefined): Record<string, string> {
  // Vary either way: a cache must not serve one origin's answer to another.
  if (!origin || !allowedOrigins.has(origin)) return { Vary: "Origin" };
  return { "Access-Control-Allow-Origin": origin, "Access-Control-Expose-Headers": EXPOSED_HEADERS, Vary: "Origin" };
}

function isPreflight(request: Request): boolean {
  return request.method === "OPTIONS" && request.headers.has("access-control-request-method");
}

/** The answer to OPTIONS: what the route allows, and, for an allowed origin, the CORS grant. */
export function optionsResponse(request: Request, allow: string): Response {
  const headers: Record<string, string> = { Allow: allow, ...corsHeaders(request) };
  if (isPreflight(request) && headers["Access-Control-Allow-Origin"]) {
    headers["Access-Control-Allow-Methods"] = allow;
    headers["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS;
    headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE_SECONDS;
  }
  return new Response(null, { status: 204, headers });
}
