// Live updates in the browser (issue 32, decision 108): one EventSource per tab on /events, for
// as long as a signed-in page is open (the layout holds it across navigations). Each event, or a
// reconnection after a gap, revalidates the page's loaders: React Router keeps the components,
// so what the person is typing, their selection and their scroll stay. It waits while a form is
// being sent or a pointer is pressed (no row moves under a click), while the tab is hidden, and
// while the page shows its form's answer.
import { useContext, useEffect, useRef, useState } from "react";
import { UNSAFE_DataRouterDataContext, useFetchers, useNavigation, useRevalidator } from "react-router";
import { EVENT_KINDS } from "../../db/values";

const FIRST_RETRY_MS = 1_000;
const LAST_RETRY_MS = 30_000;
/** Events arriving together make one revalidation. */
const GATHER_MS = 150;
/** How long the "Updated" cue shows. */
const CUE_MS = 2_500;
/** An event this soon after the tab's own form was sent is most likely that change: no cue. */
const OWN_CHANGE_MS = 2_000;

/** Follows the person's events; true while the "Updated" cue should show. */
export function useLiveUpdates(): boolean {
  const revalidator = useRevalidator();
  const navigation = useNavigation();
  const fetchers = useFetchers();
  // A page showing what its form answered (an import's report, a form's errors) waits for the
  // next navigation: React Router drops actionData on a revalidation, and with it that answer.
  const showsFormAnswer = useContext(UNSAFE_DataRouterDataContext)?.actionData != null;
  const busy = showsFormAnswer || navigation.state !== "idle" || fetchers.some((fetcher) => fetcher.state !== "idle");
  // The tab's own change: a form sent (not a load, such as the new-task field's preview).
  const sending = navigation.state === "submitting" || fetchers.some((fetcher) => fetcher.state === "submitting");
  const [cue, setCue] = useState(false);
  const state = useRef({ busy, revalidate: revalidator.revalidate, lastSentAt: 0, wanted: false, flush: () => {} });
  const { revalidate } = revalidator;
  useEffect(() => {
    state.current.revalidate = revalidate;
  }, [revalidate]);

  useEffect(() => {
    const current = state.current;
    let source: EventSource | null = null;
    let retryMs = FIRST_RETRY_MS;
    let lastId: string | null = null;
    let opened = false;
    let stopped = false;
    let pointerDown = false;
    let gather: ReturnType<typeof setTimeout> | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let hideCue: ReturnType<typeof setTimeout> | undefined;

    const flush = () => {
      if (!current.wanted || stopped) return;
      if (current.busy || pointerDown || document.visibilityState === "hidden") return;
      current.wanted = false;
      const own = Date.now() - current.lastSentAt < OWN_CHANGE_MS;
      void current.revalidate().then(() => {
        if (own || stopped) return;
        setCue(true);
        clearTimeout(hideCue);
        hideCue = setTimeout(() => setCue(false), CUE_MS);
      });
    };
    current.flush = flush;
    const changed = () => {
      current.wanted = true;
      clearTimeout(gather);
      gather = setTimeout(flush, GATHER_MS);
    };
    const onEvent = (event: MessageEvent) => {
      if (event.lastEventId) lastId = event.lastEventId;
      changed();
    };

    const connect = () => {
      if (stopped) return;
      // A new EventSource sends no Last-Event-ID: the id it resumes from goes in the query.
      source = new EventSource(lastId ? `/events?lastEventId=${encodeURIComponent(lastId)}` : "/events");
      source.onopen = () => {
        retryMs = FIRST_RETRY_MS;
        // Back after a drop: anything missed came first in the stream; a page that waited for
        // nothing is refreshed too, in case the server restarted from an empty log.
        if (opened) changed();
        opened = true;
      };
      for (const kind of [...EVENT_KINDS, "reset"]) source.addEventListener(kind, onEvent);
      source.onerror = () => {
        // The browser reconnects by itself after a dropped stream (with Last-Event-ID); it
        // gives up on an error answer (a server stopping, restarting, or signed out): back off.
        if (source?.readyState !== EventSource.CLOSED) return;
        source.close();
        retry = setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, LAST_RETRY_MS);
      };
    };

    const onPointerDown = () => (pointerDown = true);
    const onPointerUp = () => {
      pointerDown = false;
      setTimeout(flush, 0);
    };
    window.addEventListener("pointerdown", onPointerDown, true);
    window.addEventListener("pointerup", onPointerUp, true);
    window.addEventListener("pointercancel", onPointerUp, true);
    document.addEventListener("visibilitychange", flush);
    connect();
    return () => {
      stopped = true;
      source?.close();
      for (const timer of [gather, retry, hideCue]) clearTimeout(timer);
      window.removeEventListener("pointerdown", onPointerDown, true);
      window.removeEventListener("pointerup", onPointerUp, true);
      window.removeEventListener("pointercancel", onPointerUp, true);
      document.removeEventListener("visibilitychange", flush);
    };
  }, []);

  // A revalidation that waited for a form to be sent goes once the page is idle again.
  useEffect(() => {
    state.current.busy = busy;
    if (!busy) state.current.flush();
  }, [busy]);
  useEffect(() => {
    // When a form starts and when it ends (not on the first render).
    if (sending || state.current.lastSentAt) state.current.lastSentAt = Date.now();
  }, [sending]);

  return cue;
}

/**
 * The "Updated" cue: a small badge in a corner, over the page (it moves nothing), announced
 * politely. Rendered empty by the server and until a change arrives.
 */
export function LiveUpdateCue({ shown }: { shown: boolean }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed right-3 bottom-3 z-40 print:hidden"
      data-testid="live-update-cue"
    >
      {shown ? (
        <span className="rounded-full bg-slate-900/85 px-3 py-1 text-xs font-medium text-white shadow dark:bg-slate-100/90 dark:text-slate-900">
          Updated
        </span>
      ) : null}
    </div>
  );
}
