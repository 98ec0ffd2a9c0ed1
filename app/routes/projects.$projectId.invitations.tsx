// A project's "Share" page (decision 109): invite an address with a role, and the pending
// invitations with Resend and Revoke. Admins and the owner only; other members are told so,
// non-members find nothing. Plain forms: the same with and without JavaScript. The Members
// page shows the same forms (decision 130).
import { data, Link } from "react-router";
import { requireUser } from "~/auth/session.server";
import { ProjectDot } from "~/projects/project-badge";
import { ProjectErrorBoundary } from "~/projects/project-not-found";
import { InsufficientRoleError } from "~/projects/project-access.server";
import { INVITATION_TTL_DAYS } from "~/projects/invitation-schema";
import { invitationFormAction } from "~/projects/invitation-form-action.server";
import { invitationsKey, InviteForm, PendingInvitationList } from "~/projects/invitation-forms";
import { listInvitations } from "~/projects/invitations.server";
import { getProjectForUser } from "~/projects/projects.server";
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
  return invitationFormAction(user.id, params.projectId, formData, `/projects/${params.projectId}/invitations`);
}

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
            <InviteForm key={invitationsKey(invitations)} action={action} lastResult={actionData} />
          </section>
          <section aria-labelledby="pending-heading" className="space-y-3">
            <h2 id="pending-heading" className="font-medium">
              Pending invitations
            </h2>
            <PendingInvitationList action={action} invitations={invitations} />
          </section>
        </>
      )}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <ProjectErrorBoundary error={error} />;
}
