// GET /api/auth/me, the plan's "who am I": for a session (cookie or bearer), a JWT or an API key.
import { apiRoute } from "~/api/handler.server";
import { invalidTokenProblem } from "~/api/problem.server";
import { getUserProfile } from "~/auth/user-profile.server";

const serveMe = apiRoute(
  {
    async GET({ user }) {
      const profile = await getUserProfile(user.userId);
      if (!profile) throw invalidTokenProblem("The token's user no longer exists");
      return Response.json(profile);
    },
  },
  { sessions: true },
);

export const loader = serveMe;
export const action = serveMe;
