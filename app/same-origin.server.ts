import type { MiddlewareFunction } from "react-router";
import { actionOriginHosts } from "~/config.server";

/**
 * The rule of React Router's own CSRF check: a request that names an Origin must come from
 * our origin or an allowed host ("null", sent by sandboxed frames and some redirects, never
 * does). No Origin at all is a program or an old browser; SameSite=Lax keeps the session
 * cookie off other sites' posts there.
 */
export function isAllowedActionOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (origin === null) return true;
  if (!URL.canParse(origin)) return false;
  const url = new URL(origin);
  return url.origin === new URL(request.url).origin || actionOriginHosts.includes(url.host);
}

/**
 * React Router runs its origin check for page actions only, not for resource routes. A
 * resource route that acts on the session cookie (sign-out) adds this middleware.
 */
export const sameOriginActions: MiddlewareFunction<Response> = ({ request }, next) => {
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS" && !isAllowedActionOrigin(request)) {
    throw new Response("Cross-site request refused: the Origin header names another site.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return next();
};
