import { apiRoute } from "~/api/handler.server";
import { invalidTokenProblem } from "~/api/problem.server";
import { getUserProfile } from "~/auth/user-profile.server";

const serveMe = apiRoute({
  async GET({ user }) {
    const profile = await getUserProfile(user.userId);
    // A valid token can outlive its account by up to JWT_EXPIRES_IN: it speaks for no one now.
    if (!profile) throw invalidTokenProblem("The token's user no longer exists");
    return Response.json(profile);
  },
});

export const loader = serveMe;
export const action = serveMe;
