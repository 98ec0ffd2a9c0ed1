import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { buttonClass } from "~/ui/button";
import { useHydrated } from "~/ui/use-hydrated";

interface DeleteTaskButtonProps {
  taskTitle: string;
  /** The confirmation page, used when JavaScript is not running. */
  confirmHref: string;
  onConfirm: () => void;
  /** "ghost" in a list row, "danger" where the button stands alone (the edit page's danger zone). */
  variant?: "ghost" | "danger";
}

/**
 * "Delete" that asks first. Without JavaScript it is a link to the confirmation page (a
 * link, not a field-less GET form, whose URL would end in a stray "?"); once hydrated it is
 * a button that turns into "Confirm delete / Cancel" in place (no window.confirm, which
 * cannot be styled and is blocked in some embedded browsers).
 */
export function DeleteTaskButton({ taskTitle, confirmHref, onConfirm, variant = "ghost" }: DeleteTaskButtonProps) {
  const hydrated = useHydrated();
  const [confirming, setConfirming] = useState(false);
  const deleteRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  // Only move focus after the user switched modes, never on the first render.
  const switched = useRef(false);

  useEffect(() => {
    if (!switched.current) return;
    (confirming ? confirmRef : deleteRef).current?.focus();
  }, [confirming]);

  const choose = (next: boolean) => {
    switched.current = true;
    setConfirming(next);
  };

  const size = variant === "ghost" ? "px-2.5 py-1.5" : undefined;
  const label = `Delete “${taskTitle}”`;

  if (!hydrated) {
    return (
      <Link to={confirmHref} className={buttonClass(variant, size)} aria-label={label}>
        Delete
      </Link>
    );
  }

  if (!confirming) {
    return (
      <button
        ref={deleteRef}
        type="button"
        className={buttonClass(variant, size)}
        aria-label={label}
        onClick={() => choose(true)}
      >
        Delete
      </button>
    );
  }

  return (
    <div
      role="group"
      aria-label={`Delete “${taskTitle}”?`}
      className="flex items-center gap-2"
      onKeyDown={(event) => {
        if (event.key === "Escape") choose(false);
      }}
    >
      <button ref={confirmRef} type="button" className={buttonClass("danger", "px-2.5 py-1.5")} onClick={onConfirm}>
        Confirm delete
      </button>
      <button type="button" className={buttonClass("secondary", "px-2.5 py-1.5")} onClick={() => choose(false)}>
        Cancel
      </button>
    </div>
  );
}
