import { browserSupportsWebAuthn } from "@simplewebauthn/browser";
import { useId, useState } from "react";
import { useRevalidator } from "react-router";
import { addPasskeyFromBrowser } from "~/auth/passkey-client";
import { passkeyNameSchema, PASSKEY_NAME_MAX } from "~/auth/passkey-schemas";
import { Button } from "~/ui/button";
import { FieldErrors, FormErrors, inputClass, labelClass } from "~/ui/field";
import { cx } from "~/ui/cx";
import { useHydrated } from "~/ui/use-hydrated";
import { PasskeysNeedJavaScript } from "./passkeys-need-javascript";

/**
 * Names and makes a passkey on this device. `fresh`: the session is recent enough; otherwise
 * (or when it goes stale while the page is open) the password is asked for again.
 */
export function AddPasskeyForm({ fresh }: { fresh: boolean }) {
  const hydrated = useHydrated();
  const revalidator = useRevalidator();
  const id = useId();
  const [needsPassword, setNeedsPassword] = useState(!fresh);
  const [busy, setBusy] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);

  // The server cannot know; nearly every browser that runs scripts can, so the form is in the
  // server's HTML too and the page does not move when it hydrates.
  if (hydrated && !browserSupportsWebAuthn()) {
    return (
      <PasskeysNeedJavaScript>
        This browser cannot make passkeys. Try a recent version of Chrome, Edge, Firefox or Safari.
      </PasskeysNeedJavaScript>
    );
  }

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const name = passkeyNameSchema.safeParse(fields.get("name") ?? undefined);
    setAdded(null);
    setFailure(null);
    setNameError(name.success ? null : name.error.issues[0]!.message);
    if (!name.success) return;
    const password = fields.get("password");
    if (needsPassword && !password) {
      setFailure("Enter your password to add a passkey.");
      return;
    }
    setBusy(true);
    const outcome = await addPasskeyFromBrowser({
      name: name.data,
      password: typeof password === "string" ? password : undefined,
    });
    setBusy(false);
    if (outcome.ok) {
      form.reset();
      setNeedsPassword(false);
      setAdded(`“${name.data}” has been added. You can sign in with it from now on.`);
      await revalidator.revalidate();
      return;
    }
    if (outcome.code === "SESSION_NOT_FRESH") setNeedsPassword(true);
    setFailure(outcome.message);
  }

  const nameId = `${id}-name`;
  const passwordId = `${id}-password`;
  return (
    <>
      <div className="hidden noscript:block">
        <PasskeysNeedJavaScript>
          Passkeys need JavaScript: turn it on in your browser to add one. Signing in with your password works without
          it.
        </PasskeysNeedJavaScript>
      </div>
      {/* Inert until the page hydrates (its button is disabled); hidden where scripts do not run. */}
      <form onSubmit={submit} className="space-y-4 noscript:hidden" noValidate aria-label="Add a passkey">
        <FormErrors id={`${id}-errors`} errors={failure ? [failure] : undefined} />
        {added ? (
          <p
            role="status"
            className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-emerald-200 dark:bg-emerald-950/60 dark:text-emerald-100 dark:ring-emerald-900"
          >
            {added}
          </p>
        ) : null}
        <div>
          <label htmlFor={nameId} className={labelClass}>
            Passkey name
          </label>
          <input
            id={nameId}
            name="name"
            type="text"
            required
            maxLength={PASSKEY_NAME_MAX}
            autoComplete="off"
            placeholder="My laptop"
            aria-invalid={nameError ? true : undefined}
            aria-describedby={cx(`${nameId}-hint`, nameError && `${nameId}-error`)}
            className={cx(inputClass, "mt-1.5")}
          />
          <p id={`${nameId}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
            So you can tell your passkeys apart, e.g. the device or password manager that keeps it.
          </p>
          <FieldErrors id={`${nameId}-error`} errors={nameError ? [nameError] : undefined} />
        </div>
        {needsPassword ? (
          <div>
            <label htmlFor={passwordId} className={labelClass}>
              Password
            </label>
            <input
              id={passwordId}
              name="password"
              type="password"
              required
              autoComplete="current-password"
              aria-describedby={`${passwordId}-hint`}
              className={cx(inputClass, "mt-1.5")}
            />
            <p id={`${passwordId}-hint`} className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">
              You signed in more than a day ago: enter your password again to add a passkey.
            </p>
          </div>
        ) : null}
        <Button type="submit" pending={busy} disabled={!hydrated}>
          {busy ? "Waiting for your passkey…" : "Add a passkey"}
        </Button>
      </form>
    </>
  );
}
