import { z } from "zod";

// The two-factor forms' schemas, shared by Conform in the browser and the actions on the server.

/** Spaces people copy along with a code ("123 456") are dropped before the check. */
const totpCode = z
  .string({ error: "Enter the 6-digit code from your authenticator app." })
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from your authenticator app."));

/** Better Auth's backup codes: 10 letters and digits, shown as two groups of 5. */
const backupCode = z
  .string({ error: "Enter one of your backup codes." })
  .transform((value) => value.replace(/\s+/g, ""))
  .pipe(z.string().regex(/^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$/, "A backup code looks like abcde-12345."))
  .transform((value) => (value.includes("-") ? value : `${value.slice(0, 5)}-${value.slice(5)}`));

export const SECOND_FACTOR_METHODS = ["totp", "backup-code"] as const;
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

const signInStep = {
  trustDevice: z.boolean().default(false),
  redirectTo: z.string().max(2048).optional(),
};

/** The second sign-in step: a code from the app, or a backup code. */
export const SignInTotpSchema = z.object({ method: z.literal("totp"), code: totpCode, ...signInStep });
export const SignInBackupCodeSchema = z.object({ method: z.literal("backup-code"), code: backupCode, ...signInStep });

/** The first code from the app, which turns two-factor on. */
export const ConfirmTotpSchema = z.object({ code: totpCode });

/** Turning on or off and new backup codes all ask for the password. */
export const TWO_FACTOR_INTENTS = ["enable", "disable", "regenerate-backup-codes"] as const;
export type TwoFactorIntent = (typeof TWO_FACTOR_INTENTS)[number];
export const TwoFactorPasswordSchema = z.object({
  intent: z.enum(TWO_FACTOR_INTENTS),
  password: z.string({ error: "Enter your password." }).max(128, "That password is not correct."),
});
