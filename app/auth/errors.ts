// Better Auth reports failures as APIError { status, body: { code, message } }. Its messages
// are written for developers ("User already exists. Use another email."); these are for people.
// Kept free of server imports so unit tests and any component can use it.

/** Codes raised by our own Better Auth hooks (see app/auth/plugins/); their messages are user-ready. */
export const TOO_MANY_ATTEMPTS = "TOO_MANY_ATTEMPTS";
export const PASSWORD_TOO_WEAK = "PASSWORD_TOO_WEAK";
export const INVALID_PROFILE = "INVALID_PROFILE";
export const CURRENT_PASSWORD_REQUIRED = "CURRENT_PASSWORD_REQUIRED";
/** Better Auth's code for a wrong current password (change password, delete account). */
export const INVALID_PASSWORD = "INVALID_PASSWORD";

/** Shown on sign-up next to a "Sign in instead" link (see routes/sign-up.tsx). */
export const ACCOUNT_EXISTS_MESSAGE = "An account with this email already exists.";

const MESSAGES: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: "Invalid email or password.",
  USER_ALREADY_EXISTS: ACCOUNT_EXISTS_MESSAGE,
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: ACCOUNT_EXISTS_MESSAGE,
  INVALID_EMAIL: "Enter a valid email address.",
  INVALID_PASSWORD: "That password is not correct.",
  PASSWORD_TOO_SHORT: "Password is too short.",
  PASSWORD_TOO_LONG: "Password is too long.",
  CREDENTIAL_ACCOUNT_NOT_FOUND: "This account has no password to check.",
  SESSION_EXPIRED: "Your session has expired. Sign in again to continue.",
  SESSION_NOT_FRESH: "For your security, sign in again to continue.",
  UNAUTHORIZED: "Your session has ended. Sign in again to continue.",
  EMAIL_NOT_VERIFIED: "Verify your email address before signing in.",
  FAILED_TO_CREATE_USER: "We could not create your account. Please try again.",
  FAILED_TO_CREATE_SESSION: "We could not sign you in. Please try again.",
  FAILED_TO_UPDATE_USER: "We could not save your changes. Please try again.",
  USER_NOT_FOUND: "This account no longer exists.",
  INVALID_TOKEN: "This link is not valid any more: it has expired or has been used.",
  TOKEN_EXPIRED: "This link has expired.",
  EMAIL_ALREADY_VERIFIED: "Your email address is already confirmed.",
  EMAIL_MISMATCH: "That is not the address of this account.",
  // Better Auth's two-factor plugin.
  INVALID_CODE: "That code is not right. Check the time on your phone and try the newest code.",
  INVALID_BACKUP_CODE: "That backup code is not right, or it has been used already.",
  INVALID_TWO_FACTOR_COOKIE: "Your sign-in has expired. Enter your password again.",
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: "Too many wrong codes. Enter your password again to get a new try.",
  ACCOUNT_TEMPORARILY_LOCKED: "Too many wrong codes for this account. Wait 15 minutes and try again.",
  TOTP_NOT_ENABLED: "Two-factor authentication is not set up for this account.",
  TWO_FACTOR_NOT_ENABLED: "Two-factor authentication is not on for this account.",
  TOTP_ALREADY_ENABLED: "Two-factor authentication is already on.",
};

const OWN_CODES = new Set([TOO_MANY_ATTEMPTS, PASSWORD_TOO_WEAK, INVALID_PROFILE, CURRENT_PASSWORD_REQUIRED]);

export interface AuthFailure {
  code: string;
  status: number;
  message: string;
}

/** The code and status of a Better Auth APIError, or null for anything else (a bug, a lost database). */
export function authErrorCode(error: unknown): { code: string; status: number; bodyMessage?: string } | null {
  if (typeof error !== "object" || error === null) return null;
  const { body, statusCode } = error as { body?: { code?: unknown; message?: unknown }; statusCode?: unknown };
  if (typeof body?.code !== "string" || typeof statusCode !== "number") return null;
  return {
    code: body.code,
    status: statusCode,
    bodyMessage: typeof body.message === "string" ? body.message : undefined,
  };
}

/**
 * A message a person can act on, for every Better Auth error they can meet; null when the
 * error is unexpected (the caller logs it and shows a generic message with the request id).
 */
export function describeAuthError(error: unknown): AuthFailure | null {
  const info = authErrorCode(error);
  if (!info) return null;
  if (OWN_CODES.has(info.code) && info.bodyMessage) {
    return { code: info.code, status: info.status, message: info.bodyMessage };
  }
  const message = MESSAGES[info.code];
  return message ? { code: info.code, status: info.status, message } : null;
}

/** For errors nobody planned for: says what to do and gives support something to search for. */
export function unexpectedErrorMessage(requestId: string): string {
  return `Something went wrong on our side. Please try again in a moment. (Reference: ${requestId})`;
}
