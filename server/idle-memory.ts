// After a burst of requests V8 keeps the heap it grew to (on a machine with memory to spare,
// a young generation of 128 MB and an old one full of garbage: 570 MB resident) until its next
// collection, and a process that receives nothing allocates nothing that would start one.
// One memory-reducing collection once the process has been quiet for a while gives that memory
// back (decision 052). A request that arrives during it waits for it (tens of ms).
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { logger } from "~/logger.server";

/** How long without a request before the collection: longer than a pause between a client's calls. */
export const QUIET_BEFORE_COLLECTING_MS = 10_000;

/**
 * Collects garbage once `quietMs` after the last `noteActivity()` (or after this call, when none
 * follows: the heap that start-up left behind goes too). Timer refreshes are cheap enough for
 * every request; the timer does not keep the process alive. `collect` is V8's own unless a
 * test wraps it to count the calls.
 */
export function collectGarbageWhenQuiet(
  quietMs = QUIET_BEFORE_COLLECTING_MS,
  collect: (options: NodeJS.GCOptions) => void = garbageCollector(),
): { noteActivity: () => void } {
  const timer = setTimeout(() => {
    const before = process.memoryUsage.rss();
    const started = performance.now();
    // "last-resort" is V8's collection that also shrinks the young generation and unmaps the
    // pages it frees; a regular major collection leaves the resident size where it was.
    collect({ type: "major", flavor: "last-resort" });
    const mb = (bytes: number) => Math.round(bytes / 1_048_576);
    logger.debug(
      {
        rssBeforeMb: mb(before),
        rssAfterMb: mb(process.memoryUsage.rss()),
        ms: Math.round(performance.now() - started),
      },
      "collected garbage after a quiet spell",
    );
  }, quietMs).unref();
  return { noteActivity: () => void timer.refresh() };
}

export function garbageCollector(): NodeJS.GCFunction {
  if (typeof globalThis.gc === "function") return globalThis.gc;
  // V8 gives its gc() only to contexts created while --expose-gc is set: one such context, then
  // the flag off again so that no other code finds a global gc (Jest's leak detector does this).
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as NodeJS.GCFunction;
  setFlagsFromString("--no-expose-gc");
  return gc;
}
