import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { bearer, jwt, twoFactor } from "better-auth/plugins";
import { oauthProvider } from "@better-auth/oauth-provider";
import { decodeJwt } from "jose";
import * as schema from "../../db/schema";
import { passkeys } from "~/auth/passkey-plugin.server";
import { attemptLimits } from "~/auth/plugins/attempt-limits.server";
import { auditLog } from "~/auth/plugins/audit-log.server";
import { changeOfAddress } from "~/auth/plugins/change-of-address.server";
import { emailLinkLookups } from "~/auth/plugins/email-link-lookups.server";
import { inboxAtSignUp } from "~/auth/plugins/inbox.server";
import { noticeMails } from "~/auth/plugins/notice-mails.server";
import { oauthProviderHooks } from "~/auth/plugins/oauth-provider-hooks.server";
import { passwordPolicy } from "~/auth/plugins/password-policy.server";
import { profileRules } from "~/auth/plugins/profile-rules.server";
import { resetRequestTiming } from "~/auth/plugins/reset-timing.server";
import { signOutLookup } from "~/auth/plugins/sign-out.server";
import { totpReplay } from "~/auth/plugins/totp-replay.server";
import { twoFactorAttempts, TWO_FACTOR_LIMITED_PATHS } from "~/auth/plugins/two-factor-attempts.server";
import { twoFactorConsequences } from "~/auth/plugins/two-factor-consequences.server";
import { FRESH_SESSION_SECONDS } from "~/auth/passkeys.server";
import { hashPassword, verifyPassword } from "~/auth/password-hash.server";
import { BACKUP_CODE_COUNT, TOTP_ISSUER } from "~/auth/two-factor.server";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/auth/password-policy";
import { apiTokenAudience, apiTokenIssuer, appOrigin, config, servedOverHttps } from "~/config.server";
import { db } from "~/db.server";
import { logger } from "~/logger.server";
import { noteOutage } from "~/outage.server";
import {
  confirmNewEmailMail,
  existingAccountSignUpNotice,
  RESET_PASSWORD_TTL_SECONDS,
  resetPasswordMail,
  VERIFY_EMAIL_TTL_SECONDS,
  verifyEmailMail,
} from "~/mail/messages.server";
import { enqueueMail } from "~/mail/outbox.server";
import { OAUTH_CONSENT_PATH, OAUTH_SCOPES, OAUTH_SIGN_IN_PATH } from "~/connected-apps/oauth-rules";

const OAUTH_MANAGEMENT_PATHS = [
  "/oauth2/create-client",
  "/oauth2/get-client",
  "/oauth2/get-clients",
  "/oauth2/update-client",
  "/oauth2/client/rotate-secret",
  "/oauth2/delete-client",
  "/oauth2/public-client",
  "/oauth2/public-client-prelogin",
  "/oauth2/get-consent",
  "/oauth2/get-consents",
  "/oauth2/update-consent",
  "/oauth2/delete-consent",
];

