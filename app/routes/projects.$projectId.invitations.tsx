// A project's "Share" page (decision 109): invite an address with a role, and the pending
// invitations with Resend and Revoke. Admins and the owner only; other members are told so,
// non-members find nothing. Plain forms: the same with and without JavaScript.
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link, useNavigation } from "react-router";
import { requireUser } from "~/auth/session.server";
import { replaceWithFlash } from "~/flash.server";
import { ProjectDot } from "~/projects/project-badge";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { InsufficientRoleError } from "~/projects/project-access.server";
import { roleRefusal } from "~/projects/role-refusal.server";
import {
  INVITATION_ROLE_LABELS,
  INVITATION_ROLES,
  INVITATION_TTL_DAYS,
  InvitationFormSchema,
} from "~/projects/invitation-schema";
import {
  AlreadyMemberError,
  InboxNotShareableError,
  inviteToProject,
  listInvitations,
  MemberLimitError,
  resendInvitation,
  revokeInvitation,
  TooManyInvitationsError,
} from "~/projects/invitations.server";
import { getProjectForUser } from "~/projects/projects.server";
import { Button, buttonClass } from "~/ui/button";
import { FieldErrors, FormErrors, InputField, inputClass, labelClass } from "~/ui/field";
import { cx } from "~/ui/cx";
import type { Route } from "./+types/projects.$projectId.invitations";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Share “${loaderData.project.name}” · Tasklane` : "Project not found · Tasklane" },
];

const notFound = () => data("Project not found", { status: 404 });

export async function loader({ request, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const found = await getProjectForUser(user.id, params.projectId);
  if (!found) throw notFound();
  const project = { id: found.id, name: found.name, color: found.color, inbox: found.inbox };
  try {
    const invitations = await listInvitations(user.id, params.projectId);
    if (!invitations) throw notFound();
    return { project, invitations, refusal: null };
  } catch (error) {
    if (!(error instanceof InsufficientRoleError)) throw error;
    return data({ project, invitations: [], refusal: error.message }, { status: 403 });
  }
}

export async function action({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  const page = `/projects/${params.projectId}/invitations`;
  // Only for the answer: a non-member's post gets the page's 404 (the functions below scope by membership themselves).
  if (!(await getProjectForUser(user.id, params.projectId))) throw notFound();
  try {
    switch (formData.get("intent")) {
      case "invite":
        return await invite(user.id, params.projectId, formData, page);
      case "resend":
      case "revoke": {
        const id = String(formData.get("invitationId") ?? "");
        const done =
          formData.get("intent") === "resend"
            ? await resendInvitation(user.id, params.projectId, id)
            : await revokeInvitation(user.id, params.projectId, id);
        if (!done) return replaceWithFlash(page, { kind: "error", message: "That invitation is no longer pending." });
        return replaceWithFlash(page, {
          kind: "success",
          message:
            done === true ? "Invitation revoked: its link no longer works" : `Invitation sent again to ${done.email}`,
        });
      }
      default:
        throw data("Unknown intent", { status: 400 });
    }
  } catch (error) {
    // A member below admin: the reason, with the status every other refused form answers (403).
    if (error instanceof InsufficientRoleError) throw roleRefusal(error);
    if (error instanceof TooManyInvitationsError)
      return replaceWithFlash(page, { kind: "error", message: error.message });
    throw error;
  }
}

/** The invite form: errors beside its fields (400), else back to the page with a toast. */
async function invite(userId: string, projectId: string, formData: FormData, page: string) {
  const submission = parseWithZod(formData, { schema: InvitationFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const invitation = await inviteToProject(userId, projectId, submission.value);
    if (!invitation) throw notFound();
    return replaceWithFlash(page, {
      kind: "success",
      message: `Invitation sent to ${invitation.email} (${invitation.role})`,
    });
  } catch (error) {
    if (error instanceof AlreadyMemberError) {
      return data(submission.reply({ fieldErrors: { email: [error.message] } }), { status: 400 });
    }
    if (error instanceof MemberLimitError || error instanceof InboxNotShareableError) {
      return data(submission.reply({ formErrors: [error.message] }), { status: 409 });
    }
    throw error;
  }
}

const inviteConstraint = getZodConstraint(InvitationFormSchema);

function InviteForm({ action, lastResult }: { action: string; lastResult: Route.ComponentProps["actionData"] }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "invite",
    lastResult: navigation.state === "idle" ? lastResult : undefined,
    constraint: inviteConstraint,
    defaultValue: { role: "editor" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvitationFormSchema }),
  });
  const roleProps = getSelectProps(fields.role);
  return (
    <Form method="post" action={action} {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="invite" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="flex flex-wrap items-start gap-3">
        <InputField
          meta={fields.email}
          label="Email address"
          type="email"
          autoComplete="off"
          className="min-w-0 flex-1 basis-56"
        />
        <div>
          <label htmlFor={fields.role.id} className={labelClass}>
            Role
          </label>
          <select {...roleProps} key={roleProps.key} className={cx(inputClass, "mt-1.5 w-36")}>
            {INVITATION_ROLES.map((role) => (
              <option key={role} value={role}>
                {role[0]!.toUpperCase() + role.slice(1)}
              </option>
            ))}
          </select>
          <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
        </div>
      </div>
      <ul className="space-y-0.5 text-sm text-slate-600 dark:text-slate-300">
        {INVITATION_ROLES.map((role) => (
          <li key={role}>{INVITATION_ROLE_LABELS[role]}</li>
        ))}
      </ul>
      <div className="flex justify-end">
        <Button
          type="submit"
          pending={navigation.state === "submitting" && navigation.formData?.get("intent") === "invite"}
        >
          Send invitation
        </Button>
      </div>
    </Form>
  );
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default function ShareProjectPage({ loaderData, actionData }: Route.ComponentProps) {
  const { project, invitations, refusal } = loaderData;
  const page = `/projects/${project.id}`;
  const action = `${page}/invitations`;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to={page} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Back to {project.name}
        </Link>
        <h1 className="mt-2 flex items-center gap-2 text-2xl font-semibold tracking-tight break-words">
          <ProjectDot color={project.color} className="size-3" />
          Share “{project.name}”
        </h1>
      </div>
      {refusal ? (
        <p role="alert" className="rounded-lg bg-amber-50 p-4 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {refusal}: ask one of them to invite people.
        </p>
      ) : project.inbox ? (
        <p className="text-slate-700 dark:text-slate-300">
          The Inbox is yours alone: it cannot be shared. Create a project to work on with others.
        </p>
      ) : (
        <>
          <section
            aria-labelledby="invite-heading"
            className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 dark:bg-slate-900 dark:ring-slate-800"
          >
            <h2 id="invite-heading" className="font-medium">
              Invite someone
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-300">
              They get a mail with a link that works for {INVITATION_TTL_DAYS} days, once; they accept it signed in with
              that address (or after creating an account with it).
            </p>
            {/* A new key after each invitation sent (with JavaScript the page stays mounted): the form empties. */}
            <InviteForm
              key={invitations.map((invitation) => `${invitation.id}@${String(invitation.expiresAt)}`).join()}
              action={action}
              lastResult={actionData}
            />
          </section>
          <section aria-labelledby="pending-heading" className="space-y-3">
            <h2 id="pending-heading" className="font-medium">
              Pending invitations
            </h2>
            {invitations.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-300">None.</p>
            ) : (
              <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
                {invitations.map((invitation) => (
                  <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 p-3">
                    <div className="min-w-0">
                      <p className="font-medium break-all">{invitation.email}</p>
                      <p className="text-sm text-slate-600 dark:text-slate-300">
                        {invitation.role}, invited by {invitation.invitedBy} ·{" "}
                        {invitation.expired ? (
                          <strong className="text-amber-700 dark:text-amber-300">expired</strong>
                        ) : (
                          `until ${dateFormat.format(new Date(invitation.expiresAt))}`
                        )}
                      </p>
                    </div>
                    <Form method="post" action={action} className="flex gap-2">
                      <input type="hidden" name="invitationId" value={invitation.id} />
                      <button
                        type="submit"
                        name="intent"
                        value="resend"
                        className={buttonClass("secondary")}
                        aria-label={`Resend the invitation to ${invitation.email}`}
                      >
                        Resend
                      </button>
                      <button
                        type="submit"
                        name="intent"
                        value="revoke"
                        className={buttonClass("danger")}
                        aria-label={`Revoke the invitation to ${invitation.email}`}
                      >
                        Revoke
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
