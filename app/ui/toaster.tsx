import { useEffect, useState } from "react";
import { Link } from "react-router";
import { cx } from "./cx";

export interface Toast {
  kind: "success" | "error";
  message: string;
  /** A link offered with the message; such a toast stays longer, so there is time to use it. */
  action?: { label: string; href: string };
}

// Toasts raised in the browser (a fetcher the server refused) rather than by a redirect's
// flash cookie. A module-level channel: there is one Toaster per page, mounted by the root.
const listeners = new Set<(toast: Toast) => void>();

/** Shows a toast from client code, e.g. when an optimistic change is rolled back. */
export function showToast(toast: Toast) {
  for (const listener of listeners) listener({ ...toast });
}

// Each toast gets a fresh element, so its exit animation starts over.
const toastKeys = new WeakMap<Toast, number>();
let lastToastKey = 0;
function keyOf(toast: Toast): number {
  if (!toastKeys.has(toast)) toastKeys.set(toast, ++lastToastKey);
  return toastKeys.get(toast)!;
}

/**
 * Shows the flash from the last redirect and any toast pushed with `showToast`, newest
 * wins, in a polite live region. Without JavaScript it is a plain banner rendered by the server.
 */
export function Toaster({ toast }: { toast: Toast | null }) {
  const [visible, setVisible] = useState<Toast | null>(toast);
  const [lastFlash, setLastFlash] = useState(toast);
  // A new flash arrives with each revalidation of the root loader; null means "nothing new".
  if (toast !== lastFlash) {
    setLastFlash(toast);
    if (toast) setVisible(toast);
  }

  useEffect(() => {
    listeners.add(setVisible);
    return () => {
      listeners.delete(setVisible);
    };
  }, []);

  useEffect(() => {
    if (!visible) return;
    const timer = setTimeout(() => setVisible(null), visible.action ? 10_000 : 5000);
    return () => clearTimeout(timer);
  }, [visible]);

  return (
    <div
      aria-live="polite"
      role="status"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4"
    >
      {visible ? (
        <div
          key={keyOf(visible)}
          data-testid="toast"
          data-kind={visible.kind}
          className={cx(
            "pointer-events-auto flex max-w-md animate-toast-out items-center gap-3 rounded-lg px-4 py-3 text-sm font-medium shadow-lg ring-1",
            visible.kind === "success"
              ? "bg-slate-900 text-white ring-slate-800 dark:bg-white dark:text-slate-900 dark:ring-slate-200"
              : "bg-red-700 text-white ring-red-800",
          )}
        >
          <span>{visible.message}</span>
          {visible.action ? (
            <Link
              to={visible.action.href}
              onClick={() => setVisible(null)}
              className="shrink-0 rounded font-semibold whitespace-nowrap underline underline-offset-2"
            >
              {visible.action.label}
            </Link>
          ) : null}
          <button
            type="button"
            onClick={() => setVisible(null)}
            className="rounded px-1 opacity-80 hover:opacity-100"
            aria-label="Dismiss"
          >
            ×
          </button>
        </div>
      ) : null}
    </div>
  );
}
