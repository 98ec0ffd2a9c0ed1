import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * A timestamp in the reader's own time zone. The server does not know that zone, so it
 * renders UTC; after hydration the browser re-renders in local time (no mismatch warning,
 * because useSyncExternalStore knows the server snapshot differs).
 */
export function LocalTime({ iso, dateOnly = false }: { iso: string; dateOnly?: boolean }) {
  const inBrowser = useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
  const date = new Date(iso);
  const formatted = new Intl.DateTimeFormat("en", {
    dateStyle: "medium",
    timeStyle: dateOnly ? undefined : "short",
    timeZone: inBrowser ? undefined : "UTC",
  }).format(date);
  const text = inBrowser ? formatted : `${formatted} UTC`;
  return <time dateTime={iso}>{text}</time>;
}
