import type { BetterAuthPlugin } from "better-auth";
import { APIError } from "better-auth/api";
import { PASSWORD_TOO_WEAK } from "~/auth/errors";
import { describeUnmetRules, unmetPasswordRules } from "~/auth/password-policy";
import { bodyString, onPaths } from "~/auth/plugins/hook-helpers.server";

/** Paths that set a password, and the body field that carries the new one. */
const PASSWORD_FIELDS: Record<string, string> = {
  "/sign-up/email": "password",
  "/change-password": "newPassword",
  "/reset-password": "newPassword",
  "/set-password": "newPassword",
};

/** The whole password policy (Better Auth checks only the length), wherever a password is set. */
export function passwordPolicy() {
  return {
    id: "tasklane-password-policy",
    hooks: {
      before: [
        onPaths(Object.keys(PASSWORD_FIELDS), async (ctx) => {
          const password = bodyString(ctx, PASSWORD_FIELDS[ctx.path]!);
          // A missing or non-string password is left to Better Auth's own body validation.
          if (password === undefined) return;
          const unmet = unmetPasswordRules(password);
          if (unmet.length)
            throw new APIError("BAD_REQUEST", { code: PASSWORD_TOO_WEAK, message: describeUnmetRules(unmet) });
        }),
      ],
    },
  } satisfies BetterAuthPlugin;
}
