// Better Auth's own endpoints; the plan's (register, login, logout, me, token) are routes of their own.
import { answerWithBetterAuth } from "~/auth/better-auth-route.server";

export const loader = answerWithBetterAuth;
export const action = answerWithBetterAuth;
