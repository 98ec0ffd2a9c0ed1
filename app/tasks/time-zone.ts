import { useEffect } from "react";

/**
 * "Overdue" depends on which day it is for the user, which the server cannot know from a
 * request. The browser remembers its time zone in this cookie; the server computes "today"
 * from it (UTC until the first page with JavaScript has run) and hands that one value to
 * the page, so the server's HTML and the hydrated page always agree.
 */
export const TIME_ZONE_COOKIE = "tz";

export function useRememberTimeZone() {
  useEffect(() => {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const current = document.cookie.match(new RegExp(`(?:^|; )${TIME_ZONE_COOKIE}=([^;]*)`))?.[1];
    if (current === encodeURIComponent(timeZone)) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(timeZone)}; Path=/; Max-Age=31536000; SameSite=Lax`;
  }, []);
}

/** The time zone remembered by the browser, from a Cookie header (not validated: todayIn falls back to UTC). */
export function readTimeZone(cookieHeader: string | null): string | undefined {
  const value = cookieHeader?.match(new RegExp(`(?:^|;\\s*)${TIME_ZONE_COOKIE}=([^;]*)`))?.[1];
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
