// The person's "tell me when someone assigns me a task" setting (decision 095): a column of the
// user table, which Better Auth owns, so it is written through Better Auth's adapter.
import { auth } from "~/auth/auth.server";

export async function setAssignmentMail(userId: string, enabled: boolean): Promise<void> {
  const { internalAdapter } = await auth.$context;
  await internalAdapter.updateUser(userId, { assignmentMail: enabled });
}
