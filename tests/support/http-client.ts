// A client for a server the tests started (node server.js): requests as a browser or a program
// sends them, over HTTP, redirects not followed.

/** The server's base URL (http://localhost:PORT), or a started server that has one. */
export type ServerAddress = string | { base: string };

const baseOf = (server: ServerAddress) => (typeof server === "string" ? server : server.base);

export interface PostOptions {
  cookie?: string;
  /** The Origin header: the server's own by default, null for none. */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** A form post as a browser sends it (urlencoded, Origin). */
export function postForm(
  server: ServerAddress,
  pathname: string,
  fields: Record<string, string> | string,
  { cookie, origin = baseOf(server), headers = {} }: PostOptions = {},
): Promise<Response> {
  return fetch(`${baseOf(server)}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(origin ? { origin } : {}),
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: typeof fields === "string" ? fields : new URLSearchParams(fields).toString(),
  });
}

/** A JSON post to Better Auth's endpoints (/api/auth/…). */
export function postAuthJson(
  server: ServerAddress,
  pathname: string,
  body: unknown,
  { cookie, origin = baseOf(server), headers = {} }: PostOptions = {},
): Promise<Response> {
  return fetch(`${baseOf(server)}/api/auth${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/json",
      ...(origin ? { origin } : {}),
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

export function get(server: ServerAddress, pathname: string, { cookie, headers = {} }: PostOptions = {}) {
  return fetch(`${baseOf(server)}${pathname}`, {
    redirect: "manual",
    headers: { ...(cookie ? { cookie } : {}), ...headers },
  });
}
