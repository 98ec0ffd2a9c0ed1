// Passkeys over HTTP (decision 043): a Better Auth plugin of our own, so its endpoints run on
// the one Better Auth core the app already uses (its router, hooks, origin check, rate limit
// and session cookies). The WebAuthn work is in passkeys.server.ts, on SimpleWebAuthn.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from "@simplewebauthn/server";
import type { BetterAuthPlugin } from "better-auth";
import { APIError, createAuthEndpoint, sessionMiddleware } from "better-auth/api";
import { setSessionCookie } from "better-auth/cookies";
import { z } from "zod";
import { recordAuditEvent } from "~/audit.server";
import { chargeAttempt, requestMeta, verifyAccountPassword } from "~/auth/plugins/hook-helpers.server";
import { passkeyNameSchema } from "~/auth/passkey-schemas";
import {
  addPasskey,
  isSessionFresh,
  PasskeyRefused,
  registrationOptions,
  signInOptions,
  verifyPasskeySignIn,
} from "~/auth/passkeys.server";
import { config } from "~/config.server";

/** What the browser sends back: SimpleWebAuthn checks every field; this only bounds the shape. */
const webAuthnResponse = z.looseObject({
  id: z.string().max(1024),
  rawId: z.string().max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(4096) }),
});

const SESSION_NOT_FRESH_MESSAGE = "For your security, enter your password to add a passkey.";

async function refusalsAsAnswers<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PasskeyRefused) throw new APIError(error.status, { code: error.code, message: error.message });
    throw error;
  }
}

export function passkeys() {
  return {
    id: "tasklane-passkeys",
    endpoints: {
      /**
       * Options to make a passkey for the signed-in user. A session older than a day must
       * bring the password again (charged to the account's attempt budget).
       */
      passkeyRegisterOptions: createAuthEndpoint(
        "/passkey/register-options",
        { method: "POST", use: [sessionMiddleware], body: z.object({ password: z.string().max(128).optional() }) },
        async (ctx) => {
          const { session, user } = ctx.context.session;
          if (!isSessionFresh(session.createdAt)) {
            const password = ctx.body.password;
            if (!password)
              throw new APIError("FORBIDDEN", { code: "SESSION_NOT_FRESH", message: SESSION_NOT_FRESH_MESSAGE });
            await chargeAttempt(ctx, "passkey-settings", user.id);
            await verifyAccountPassword(ctx, user.id, password);
          }
          return ctx.json(await registrationOptions(user));
        },
      ),
      /** Checks and keeps the new passkey (its challenge must be this user's, unused and recent). */
      passkeyRegister: createAuthEndpoint(
        "/passkey/register",
        {
          method: "POST",
          use: [sessionMiddleware],
          body: z.object({ name: passkeyNameSchema, response: webAuthnResponse }),
        },
        async (ctx) => {
          const { user } = ctx.context.session;
          const created = await refusalsAsAnswers(() =>
            addPasskey(user, ctx.body.name, ctx.body.response as unknown as RegistrationResponseJSON, requestMeta(ctx)),
          );
          return ctx.json({ passkey: { id: created.id, name: created.name, createdAt: created.createdAt } });
        },
      ),
      /** Options for a sign-in by any of this site's passkeys the browser holds. */
      passkeySignInOptions: createAuthEndpoint("/passkey/sign-in-options", { method: "POST" }, async (ctx) =>
        ctx.json(await signInOptions()),
      ),
      /**
       * Signs in with a passkey. A passkey verifies its user (PIN or biometric) and is bound to
       * this site, so it stands for both factors: no two-factor step follows.
       */
      passkeySignIn: createAuthEndpoint(
        "/passkey/sign-in",
        { method: "POST", body: z.object({ response: webAuthnResponse }) },
        async (ctx) => {
          const actor = requestMeta(ctx);
          const proven = await refusalsAsAnswers(() =>
            verifyPasskeySignIn(ctx.body.response as unknown as AuthenticationResponseJSON, actor),
          );
          const user = await ctx.context.internalAdapter.findUserById(proven.userId);
          if (!user)
            throw new APIError("UNAUTHORIZED", {
              code: "PASSKEY_NOT_FOUND",
              message: "This account no longer exists.",
            });
          if (config.REQUIRE_EMAIL_VERIFICATION && !user.emailVerified) {
            throw new APIError("FORBIDDEN", {
              code: "EMAIL_NOT_VERIFIED",
              message: "Verify your email address before signing in.",
            });
          }
          const session = await ctx.context.internalAdapter.createSession(user.id);
          await setSessionCookie(ctx, { session, user });
          await recordAuditEvent({
            event: "passkey-sign-in",
            userId: user.id,
            email: user.email,
            ...actor,
            details: { passkeyId: proven.passkeyId, name: proven.passkeyName },
          });
          return ctx.json({ user: { id: user.id, email: user.email, name: user.name } });
        },
      ),
    },
  } satisfies BetterAuthPlugin;
}
