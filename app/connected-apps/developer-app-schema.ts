import { z } from "zod";
import { CONTROL } from "~/text-rules";

// The forms of Settings → Developer apps, shared by Conform in the browser and by the action.

export const APP_NAME_MAX = 60;
export const REDIRECT_URIS_MAX = 10;

/** Public apps (a phone, a desktop or single-page app) cannot keep a secret; confidential ones (a server) can. */
export const APP_KINDS = ["confidential", "public"] as const;
export type AppKind = (typeof APP_KINDS)[number];

export const APP_KIND_LABELS: Record<AppKind, string> = {
  confidential: "Confidential (a server that keeps a secret)",
  public: "Public (a phone, desktop or browser app: PKCE only, no secret)",
};

export const RegisterAppSchema = z.object({
  intent: z.literal("register-app"),
  name: z
    .string({ error: "Name the app as people will see it when they allow it." })
    .trim()
    .min(1, "Name the app as people will see it when they allow it.")
    .max(APP_NAME_MAX, `Keep the name under ${APP_NAME_MAX} characters.`)
    .refine((value) => !CONTROL.test(value), "The name cannot contain control characters."),
  redirectUris: z
    .string({ error: "Give at least one redirect URI." })
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.url({ error: "Each line must be an absolute URI (https://…, http://127.0.0.1:…, or an app's scheme)." }),
        )
        .min(1, "Give at least one redirect URI.")
        .max(REDIRECT_URIS_MAX, `At most ${REDIRECT_URIS_MAX} redirect URIs.`),
    ),
  kind: z.enum(APP_KINDS, { error: "Choose whether the app can keep a secret." }),
});

const clientIdField = z.string({ error: "That app could not be found." }).min(1).max(200);

export const RotateSecretSchema = z.object({ intent: z.literal("rotate-secret"), clientId: clientIdField });
export const DeleteAppSchema = z.object({ intent: z.literal("delete-app"), clientId: clientIdField });
export const DisconnectAppSchema = z.object({ intent: z.literal("disconnect-app"), clientId: clientIdField });