export const auth = betterAuth({
  appName: "Tasklane",
  baseURL: config.BETTER_AUTH_URL,
  secret: config.BETTER_AUTH_SECRET,
  database: drizzleAdapter(db, { provider: "pg", schema }),
  // Every mail callback below only stores the message in the outbox (app/mail/outbox.server.ts):
  // a request never waits on SMTP. The links point at our pages (built from BETTER_AUTH_URL),
  // whose buttons POST, rather than at Better Auth's GET endpoints: mail scanners open links.
  emailAndPassword: {
    enabled: true,
    // With REQUIRE_EMAIL_VERIFICATION Better Auth signs nobody in before verification, and
    // answers a sign-up with a taken address exactly like a new one (see onExistingUserSignUp).
    autoSignIn: true,
    requireEmailVerification: config.REQUIRE_EMAIL_VERIFICATION,
    resetPasswordTokenExpiresIn: RESET_PASSWORD_TTL_SECONDS,
    revokeSessionsOnPasswordReset: true,
    sendResetPassword: ({ user, token }) => enqueueMail(resetPasswordMail(user, token)),
    onExistingUserSignUp: ({ user }) => enqueueMail(existingAccountSignUpNotice(user)),
    // The full policy (upper, lower, digit, special) is enforced by our passwordPolicy() plugin.
    minPasswordLength: PASSWORD_MIN_LENGTH,
    maxPasswordLength: PASSWORD_MAX_LENGTH,
    // Better Auth's format, hashed in low-priority worker threads (see password-hash.server.ts).
    password: { hash: hashPassword, verify: verifyPassword },
  },
  emailVerification: {
    sendOnSignUp: true,
    // A blocked sign-in shows a page with a "send a new link" button instead of mailing on every try.
    sendOnSignIn: false,
    autoSignInAfterVerification: false,
    expiresIn: VERIFY_EMAIL_TTL_SECONDS,
    // One callback for both kinds of link: a change of address carries `updateTo` in its token.
    sendVerificationEmail: ({ user, token }) => {
      const { updateTo } = decodeJwt(token);
      return enqueueMail(
        typeof updateTo === "string" ? confirmNewEmailMail(user, updateTo, token) : verifyEmailMail(user, token),
      );
    },
  },
  user: {
    // Deleting requires the password (checked by Better Auth); tasks go with the user (ON DELETE CASCADE).
    deleteUser: { enabled: true },
    // The new address confirms, the old one is told (decision 014). The current password is
    // required by our changeOfAddress() plugin, for the settings form and /api/auth/change-email alike.
    changeEmail: { enabled: true },
    // The task list's single-key shortcuts (decision 031). Read with the session's user (no
    // extra query); only the settings page changes it, never a sign-up or update-user body.
    additionalFields: {
      keyboardShortcuts: { type: "boolean", required: true, defaultValue: true, input: false },
      // The account's IANA time zone (decision 090): NULL until the settings page or the first
      // page with JavaScript saves one; UTC until then.
      timeZone: { type: "string", required: false, input: false },
      // A mail when someone else assigns the person a task in a shared project (decision 095).
      assignmentMail: { type: "boolean", required: true, defaultValue: true, input: false },
    },
  },
  session: {
    expiresIn: 60 * 60 * 24 * 7,
    updateAge: 60 * 60 * 24,
    // Better Auth's own "fresh sign-in" rule, stated once: adding a passkey uses the same age.
    freshAge: FRESH_SESSION_SECONDS,
    // No cookieCache: every request reads the session row, so a revoked session stops at once.
  },
  // Better Auth's log lines go through ours. A database outage is noted for the request
  // (so /api/auth/* answers 503) and logged once by the route, without a stack trace here.
  logger: {
    log(level, message, ...args) {
      if (args.some((arg) => noteOutage(arg))) return;
      const err = args.find((arg) => arg instanceof Error);
      logger[level]({ err, args: args.filter((arg) => arg !== err) }, `better-auth: ${message}`);
    },
  },
  // Errors Better Auth cannot answer itself (a database failure) are thrown to the route,
  // which answers 503 for an outage; its own 4xx answers are unchanged. Without this it
  // answers a bare 500 and prints the error to the console.
  onAPIError: { throw: true },
  // Better Auth's OAuth client and consent management over HTTP: our Settings pages do this
  // (ownership in their queries, "not found" for someone else's app), so these answer 404.
  disabledPaths: OAUTH_MANAGEMENT_PATHS,
  trustedOrigins: [appOrigin, ...config.ALLOWED_ACTION_ORIGINS.map((host) => `https://${host}`)],
  advanced: {
    // joins: a session and its user come back in one query (one round trip per signed-in request).
    database: { generateId: "uuid", joins: true },
    useSecureCookies: servedOverHttps,
    // The server (`server/client-ip.ts`) sets this header from the socket (or the trusted proxy hops), replacing any client value.
    // ipv6Subnet 128: store whole addresses (the default /64 shows "::1" as "::" on the sessions list);
    // our own attempt limits key on the address the server sets.
    ipAddress: { ipAddressHeaders: ["x-client-ip"], ipv6Subnet: 128 },
  },
  rateLimit: {
    storage: "database",
    // Sign-in, sign-up and the two-factor steps are limited per IP and per account by
    // our attemptLimits() and twoFactorAttempts(), for HTTP clients and form actions alike; the built-in per-IP rules
    // (the two-factor plugin's is 3 per 10 s) would only double-count them.
    customRules: {
      "/sign-in/email": false,
      "/sign-up/email": false,
      ...Object.fromEntries(TWO_FACTOR_LIMITED_PATHS.map((path) => [path, false] as const)),
    },
  },
  // Our rules are plugins of their own, one per concern (app/auth/plugins/), with hooks.before
  // and hooks.after matchers. Better Auth runs each kind of hook in plugin order: these come
  // first, so their before hooks run before every other plugin's, as the limits must.
  plugins: [
    attemptLimits(),
    twoFactorAttempts(),
    // After the attempt is charged: a reused code is a counted attempt.
    totpReplay(),
    emailLinkLookups(),
    changeOfAddress(),
    profileRules(),
    passwordPolicy(),
    signOutLookup(),
    twoFactorConsequences(),
    noticeMails(),
    inboxAtSignUp(),
    jwt({
      // Pinned rather than inherited: app/api/jwt.server.ts accepts RS256 only (decision 009).
      jwks: { keyPairConfig: { alg: "RS256", modulusLength: 2048 } },
      jwt: {
        issuer: apiTokenIssuer,
        audience: apiTokenAudience,
        expirationTime: `${config.JWT_EXPIRES_IN}s`,
        // With iat, exp, iss, aud and sub added by the plugin: the whole claim set, nothing personal beyond it.
        definePayload: ({ user }) => ({ email: user.email }),
      },
      disableSettingJwtHeader: true,
    }),
    // Authenticator codes and backup codes (decision 040), the secret and the codes stored
    // encrypted with BETTER_AUTH_SECRET. Before bearer(): a sign-in that becomes a challenge
    // must not hand out the deleted session's token in set-auth-token.
    twoFactor({
      issuer: TOTP_ISSUER,
      // 30 days of "trust this device"; 10 minutes to answer the challenge after the password.
      trustDeviceMaxAge: 30 * 24 * 60 * 60,
      twoFactorCookieMaxAge: 10 * 60,
      backupCodeOptions: { amount: BACKUP_CODE_COUNT, length: 10, storeBackupCodes: "encrypted" },
    }),
    // Passkeys (decision 043): our own plugin on SimpleWebAuthn, on this same core.
    passkeys(),
    // Connected apps (decision 123): OAuth 2.1 for third-party programs. Access tokens are the
    // jwt() plugin's RS256 JWTs for the API's audience (with scope, azp and email), so the API
    // verifies them as any other; a disconnected app is refused per request (app/api/jwt.server.ts).
    oauthProviderHooks(apiTokenAudience, [`${apiTokenAudience}/`, `${appOrigin}/mcp`]),
    oauthProvider({
      scopes: [...OAUTH_SCOPES],
      resources: [{ identifier: apiTokenAudience, allowedScopes: [...OAUTH_SCOPES] }],
      // One resource (the API and the MCP server): every app may ask for it.
      enforcePerClientResources: false,
      loginPage: OAUTH_SIGN_IN_PATH,
      consentPage: OAUTH_CONSENT_PATH,
      accessTokenExpiresIn: config.JWT_EXPIRES_IN,
      refreshTokenExpiresIn: 60 * 60 * 24 * 30,
      // Refresh tokens, codes and client secrets are stored as hashes only.
      storeTokens: "hashed",
      storeClientSecret: "hashed",
      customAccessTokenClaims: ({ user }) => (user ? { email: user.email } : {}),
      allowDynamicClientRegistration: config.OAUTH_DYNAMIC_REGISTRATION,
      allowUnauthenticatedClientRegistration: config.OAUTH_DYNAMIC_REGISTRATION,
      clientRegistrationDefaultScopes: ["tasks:read", "offline_access"],
      clientRegistrationAllowedScopes: ["tasks:write"],
      // Client credentials would be tokens with no person behind them: the API has no use for them.
      grantTypes: ["authorization_code", "refresh_token"],
      rateLimit: { register: { window: 60 * 60, max: 10 } },
    }),
    bearer(),
    // After every other plugin's after hook: it must see what the two-factor plugin made of a
    // sign-in (a challenge, not a session), and what our plugins did.
    auditLog(),
    // Only waits: the floor covers the audit write that only a known address costs.
    resetRequestTiming(),
  ],
});

export type Session = typeof auth.$Infer.Session;
