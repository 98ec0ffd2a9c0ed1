import type { BetterAuthPlugin } from "better-auth";
import { APIError } from "better-auth/api";
import { INVALID_PROFILE } from "~/auth/errors";
import { onPaths } from "~/auth/plugins/hook-helpers.server";
import { nameSchema } from "~/auth/schemas";

/**
 * What is wrong with the profile fields of a body, or null. Better Auth would coerce an array
 * to a name and store control characters (a NUL fails the insert: 500); no page shows
 * `image`, but any client might, so only an http(s) URL is kept.
 */
function profileProblem(body: unknown): string | null {
  const fields = (body ?? {}) as Record<string, unknown>;
  if ("name" in fields) {
    const result = nameSchema.safeParse(fields.name);
    if (!result.success) return result.error.issues[0]!.message;
  }
  if ("image" in fields && fields.image !== null && fields.image !== undefined) {
    const image = fields.image;
    if (typeof image !== "string" || image.length > 2048 || !/^https?:\/\//i.test(image) || !URL.canParse(image)) {
      return "The picture must be an http(s) URL.";
    }
  }
  return null;
}

/** The name and picture rules, for sign-up and update-user alike. */
export function profileRules() {
  return {
    id: "tasklane-profile-rules",
    hooks: {
      before: [
        onPaths(["/sign-up/email", "/update-user"], async (ctx) => {
          const message = profileProblem(ctx.body);
          if (message) throw new APIError("BAD_REQUEST", { code: INVALID_PROFILE, message });
        }),
      ],
    },
  } satisfies BetterAuthPlugin;
}
