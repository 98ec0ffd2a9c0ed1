/** Where signed-in users land when nothing else was asked for. */
export const DEFAULT_SIGNED_IN_PATH = "/tasks";

/**
 * Accepts only a same-origin relative path for ?redirectTo=, so a link to our sign-in page
 * cannot send someone elsewhere afterwards (open redirect). Anything else falls back.
 */
export function safeRedirectPath(value: unknown, fallback = DEFAULT_SIGNED_IN_PATH): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  // One leading slash, not "//host" (protocol-relative) or "/\host" (browsers read "\" as "/").
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Control characters (tabs, newlines) are stripped by URL parsers and could rebuild "//".
  if ([...value].some((char) => char === "\\" || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) {
    return fallback;
  }
  // Final check with the URL parser itself: resolving against a dummy origin must stay on it.
  const base = "http://tasklane.invalid";
  try {
    const url = new URL(value, base);
    if (url.origin !== base) return fallback;
    return `${pagePath(url)}${url.hash}`;
  } catch {
    return fallback;
  }
}

/**
 * Whether a path is answered by the server alone (under /api/: Better Auth's OAuth authorization
 * resumed after sign-in, decision 123). A redirect there must load a document: React Router's
 * client navigation would ask it for page data.
 */
export function isServerOnlyPath(path: string): boolean {
  return path.startsWith("/api/");
}

/**
 * The page a request is for. With JavaScript, React Router fetches loader data from
 * `/path.data` (and `/_root.data` for `/`), with a `_routes` parameter: a sign-in redirect
 * must send the user back to the page, never to that data URL.
 */
export function pagePath(url: URL): string {
  const pathname = url.pathname === "/_root.data" ? "/" : url.pathname.replace(/\.data$/, "");
  const search = new URLSearchParams(url.search);
  search.delete("_routes");
  const query = search.toString();
  return query ? `${pathname}?${query}` : pathname;
}
