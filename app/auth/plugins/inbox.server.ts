// Every account has an Inbox project (issue 28): made as soon as Better Auth has written the
// user row, on every path that creates one (the sign-up form, /api/auth/sign-up/email, the
// JSON register endpoint). Better Auth runs a create.after hook once the row is stored (our
// adapter runs without transactions), so an Inbox that fails here is made on first need
// instead (ensureInbox: the task list's projects and a task created without a project).
import type { BetterAuthPlugin } from "better-auth";
import { ensureInbox } from "~/projects/projects.server";

export function inboxAtSignUp() {
  return {
    id: "inbox-at-sign-up",
    init() {
      return {
        options: {
          databaseHooks: {
            user: {
              create: {
                async after(user: { id: string }) {
                  await ensureInbox(user.id);
                },
              },
            },
          },
        },
      };
    },
  } satisfies BetterAuthPlugin;
}
