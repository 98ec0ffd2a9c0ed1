import { z } from "zod";
import { CONTROL } from "~/text-rules";
import { newPasswordSchema } from "./password-policy";

// One schema per form, shared by Conform in the browser and by the action on the server.
// Empty inputs arrive as undefined, hence the explicit messages on each required field.

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((value) => value.toLowerCase());

/** Also checked by a Better Auth hook, so /api/auth/* clients meet the same rule. */
export const nameSchema = z
  .string({ error: "Enter your name." })
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Keep your name under 100 characters.")
  .refine((value) => !CONTROL.test(value), "Your name cannot contain control characters.");
const name = nameSchema;

export const SignUpSchema = z.object({
  name,
  email,
  password: newPasswordSchema,
});

export const SignInSchema = z.object({
  email,
  // No policy here: older passwords may predate it, and the message must not hint either way.
  password: z.string({ error: "Enter your password." }).max(128, "Invalid email or password."),
  redirectTo: z.string().optional(),
});

export const ForgotPasswordSchema = z.object({ email });

export const ResetPasswordSchema = z.object({
  token: z.string({ error: "This link is not valid." }).max(200, "This link is not valid."),
  newPassword: newPasswordSchema,
  revokeApiKeys: z.boolean().default(false),
});

/** The button on a confirmation link's page. */
export const ConfirmEmailLinkSchema = z.object({
  token: z.string({ error: "This link is not valid." }).max(4096, "This link is not valid."),
});

/** "Send a new link": signed out the address is typed (or carried over); signed in it is the session's. */
export const ResendVerificationSchema = z.object({
  email: email.optional(),
  redirectTo: z.string().optional(),
});

export const SETTINGS_INTENTS = [
  "update-profile",
  "revoke-session",
  "revoke-other-sessions",
  "delete-account",
] as const;
export type SettingsIntent = (typeof SETTINGS_INTENTS)[number];

export const UpdateProfileSchema = z.object({ intent: z.literal("update-profile"), name });

/** Settings › Email address (its own route, /settings/email). */
export const ChangeEmailSchema = z.object({
  newEmail: email,
  currentPassword: z.string({ error: "Enter your current password." }).max(128, "That password is not correct."),
});

/** Settings › Password (its own route, /settings/password). */
export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password." }),
  newPassword: newPasswordSchema,
  signOutOtherSessions: z.boolean().default(false),
  revokeApiKeys: z.boolean().default(false),
});

export const RevokeSessionSchema = z.object({
  intent: z.literal("revoke-session"),
  sessionId: z.uuid("That session could not be found."),
});

export const RevokeOtherSessionsSchema = z.object({ intent: z.literal("revoke-other-sessions") });

export const DeleteAccountSchema = z.object({
  intent: z.literal("delete-account"),
  password: z.string({ error: "Enter your password to confirm." }),
});
