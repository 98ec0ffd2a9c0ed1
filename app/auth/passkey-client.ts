// The browser's half of passkeys (decision 043): SimpleWebAuthn talks to the authenticator,
// these functions carry its answers to our plugin's endpoints under /api/auth/passkey/*.
import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";

type PasskeyFailure = { ok: false; code: string; message: string };
export type PasskeyOutcome = { ok: true } | PasskeyFailure;

const CANCELLED: PasskeyFailure = {
  ok: false,
  code: "CANCELLED",
  message: "The passkey request was cancelled or timed out. Try again when you are ready.",
};

async function post(path: string, body: unknown): Promise<{ ok: true; data: unknown } | PasskeyFailure> {
  let response: Response;
  try {
    response = await fetch(`/api/auth/passkey/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, code: "NETWORK", message: "We could not reach Tasklane. Check your connection and try again." };
  }
  const data = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (response.ok) return { ok: true, data };
  return {
    ok: false,
    code: data?.code ?? `HTTP_${response.status}`,
    message:
      response.status === 429 || response.status >= 500 || !data?.message
        ? (data?.message ?? "Something went wrong on our side. Please try again in a moment.")
        : data.message,
  };
}

/** The browser refused or the person cancelled: one calm message; anything else says what it was. */
function browserFailure(error: unknown): PasskeyFailure {
  if (error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") {
    return { ok: false, code: error.code, message: "This device already holds a passkey for your account." };
  }
  if (error instanceof WebAuthnError && error.code === "ERROR_CEREMONY_ABORTED")
    return { ...CANCELLED, code: "ABORTED" };
  if (error instanceof Error && (error.name === "NotAllowedError" || error.name === "AbortError")) return CANCELLED;
  return {
    ok: false,
    code: "BROWSER",
    message: error instanceof Error ? error.message : "Your browser could not use a passkey.",
  };
}

/** Makes a passkey on this device and adds it to the signed-in account. */
export async function addPasskeyFromBrowser(input: { name: string; password?: string }): Promise<PasskeyOutcome> {
  const options = await post("register-options", input.password ? { password: input.password } : {});
  if (!options.ok) return options;
  let response: unknown;
  try {
    response = await startRegistration({
      optionsJSON: options.data as Parameters<typeof startRegistration>[0]["optionsJSON"],
    });
  } catch (error) {
    return browserFailure(error);
  }
  const saved = await post("register", { name: input.name, response });
  return saved.ok ? { ok: true } : saved;
}

/**
 * Signs in with a passkey. `autofill`: the request waits quietly for the person to pick a
 * passkey from the email field's suggestions (conditional mediation) instead of opening a dialog.
 */
export async function signInWithPasskeyFromBrowser({ autofill = false } = {}): Promise<PasskeyOutcome> {
  const options = await post("sign-in-options", {});
  if (!options.ok) return options;
  let response: unknown;
  try {
    response = await startAuthentication({
      optionsJSON: options.data as Parameters<typeof startAuthentication>[0]["optionsJSON"],
      useBrowserAutofill: autofill,
    });
  } catch (error) {
    return browserFailure(error);
  }
  const signedIn = await post("sign-in", { response });
  return signedIn.ok ? { ok: true } : signedIn;
}
