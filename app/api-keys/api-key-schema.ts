import { z } from "zod";
import { CONTROL } from "~/text-rules";
import { API_KEY_LIFETIMES_DAYS, API_KEY_SCOPES } from "./key-rules";

// The forms of the API keys page, shared by Conform in the browser and by the action.

export const API_KEY_NAME_MAX = 60;

export const CreateApiKeySchema = z.object({
  intent: z.literal("create-api-key"),
  name: z
    .string({ error: "Name the key after the program that will use it." })
    .trim()
    .min(1, "Name the key after the program that will use it.")
    .max(API_KEY_NAME_MAX, `Keep the name under ${API_KEY_NAME_MAX} characters.`)
    .refine((value) => !CONTROL.test(value), "The name cannot contain control characters."),
  scope: z.enum(API_KEY_SCOPES, { error: "Choose what the key may do." }),
  lifetimeDays: z.coerce
    .number({ error: "Choose how long the key works." })
    .refine((days) => (API_KEY_LIFETIMES_DAYS as readonly number[]).includes(days), "Choose how long the key works."),
});

export const RevokeApiKeySchema = z.object({
  intent: z.literal("revoke-api-key"),
  keyId: z.uuid("That key could not be found."),
});
