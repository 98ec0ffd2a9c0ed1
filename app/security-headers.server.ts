interface SecurityHeaderOptions {
  /** Per-response nonce that the inline scripts React Router renders carry. */
  nonce: string;
  https: boolean;
  /** Vite's dev server injects its own inline scripts: no CSP there. */
  dev: boolean;
  /** Sources a form on the page may post (or be redirected) to besides 'self'. */
  formActions?: readonly string[];
}

/** Headers for every response, whatever made it (server/http-server.ts sets them before anything else). */
export function baseSecurityHeaders(https: boolean): [string, string][] {
  const headers: [string, string][] = [
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
  ];
  // Only over https: an http answer cannot promise https, and browsers ignore it there anyway.
  if (https) headers.push(["Strict-Transport-Security", "max-age=63072000; includeSubDomains"]);
  return headers;
}

/** Headers for every HTML response. */
export function securityHeaders({ nonce, https, dev, formActions = [] }: SecurityHeaderOptions): [string, string][] {
  const headers: [string, string][] = [
    ...baseSecurityHeaders(https),
    ["X-Frame-Options", "DENY"],
    ["Cross-Origin-Opener-Policy", "same-origin"],
    [
      "Permissions-Policy",
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=(), browsing-topics=()",
    ],
  ];
  if (!dev) {
    headers.push([
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        ["form-action 'self'", ...formActions].join(" "),
        "frame-ancestors 'none'",
      ].join("; "),
    ]);
  }
  return headers;
}
