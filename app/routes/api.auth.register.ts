// POST /api/auth/register, the plan's sign-up: Better Auth's, with the form's schema, hooks
// (password policy, attempt limits, audit) and origin rule; answers a JWT and sets the cookie.
import { authRefusal, requireAllowedOrigin } from "~/api/auth-answers.server";
import { readJsonBody } from "~/api/body.server";
import { answerUnlessOutage } from "~/auth/better-auth-route.server";
import { publicApiRoute } from "~/api/handler.server";
import * as doc from "~/api/openapi-operations.server";
import { mintApiToken } from "~/api/tokens.server";
import { signUp } from "~/auth/account.server";
import { SignUpSchema } from "~/auth/schemas";
import { authHeaders, withCookies } from "~/auth/session.server";

const RegisterSchema = SignUpSchema.strict();

const register = publicApiRoute(
  { path: "/api/auth/register" },
  {
    POST: {
      openapi: {
        operationId: "register",
        summary: "Create an account: a JWT and the session cookie",
        security: [],
        requestBody: doc.requestBody("RegisterInput", RegisterSchema),
        responses: {
          "201": doc.signedInResponse("Signed up and in"),
          "202": {
            description: "REQUIRE_EMAIL_VERIFICATION: confirm the address first (token is null)",
            content: doc.json({ type: "object" }),
          },
          ...doc.bodyErrors,
          ...doc.foreignOrigin,
          "422": doc.problemResponse("The address already has an account"),
          ...doc.attemptLimited,
        },
      },
      handle: (call) =>
        answerUnlessOutage(call, async () => {
          const { request, context } = call;
          requireAllowedOrigin(request);
          const input = await readJsonBody(request, RegisterSchema);
          const signedUp = await signUp(authHeaders(request, context), input).catch(authRefusal);
          if (signedUp instanceof Response) return signedUp;
          const { id, email, name } = signedUp.user;
          const user = { id, email, name };
          const headers = withCookies(signedUp.setCookies);
          // REQUIRE_EMAIL_VERIFICATION: no session (and the same answer for a taken address) until the link is used.
          if (!signedUp.signedIn) {
            return Response.json(
              { user, token: null, expiresAt: null, detail: "Confirm your address with the link we sent, then log in" },
              { status: 202, headers },
            );
          }
          headers.set("set-auth-token", signedUp.sessionToken!);
          return Response.json({ user, ...(await mintApiToken({ userId: id, email })) }, { status: 201, headers });
        }),
    },
  },
);

export const loader = register;
export const action = register;
