import { useState } from "react";
import { Button } from "~/ui/button";
import { inputClass, labelClass } from "~/ui/field";
import { cx } from "~/ui/cx";
import { useHydrated } from "~/ui/use-hydrated";

/**
 * The new key, on the page that answers the form and nowhere else: selectable text without
 * JavaScript, with a copy button once it runs.
 */
export function NewApiKey({ name, apiKey }: { name: string; apiKey: string }) {
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  return (
    <div
      role="status"
      className="rounded-lg bg-emerald-50 p-4 ring-1 ring-emerald-200 dark:bg-emerald-950/40 dark:ring-emerald-900"
    >
      <p className="font-semibold text-emerald-900 dark:text-emerald-100">Your new key “{name}”</p>
      <p className="mt-1 text-sm text-emerald-900 dark:text-emerald-200">
        Copy it now and keep it somewhere safe: this is the only time it is shown. Anyone who has it can use your tasks.
      </p>
      <label htmlFor="new-api-key" className={cx(labelClass, "mt-3 block")}>
        API key
      </label>
      <div className="mt-1.5 flex gap-2">
        <input
          id="new-api-key"
          readOnly
          value={apiKey}
          spellCheck={false}
          autoComplete="off"
          className={cx(inputClass, "font-mono text-sm")}
          onFocus={(event) => event.currentTarget.select()}
        />
        {hydrated ? (
          <Button
            type="button"
            variant="secondary"
            onClick={() => void navigator.clipboard.writeText(apiKey).then(() => setCopied(true))}
          >
            {copied ? "Copied" : "Copy"}
          </Button>
        ) : null}
      </div>
    </div>
  );
}
