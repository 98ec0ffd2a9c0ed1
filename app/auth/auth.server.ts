import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import { bearer, jwt } from "better-auth/plugins";
import * as schema from "../../db/schema";
import { appOrigin, config, servedOverHttps } from "~/config.server";
import { db } from "~/db.server";

export const auth = betterAuth({
  appName: "Tasklane",
  baseURL: config.BETTER_AUTH_URL,
  secret: config.BETTER_AUTH_SECRET,
  database: drizzleAdapter(db, { provider: "pg", schema }),
  emailAndPassword: {
    enabled: true,
    autoSignIn: true,
    requireEmailVerification: false,
    minPasswordLength: 8,
    maxPasswordLength: 128,
  },
  session: {
    expiresIn: 60 * 60 * 24 * 7,
    updateAge: 60 * 60 * 24,
  },
  trustedOrigins: [appOrigin, ...config.ALLOWED_ACTION_ORIGINS.map((host) => `https://${host}`)],
  advanced: {
    database: { generateId: "uuid" },
    useSecureCookies: servedOverHttps,
    // server.js sets this header from the socket (or the trusted proxy hops), replacing any client value.
    ipAddress: { ipAddressHeaders: ["x-client-ip"] },
  },
  rateLimit: { storage: "database" },
  plugins: [
    jwt({
      jwt: {
        issuer: config.JWT_ISSUER ?? appOrigin,
        audience: config.JWT_AUDIENCE ?? appOrigin,
        expirationTime: `${config.JWT_EXPIRES_IN}s`,
        definePayload: ({ user }) => ({ email: user.email }),
      },
      disableSettingJwtHeader: true,
    }),
    bearer(),
  ],
});

export type Session = typeof auth.$Infer.Session;
