import { z } from "zod";
import { CONTROL } from "~/text-rules";

// Passkey forms and endpoints: one name rule for adding (the JSON endpoint) and renaming (the form).

export const PASSKEY_NAME_MAX = 64;

export const passkeyNameSchema = z
  .string({ error: "Give the passkey a name." })
  .trim()
  .min(1, "Give the passkey a name.")
  .max(PASSKEY_NAME_MAX, `Keep the name under ${PASSKEY_NAME_MAX} characters.`)
  .refine((value) => !CONTROL.test(value), "The name cannot contain control characters.");

const passkeyId = z.uuid({ error: "That passkey does not exist." });

export const RenamePasskeySchema = z.object({ passkeyId, name: passkeyNameSchema });
export const DeletePasskeySchema = z.object({ passkeyId });
