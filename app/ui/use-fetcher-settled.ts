import { useEffect, useEffectEvent, useRef } from "react";
import type { FetcherWithComponents } from "react-router";

/**
 * Calls `onSettled` once each time a fetcher's submission is over, with what that submission
 * answered: the action's reply, or `undefined` when it redirected (a success). Idle renders
 * before any submission and re-renders while idle call nothing.
 */
export function useFetcherSettled<T>(
  fetcher: Pick<FetcherWithComponents<T>, "state" | "data">,
  onSettled: (data: T | undefined) => void,
) {
  const submitted = useRef(false);
  const dataBefore = useRef<T | undefined>(undefined);
  const settle = useEffectEvent(onSettled);
  useEffect(() => {
    if (fetcher.state !== "idle") {
      if (!submitted.current) dataBefore.current = fetcher.data;
      submitted.current = true;
      return;
    }
    if (!submitted.current) return;
    submitted.current = false;
    // `fetcher.data` keeps the last reply across later submissions (React Router sets it only
    // when there is new data): the same object means this submission brought none.
    settle(fetcher.data === dataBefore.current ? undefined : fetcher.data);
  }, [fetcher.state, fetcher.data]);
}
