import { Form } from "react-router";
import { LocalTime } from "~/ui/local-time";
import { PASSKEY_NAME_MAX } from "~/auth/passkey-schemas";
import { Button } from "~/ui/button";
import { cx } from "~/ui/cx";
import { FieldErrors, inputClass } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";

export interface PasskeyRowView {
  id: string;
  name: string;
  backedUp: boolean;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Each passkey with its own rename and delete forms: plain posts, so they work without JavaScript. */
export function PasskeyList({
  passkeys,
  renameError,
}: {
  passkeys: PasskeyRowView[];
  renameError?: { passkeyId: string; message: string };
}) {
  const renaming = usePendingSubmission("rename-passkey");
  const deleting = usePendingSubmission("delete-passkey");
  if (passkeys.length === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">You have no passkeys yet.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
      {passkeys.map((key) => {
        const nameId = `passkey-${key.id}-name`;
        const detailsId = `passkey-${key.id}-details`;
        const error = renameError?.passkeyId === key.id ? renameError.message : undefined;
        return (
          <li key={key.id} className="space-y-3 px-3 py-3 sm:px-4" data-testid="passkey">
            <div>
              <p className="flex flex-wrap items-center gap-x-2 font-medium">
                {key.name}
                {key.backedUp ? (
                  <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-semibold text-slate-800 dark:bg-slate-800 dark:text-slate-200">
                    Synced
                  </span>
                ) : null}
              </p>
              <p id={detailsId} className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
                Added <LocalTime iso={key.createdAt} dateOnly /> ·{" "}
                {key.lastUsedAt ? (
                  <>
                    last used <LocalTime iso={key.lastUsedAt} />
                  </>
                ) : (
                  "never used to sign in"
                )}
              </p>
            </div>
            <div className="flex flex-wrap items-start gap-2">
              <Form method="post" className="flex min-w-0 flex-1 flex-wrap items-start gap-2">
                <input type="hidden" name="intent" value="rename-passkey" />
                <input type="hidden" name="passkeyId" value={key.id} />
                <div className="min-w-40 flex-1">
                  <label htmlFor={nameId} className="sr-only">
                    New name for {key.name}
                  </label>
                  <input
                    id={nameId}
                    name="name"
                    type="text"
                    required
                    maxLength={PASSKEY_NAME_MAX}
                    defaultValue={key.name}
                    autoComplete="off"
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? `${nameId}-error` : undefined}
                    className={cx(inputClass, "py-1.5")}
                  />
                  <FieldErrors id={`${nameId}-error`} errors={error ? [error] : undefined} />
                </div>
                <Button type="submit" variant="secondary" pending={renaming} aria-label={`Rename ${key.name}`}>
                  Rename
                </Button>
              </Form>
              <Form method="post">
                <input type="hidden" name="intent" value="delete-passkey" />
                <input type="hidden" name="passkeyId" value={key.id} />
                <Button
                  type="submit"
                  variant="danger"
                  pending={deleting}
                  aria-label={`Delete ${key.name}`}
                  aria-describedby={detailsId}
                >
                  Delete
                </Button>
              </Form>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
