// The person's keyboard-shortcut setting (decision 031): a column of the user table, which
// Better Auth owns, so it is written through Better Auth's adapter.
import { auth } from "~/auth/auth.server";

/** Turns the task list's keyboard shortcuts on or off for every device the person uses. */
export async function setKeyboardShortcuts(userId: string, enabled: boolean): Promise<void> {
  const { internalAdapter } = await auth.$context;
  await internalAdapter.updateUser(userId, { keyboardShortcuts: enabled });
}
