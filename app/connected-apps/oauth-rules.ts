// The rules of connected apps (OAuth clients) that pages and the provider (app/auth/auth.server.ts) share: one home.
/** What a connected app may ask for: the API's two scopes, and refresh tokens. */
export const OAUTH_SCOPES = ["tasks:read", "tasks:write", "offline_access"] as const;
export type OAuthScope = (typeof OAUTH_SCOPES)[number];

/** The consent page's words for each scope. */
export const SCOPE_DESCRIPTIONS: Record<OAuthScope, string> = {
  "tasks:read": "See your projects, tasks and labels, including projects shared with you",
  "tasks:write": "Create, change, complete and delete tasks, projects and labels for you",
  offline_access: "Keep this access when you are not using it (until you disconnect it)",
};

/** The paths of our pages the provider sends browsers to. */
export const OAUTH_SIGN_IN_PATH = "/oauth/sign-in";
export const OAUTH_CONSENT_PATH = "/oauth/consent";

/** Better Auth's authorize endpoint, where a signed-in browser resumes the request. */
export const OAUTH_AUTHORIZE_PATH = "/api/auth/oauth2/authorize";
