// POST /api/auth/login, the plan's sign-in: Better Auth's, with the form's schema, hooks
// (attempt limits, audit) and origin rule; answers a JWT and sets the session cookie.
import { authRefusal, requireAllowedOrigin } from "~/api/auth-answers.server";
import { readJsonBody } from "~/api/body.server";
import { answerUnlessOutage } from "~/auth/better-auth-route.server";
import { publicApiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { mintApiToken } from "~/api/tokens.server";
import { signIn } from "~/auth/account.server";
import { SignInSchema } from "~/auth/schemas";
import { twoFactorChallengeResponse } from "~/auth/two-factor-challenge.server";
import { authHeaders, withCookies } from "~/auth/session.server";

const LoginSchema = SignInSchema.omit({ redirectTo: true }).strict();

const login = publicApiRoute(
  { path: "/api/auth/login" },
  {
    POST: {
      openapi: {
        operationId: "login",
        summary: "Sign in: a JWT and the session cookie",
        security: [],
        requestBody: doc.requestBody("LoginInput", LoginSchema),
        responses: {
          "200": doc.signedInResponse("Signed in"),
          ...doc.bodyErrors,
          "401": doc.problemResponse("Invalid email or password"),
          ...doc.foreignOrigin,
          ...doc.attemptLimited,
        },
      },
      handle: (call) =>
        answerUnlessOutage(call, async () => {
          const { request, context } = call;
          requireAllowedOrigin(request);
          const input = await readJsonBody(request, LoginSchema);
          const answer = await signIn(authHeaders(request, context), input).catch(authRefusal);
          if (answer instanceof Response) return answer;
          // Two-factor on: the challenge, exactly as /api/auth/sign-in/email answers it; no token yet.
          if (answer.twoFactor) return twoFactorChallengeResponse(answer.twoFactor);
          const { id, email, name } = answer.signedIn.user;
          const minted = await mintApiToken({ userId: id, email });
          const headers = withCookies(answer.setCookies);
          // As Better Auth's bearer plugin does: the session token, for a client without cookies.
          headers.set("set-auth-token", answer.signedIn.sessionToken);
          return Response.json({ user: { id, email, name }, ...minted }, { headers });
        }),
    },
  },
);

export const loader = login;
export const action = login;
