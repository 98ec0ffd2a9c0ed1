import { useEffect, useRef, useState } from "react";
import { buttonClass } from "~/ui/button";

interface DeleteTaskButtonProps {
  taskTitle: string;
  /** The confirmation page, used when JavaScript is not running. */
  confirmHref: string;
  onConfirm: () => void;
}

/**
 * "Delete" that asks first. Without JavaScript the button is a GET form to the confirmation
 * page; once hydrated it turns into "Confirm delete / Cancel" in place (no window.confirm,
 * which cannot be styled and is blocked in some embedded browsers).
 */
export function DeleteTaskButton({ taskTitle, confirmHref, onConfirm }: DeleteTaskButtonProps) {
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

  if (!confirming) {
    return (
      <form
        method="get"
        action={confirmHref}
        onSubmit={(event) => {
          event.preventDefault();
          choose(true);
        }}
      >
        <button ref={deleteRef} type="submit" className={buttonClass("ghost", "px-2.5 py-1.5")} aria-label={`Delete “${taskTitle}”`}>
          Delete
        </button>
      </form>
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
