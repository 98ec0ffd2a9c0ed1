import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False in the server's HTML and during hydration, true once React runs in the browser:
 * for controls that are links without JavaScript and buttons with it. Never for what adds or
 * removes a box (decision 069): render such a control on both sides, disabled until hydrated,
 * or show and hide it with CSS (`scripting:` / `noscript:`).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
