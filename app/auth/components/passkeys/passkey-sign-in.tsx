import {
  browserSupportsWebAuthn,
  browserSupportsWebAuthnAutofill,
  WebAuthnAbortService,
} from "@simplewebauthn/browser";
import { useEffect, useState } from "react";
import { signInWithPasskeyFromBrowser, type PasskeyOutcome } from "~/auth/passkey-client";
import { safeRedirectPath } from "~/safe-redirect";
import { Button } from "~/ui/button";
import { FormErrors } from "~/ui/field";
import { useHydrated } from "~/ui/use-hydrated";
import { PasskeysNeedJavaScript } from "./passkeys-need-javascript";

/** A person who cancelled (or whose quiet autofill request gave way to the button) needs no message. */
const SILENT = new Set(["ABORTED", "CANCELLED"]);

/**
 * "Sign in with a passkey", and passkey suggestions in the email field (conditional mediation,
 * which needs `autocomplete="username webauthn"` on that field) where the browser offers them.
 * A passkey sign-in is complete: no two-factor step follows.
 */
export function PasskeySignIn({ redirectTo }: { redirectTo?: string }) {
  const hydrated = useHydrated();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let active = true;
    const settle = (outcome: PasskeyOutcome) => {
      if (!active) return;
      // A full load: every loader (and the layout's session) starts from the new cookie.
      if (outcome.ok) window.location.assign(safeRedirectPath(redirectTo));
      else if (!SILENT.has(outcome.code)) setFailure(outcome.message);
    };
    void browserSupportsWebAuthnAutofill().then((supported) => {
      if (supported && active) void signInWithPasskeyFromBrowser({ autofill: true }).then(settle);
    });
    return () => {
      active = false;
      WebAuthnAbortService.cancelCeremony();
    };
  }, [redirectTo]);

  // The server cannot know; nearly every browser that runs scripts can, so the button is
  // in the server's HTML too and the form does not move when the page hydrates.
  if (hydrated && !browserSupportsWebAuthn()) return null;

  async function signIn() {
    setFailure(null);
    setBusy(true);
    const outcome = await signInWithPasskeyFromBrowser();
    if (outcome.ok) {
      window.location.assign(safeRedirectPath(redirectTo));
      return;
    }
    setBusy(false);
    if (outcome.code !== "ABORTED") setFailure(outcome.message);
  }

  return (
    <>
      <div className="hidden noscript:block">
        <PasskeysNeedJavaScript>
          Signing in with a passkey needs JavaScript. Your email and password work without it.
        </PasskeysNeedJavaScript>
      </div>
      {/* Inert until the page hydrates; hidden where scripts do not run. */}
      <div className="space-y-3 noscript:hidden">
        <FormErrors id="passkey-sign-in-errors" errors={failure ? [failure] : undefined} />
        <Button
          type="button"
          variant="secondary"
          className="w-full"
          pending={busy}
          disabled={!hydrated}
          onClick={signIn}
        >
          {busy ? "Waiting for your passkey…" : "Sign in with a passkey"}
        </Button>
      </div>
    </>
  );
}
