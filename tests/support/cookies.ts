// Cookies as a client keeps them: the pairs a response sets, and a jar that later responses update.

/** "name=value" pairs of the Set-Cookie headers, for a Cookie header. */
export function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .join("; ");
}

/** Cookie jar: later Set-Cookie values replace earlier ones of the same name, expired ones go. */
export function withSetCookies(cookie: string, from: Response | Headers): string {
  const headers = from instanceof Response ? from.headers : from;
  const jar = new Map(
    cookie
      .split("; ")
      .filter(Boolean)
      .map((pair) => [pair.split("=")[0]!, pair] as const),
  );
  for (const set of headers.getSetCookie()) {
    const pair = set.split(";")[0]!;
    const name = pair.split("=")[0]!;
    if (/Max-Age=0/i.test(set) || pair === `${name}=`) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join("; ");
}
