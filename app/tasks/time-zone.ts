// The account's time zone (decision 090): "today", "overdue", sorting and every displayed time
// follow it on every device. NULL on the account until the settings page or the first page
// with JavaScript saves one; UTC until then.
import { useEffect } from "react";
import { useFetcher } from "react-router";
import { z } from "zod";

export const DEFAULT_TIME_ZONE = "UTC";

// Creating a formatter costs far more than using one: the canonical names are checked once.
const canonical = new Map<string, string | null>();
const MAX_REMEMBERED = 2_000;

/** The canonical IANA name of a zone ("europe/berlin" -> "Europe/Berlin"), or null when unknown. */
export function canonicalTimeZone(name: string): string | null {
  const known = canonical.get(name);
  if (known !== undefined) return known;
  let resolved: string | null = null;
  // Offsets ("+02:00") are not places: a zone must say where, so DST follows it.
  if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name) && name.length <= 64) {
    try {
      resolved = new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone;
    } catch {
      resolved = null;
    }
  }
  if (canonical.size < MAX_REMEMBERED) canonical.set(name, resolved);
  return resolved;
}

/** An IANA time zone name, stored in its canonical spelling. */
export const timeZoneName = z
  .string({ error: "Time zone must be an IANA time zone name such as Europe/Berlin" })
  .trim()
  .transform((value, context) => {
    const zone = canonicalTimeZone(value);
    if (zone === null) {
      context.addIssue({
        code: "custom",
        message: `Unknown time zone "${value.slice(0, 64)}"; use an IANA name such as Europe/Berlin`,
      });
      return z.NEVER;
    }
    return zone;
  });

/** The zone an account reads its dates in. */
export function accountTimeZone(user: { timeZone?: string | null }): string {
  return user.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Every IANA zone this runtime knows, for the settings select (UTC first). */
export function timeZoneChoices(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");
  return [DEFAULT_TIME_ZONE, ...zones.filter((zone) => zone !== DEFAULT_TIME_ZONE)];
}

export const TimeZoneFormSchema = z.object({
  timeZone: z.string({ error: "Choose a time zone" }).pipe(timeZoneName),
  // "detected": sent by the page's script on a first visit, not by the person.
  detected: z.boolean().default(false),
});

export const TIME_ZONE_SETTING_PATH = "/settings/time-zone";

/**
 * On the first signed-in page with JavaScript, before the account has a zone, the browser's
 * zone is saved to the account (the settings page changes it later; without JavaScript the
 * account reads UTC until then).
 */
export function useDetectTimeZone(saved: string | null) {
  const fetcher = useFetcher({ key: "detect-time-zone" });
  const { submit } = fetcher;
  const sent = fetcher.state !== "idle" || fetcher.data !== undefined;
  useEffect(() => {
    if (saved !== null || sent) return;
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZone) void submit({ timeZone, detected: "on" }, { method: "post", action: TIME_ZONE_SETTING_PATH });
  }, [saved, sent, submit]);
}
