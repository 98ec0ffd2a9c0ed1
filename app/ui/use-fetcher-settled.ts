import { useEffect, useEffectEvent, useRef } from "react";
import type { FetcherWithComponents } from "react-router";

/**
 * Calls `onSettled` once each time a fetcher's submission is over, with the data it ended
 * with. An action that succeeds redirects, which leaves the fetcher idle with no data
 * (`undefined`); one that refuses leaves its reply. Idle renders before any submission and
 * re-renders while idle call nothing.
 */
export function useFetcherSettled<T>(fetcher: Pick<FetcherWithComponents<T>, "state" | "data">, onSettled: (data: T | undefined) => void) {
  const submitted = useRef(false);
  const settle = useEffectEvent(onSettled);
  useEffect(() => {
    if (fetcher.state !== "idle") {
      submitted.current = true;
      return;
    }
    if (!submitted.current) return;
    submitted.current = false;
    settle(fetcher.data);
  }, [fetcher.state, fetcher.data]);
}
