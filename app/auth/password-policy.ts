import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

export interface PasswordRule {
  id: "length" | "lowercase" | "uppercase" | "digit" | "special";
  /** Shown in the checklist under the password field, with or without JavaScript. */
  label: string;
  test: (password: string) => boolean;
}

// Shared by the forms (live checklist, Zod schemas) and the Better Auth `before` hook,
// so the browser and every HTTP path enforce the very same rules.
export const PASSWORD_RULES: readonly PasswordRule[] = [
  {
    id: "length",
    label: `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters`,
    test: (password) => password.length >= PASSWORD_MIN_LENGTH && password.length <= PASSWORD_MAX_LENGTH,
  },
  { id: "lowercase", label: "A lowercase letter", test: (password) => /\p{Ll}/u.test(password) },
  { id: "uppercase", label: "An uppercase letter", test: (password) => /\p{Lu}/u.test(password) },
  { id: "digit", label: "A digit", test: (password) => /\p{Nd}/u.test(password) },
  {
    id: "special",
    label: "A special character (like ! ? # or space)",
    // Anything that is neither a letter nor a digit counts: punctuation, symbols, spaces.
    test: (password) => /[^\p{L}\p{Nd}]/u.test(password),
  },
];

/** The rules `password` does not meet yet, in display order. */
export function unmetPasswordRules(password: string): PasswordRule[] {
  return PASSWORD_RULES.filter((rule) => !rule.test(password));
}

/** One sentence naming what is missing, for a field error or an API client. */
export function describeUnmetRules(unmet: readonly PasswordRule[]): string {
  if (unmet.some((rule) => rule.id === "length")) {
    return `Password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long.`;
  }
  const missing = unmet.map((rule) => rule.label.toLowerCase().replace(/ \(.*\)$/, ""));
  const list = missing.length > 1 ? `${missing.slice(0, -1).join(", ")} and ${missing.at(-1)}` : missing[0];
  return `Password needs ${list}.`;
}

/** A new password: required, and every rule met. Used by the sign-up and change-password forms. */
export const newPasswordSchema = z.string({ error: "Enter a password." }).superRefine((password, ctx) => {
  const unmet = unmetPasswordRules(password);
  if (unmet.length) ctx.addIssue({ code: "custom", message: describeUnmetRules(unmet) });
});
