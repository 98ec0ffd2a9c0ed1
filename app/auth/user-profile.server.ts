import { auth } from "./auth.server";

export interface UserProfile {
  id: string;
  email: string;
  name: string;
  /** Only a confirmed address receives reminders and digests. */
  emailVerified: boolean;
}

/** A user's public-facing details, read through Better Auth (which owns the user table). */
export async function getUserProfile(userId: string): Promise<UserProfile | null> {
  const { internalAdapter } = await auth.$context;
  const user = await internalAdapter.findUserById(userId);
  return user && { id: user.id, email: user.email, name: user.name, emailVerified: user.emailVerified };
}
