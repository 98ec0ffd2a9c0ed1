import type { BetterAuthPlugin } from "better-auth";
import { getSessionFromCtx } from "better-auth/api";
import { onPaths } from "~/auth/plugins/hook-helpers.server";

/**
 * Who signs out, for the audit log: the session row is gone by the time the after hooks run,
 * so it is looked up now (this caches it on ctx.context.session, which the audit reads).
 */
export function signOutLookup() {
  return {
    id: "tasklane-sign-out",
    hooks: { before: [onPaths(["/sign-out"], (ctx) => getSessionFromCtx(ctx, { disableRefresh: true }))] },
  } satisfies BetterAuthPlugin;
}
