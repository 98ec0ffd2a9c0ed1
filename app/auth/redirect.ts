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
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
