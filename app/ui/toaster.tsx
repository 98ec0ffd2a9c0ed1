import { useEffect, useState } from "react";
import { cx } from "./cx";

export interface Toast {
  kind: "success" | "error";
  message: string;
}

/**
 * Shows the flash from the last redirect (and any toast pushed by the page) in a polite
 * live region. Without JavaScript it is a plain banner rendered by the server.
 */
export function Toaster({ toast }: { toast: Toast | null }) {
  const [dismissed, setDismissed] = useState<Toast | null>(null);
  const visible = toast && toast !== dismissed ? toast : null;
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setDismissed(toast), 5000);
    return () => clearTimeout(timer);
  }, [toast]);

  return (
    <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4">
      {visible ? (
        <div
          data-testid="toast"
          className={cx(
            "pointer-events-auto flex max-w-md items-center gap-3 rounded-lg px-4 py-3 text-sm font-medium shadow-lg ring-1",
            visible.kind === "success"
              ? "bg-slate-900 text-white ring-slate-800 dark:bg-white dark:text-slate-900 dark:ring-slate-200"
              : "bg-red-700 text-white ring-red-800",
          )}
        >
          <span>{visible.message}</span>
          <button
            type="button"
            onClick={() => setDismissed(visible)}
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
