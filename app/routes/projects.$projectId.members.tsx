// A project's members (decision 095): who they are and their roles; admins change roles below
// owner and remove members, the owner hands the project over, a member leaves. Plain forms, one
// action: it works without JavaScript. Admins also invite here and see the pending invitations,
// the same forms as the Share page's (decision 130).
import { parseWithZod } from "@conform-to/zod/v4";
import { data, Form } from "react-router";
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import {
  ASSIGNABLE_ROLES,
  HandOverFormSchema,
  MemberRemoveFormSchema,
  MemberRoleFormSchema,
  PROJECT_MEMBERS_MAX,
  ROLE_HINTS,
  ROLE_LABELS,
} from "~/projects/member-schema";
import {
  changeMemberRole,
  handOverProject,
  listProjectMembers,
  MemberNotFoundError,
  MembershipConflictError,
  removeProjectMember,
} from "~/projects/members.server";
import { ProjectPageHeader } from "~/projects/project-page-header";
import { INVITATION_TTL_DAYS } from "~/projects/invitation-schema";
import { invitationFormAction, isInvitationIntent } from "~/projects/invitation-form-action.server";
import { invitationsKey, InviteForm, PendingInvitationList } from "~/projects/invitation-forms";
import { listInvitations } from "~/projects/invitations.server";
import { InsufficientRoleError, roleGrants } from "~/projects/project-access.server";
import type { AssignableRole } from "~/projects/member-schema";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { getProjectForUser, ProjectNameTakenError } from "~/projects/projects.server";
import { refusingByRole } from "~/projects/role-refusal.server";
import { buttonClass } from "~/ui/button";
import { FormErrors, inputClass } from "~/ui/field";
import type { Route } from "./+types/projects.$projectId.members";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Members of ${loaderData.project.name} · Tasklane` : "Project not found · Tasklane" },
];

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const [project, members] = await Promise.all([
    getProjectForUser(user.id, params.projectId),
    listProjectMembers(user.id, params.projectId),
  ]);
  if (!project || !members) throw data("Project not found", { status: 404 });
  const { id, name, color, inbox, role } = project;
  // Decided here: the page's component cannot import the server's rule.
  const admin = roleGrants(role, "admin");
  return {
    project: { id, name, color, inbox, role },
    admin,
    invitations: admin && !inbox ? await pendingInvitations(user.id, id) : [],
    members: members.map(({ createdAt: _createdAt, ...member }) => member),
    me: user.id,
  };
}

/** The pending invitations for an admin; none if their role was lowered since the read above. */
async function pendingInvitations(userId: string, projectId: string) {
  try {
    return (await listInvitations(userId, projectId)) ?? [];
  } catch (error) {
    if (error instanceof InsufficientRoleError) return [];
    throw error;
  }
}

export async function action(args: Route.ActionArgs) {
  return refusingByRole(() => membersAction(args));
}

async function membersAction({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const page = `/projects/${params.projectId}/members`;
  const intent = formData.get("intent");
  if (isInvitationIntent(intent)) return invitationFormAction(user.id, params.projectId, formData, page);
  const schema =
    intent === "role" ? MemberRoleFormSchema : intent === "handover" ? HandOverFormSchema : MemberRemoveFormSchema;
  if (intent !== "role" && intent !== "remove" && intent !== "leave" && intent !== "handover")
    throw data("Unknown intent", { status: 400 });
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { userId } = submission.value;
  try {
    switch (intent) {
      case "role": {
        const { role } = submission.value as unknown as { role: AssignableRole };
        const member = await changeMemberRole(user.id, params.projectId, userId, role);
        if (!member) throw data("Project not found", { status: 404 });
        return replaceWithFlash(page, {
          kind: "success",
          message: `${member.name} is now ${ROLE_LABELS[role].toLowerCase()}`,
        });
      }
      case "remove":
      case "leave": {
        // Leaving is removing oneself: the form names the person, the domain tells them apart.
        const member = await removeProjectMember(user.id, params.projectId, intent === "leave" ? user.id : userId);
        if (!member) throw data("Project not found", { status: 404 });
        if (intent === "leave") return replaceWithFlash("/tasks", { kind: "success", message: "You left the project" });
        return replaceWithFlash(page, { kind: "success", message: `${member.name} was removed from the project` });
      }
      case "handover": {
        const member = await handOverProject(user.id, params.projectId, userId);
        if (!member) throw data("Project not found", { status: 404 });
        return replaceWithFlash(page, { kind: "success", message: `${member.name} now owns the project` });
      }
    }
  } catch (error) {
    if (
      error instanceof MemberNotFoundError ||
      error instanceof MembershipConflictError ||
      error instanceof ProjectNameTakenError
    ) {
      const message =
        error instanceof ProjectNameTakenError
          ? "The new owner already has a project of this name: rename it first"
          : error instanceof MemberNotFoundError
            ? "That person is no longer a member of this project"
            : error.message;
      return data(submission.reply({ formErrors: [message] }), {
        status: error instanceof MemberNotFoundError ? 404 : 409,
      });
    }
    throw error;
  }
}

export default function ProjectMembersPage({ loaderData, actionData }: Route.ComponentProps) {
  const { project, members, me, admin, invitations } = loaderData;
  const page = `/projects/${project.id}/members`;
  const owner = project.role === "owner";
  const others = members.filter((member) => member.userId !== me);
  // The invite form's answer is its own (errors beside its fields); the rest are the members forms'.
  const inviteResult = actionData?.initialValue?.intent === "invite" ? actionData : undefined;
  const errors =
    actionData && !inviteResult && "error" in actionData ? Object.values(actionData.error ?? {}).flat() : undefined;
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <ProjectPageHeader project={project} title={`Members of ${project.name}`}>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
          You are {ROLE_LABELS[project.role].toLowerCase()} here. {members.length} of at most {PROJECT_MEMBERS_MAX}{" "}
          members.
        </p>
      </ProjectPageHeader>
      <FormErrors id="members-errors" errors={errors as string[] | undefined} />
      <ul className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:divide-slate-800 dark:bg-slate-900 dark:ring-slate-800">
        {members.map((member) => (
          <li key={member.userId} className="flex flex-wrap items-center justify-between gap-3 p-4">
            <div className="min-w-0">
              <p className="font-medium break-words">
                {member.name}
                {member.userId === me ? " (you)" : ""}
              </p>
              <p className="text-sm break-all text-slate-600 dark:text-slate-300">{member.email}</p>
              <p className="text-sm text-slate-600 dark:text-slate-300">
                <span data-testid="member-role">{ROLE_LABELS[member.role]}</span>: {ROLE_HINTS[member.role]}
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {admin && member.role !== "owner" ? (
                <Form method="post" action={page} className="flex items-center gap-2">
                  <input type="hidden" name="userId" value={member.userId} />
                  <label htmlFor={`role-${member.userId}`} className="sr-only">
                    Role of {member.name}
                  </label>
                  <select
                    id={`role-${member.userId}`}
                    name="role"
                    defaultValue={member.role}
                    className={`${inputClass} w-auto`}
                  >
                    {ASSIGNABLE_ROLES.map((role) => (
                      <option key={role} value={role}>
                        {ROLE_LABELS[role]}
                      </option>
                    ))}
                  </select>
                  <button type="submit" name="intent" value="role" className={buttonClass("secondary")}>
                    Change role
                  </button>
                </Form>
              ) : null}
              {member.userId === me && member.role !== "owner" ? (
                <Form method="post" action={page}>
                  <input type="hidden" name="userId" value={me} />
                  <button type="submit" name="intent" value="leave" className={buttonClass("danger")}>
                    Leave project
                  </button>
                </Form>
              ) : admin && member.role !== "owner" ? (
                <Form method="post" action={page}>
                  <input type="hidden" name="userId" value={member.userId} />
                  <button
                    type="submit"
                    name="intent"
                    value="remove"
                    className={buttonClass("danger")}
                    aria-label={`Remove ${member.name}`}
                  >
                    Remove
                  </button>
                </Form>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      <section id="invitations" aria-labelledby="invitations-heading" className="space-y-3">
        <h2 id="invitations-heading" className="font-medium">
          Invitations
        </h2>
        {project.inbox || !admin ? (
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {project.inbox
              ? "The Inbox is yours alone: it cannot be shared."
              : "Admins of this project invite new members."}
          </p>
        ) : (
          <>
            <div className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 dark:bg-slate-900 dark:ring-slate-800">
              <h3 className="font-medium">Invite someone</h3>
              <p className="text-sm text-slate-600 dark:text-slate-300">
                They get a mail with a link that works for {INVITATION_TTL_DAYS} days, once; they accept it signed in
                with that address (or after creating an account with it).
              </p>
              {/* A new key after each invitation sent (with JavaScript the page stays mounted): the form empties. */}
              <InviteForm key={invitationsKey(invitations)} action={page} lastResult={inviteResult} />
            </div>
            <h3 className="font-medium">Pending invitations</h3>
            <PendingInvitationList action={page} invitations={invitations} />
          </>
        )}
      </section>
      {owner && !project.inbox ? (
        <section
          aria-labelledby="handover-heading"
          className="space-y-3 rounded-lg p-4 ring-1 ring-slate-200 dark:ring-slate-800"
        >
          <h2 id="handover-heading" className="font-medium">
            Hand the project over
          </h2>
          {others.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-300">
              Only a member can become its owner: share the project first.
            </p>
          ) : (
            <Form method="post" action={page} className="flex flex-wrap items-end gap-2">
              <div>
                <label htmlFor="handover-member" className="block text-sm font-medium">
                  New owner
                </label>
                <select id="handover-member" name="userId" className={`${inputClass} w-auto`}>
                  {others.map((member) => (
                    <option key={member.userId} value={member.userId}>
                      {member.name} ({member.email})
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" name="intent" value="handover" className={buttonClass("secondary")}>
                Hand over
              </button>
              <p className="w-full text-sm text-slate-600 dark:text-slate-300">
                They become the owner; you stay on as an admin, and can then leave.
              </p>
            </Form>
          )}
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
