// The invite form and the pending invitations (decisions 109, 130), shown on the Members page
// and on the Share page; plain forms posting to `action`, the same with and without JavaScript.
import { getFormProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form, useNavigation } from "react-router";
import { Button, buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { FieldErrors, FormErrors, InputField, inputClass, labelClass } from "~/ui/field";
import { INVITATION_ROLE_LABELS, INVITATION_ROLES, InvitationFormSchema } from "./invitation-schema";

const inviteConstraint = getZodConstraint(InvitationFormSchema);

export function InviteForm({ action, lastResult }: { action: string; lastResult?: SubmissionResult<string[]> }) {
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

export interface PendingInvitationView {
  id: string;
  email: string;
  role: string;
  invitedBy: string;
  expired: boolean;
  expiresAt: string | Date;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** A key that changes after each invitation sent: keyed by it, the invite form empties itself. */
export function invitationsKey(invitations: readonly PendingInvitationView[]) {
  return invitations.map((invitation) => `${invitation.id}@${String(invitation.expiresAt)}`).join();
}

export function PendingInvitationList({
  action,
  invitations,
}: {
  action: string;
  invitations: readonly PendingInvitationView[];
}) {
  if (invitations.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-300">None.</p>;
  return (
    <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800">
      {invitations.map((invitation) => (
        <li
          key={invitation.id}
          className="flex flex-wrap items-center justify-between gap-3 p-3"
          data-testid="pending-invitation"
        >
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
  );
}
