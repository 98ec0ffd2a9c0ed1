import { createCookie, redirect, redirectDocument, replace } from "react-router";
import { isServerOnlyPath } from "~/safe-redirect";
import { config, servedOverHttps } from "~/config.server";

export interface Flash {
  kind: "success" | "error";
  message: string;
  /** A link offered with the message, e.g. "Clear filters". */
  action?: { label: string; href: string };
}

// One-time message carried across a POST-redirect-GET: set by an action, read and cleared
// by the root loader, shown as a toast (or a banner without JavaScript).
const flashCookie = createCookie("flash", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: servedOverHttps,
  secrets: [config.BETTER_AUTH_SECRET],
  maxAge: 60,
});

/** A redirect that shows `flash` on the next page. Extra headers (auth cookies) are kept. */
export async function redirectWithFlash(url: string, flash: Flash, init: ResponseInit = {}): Promise<Response> {
  return withFlash((isServerOnlyPath(url) ? redirectDocument : redirect)(url, init), flash);
}

/**
 * The same, replacing the page's history entry instead of adding one (React Router's
 * `replace`): for posts that come back to the page they were made on, often from a fetcher,
 * whose redirect would otherwise push that page again and make Back land on it twice.
 */
export async function replaceWithFlash(url: string, flash: Flash, init: ResponseInit = {}): Promise<Response> {
  return withFlash(replace(url, init), flash);
}

async function withFlash(response: Response, flash: Flash): Promise<Response> {
  response.headers.append("Set-Cookie", await flashCookie.serialize(flash));
  return response;
}

/** Reads the pending flash; `headers` clears it so it shows once. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; headers: Headers }> {
  const headers = new Headers();
  const value: unknown = await flashCookie.parse(request.headers.get("Cookie"));
  if (!isFlash(value)) return { flash: null, headers };
  headers.append("Set-Cookie", await flashCookie.serialize("", { maxAge: 0 }));
  return { flash: value, headers };
}

function isFlash(value: unknown): value is Flash {
  if (typeof value !== "object" || value === null) return false;
  const { kind, message, action } = value as Flash;
  return (
    (kind === "success" || kind === "error") &&
    typeof message === "string" &&
    (action === undefined ||
      (typeof action.label === "string" &&
        typeof action.href === "string" &&
        action.href.startsWith("/") &&
        !action.href.startsWith("//")))
  );
}
