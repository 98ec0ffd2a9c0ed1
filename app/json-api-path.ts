// Which requests are the JSON API's: programs get JSON (problem documents), people get pages.
// The one rule for the app's 503s (outage.server.tsx) and the server's own refusals (server/).

/** The JSON API: /api/… (Better Auth's /api/auth/… included), /.well-known/… and the MCP server's /mcp. */
export function isJsonApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname.startsWith("/.well-known/") || pathname === "/mcp";
}
