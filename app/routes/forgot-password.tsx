import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { data, Form, Link } from "react-router";
import { requestPasswordReset } from "~/auth/account.server";
import { AuthPage, textLinkClass } from "~/auth/components/auth-page";
import { Notice } from "~/auth/components/notice";
import { toAuthFailure } from "~/auth/failure.server";
import { ForgotPasswordSchema } from "~/auth/schemas";
import { authHeaders } from "~/auth/session.server";
import { requestMetaContext } from "~/request-context";
import { Button } from "~/ui/button";
import { FormErrors, InputField } from "~/ui/field";
import { usePendingSubmission } from "~/ui/use-pending";
import type { Route } from "./+types/forgot-password";

const forgotPasswordConstraint = getZodConstraint(ForgotPasswordSchema);

export const meta: Route.MetaFunction = () => [{ title: "Forgot your password? · Tasklane" }];

/** ?email= fills the field (the sign-up notice and the password-changed mail link here with it). */
export function loader({ request }: Route.LoaderArgs) {
  const email = ForgotPasswordSchema.shape.email.safeParse(new URL(request.url).searchParams.get("email") ?? undefined);
  return { email: email.success ? email.data : undefined };
}

export async function action({ request, context }: Route.ActionArgs) {
  const submission = parseWithZod(await request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sentTo: null }, { status: 400 });
  try {
    await requestPasswordReset(authHeaders(request, context), submission.value.email);
  } catch (error) {
    const failure = toAuthFailure(error, context.get(requestMetaContext).requestId);
    return data(
      { result: submission.reply({ formErrors: [failure.message] }), sentTo: null },
      { status: failure.status },
    );
  }
  // The same answer whether or not the address has an account.
  return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email };
}

export default function ForgotPassword({ loaderData, actionData }: Route.ComponentProps) {
  const [form, fields] = useForm({
    id: "forgot-password",
    lastResult: actionData?.result,
    constraint: forgotPasswordConstraint,
    defaultValue: { email: loaderData.email },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  });
  const pending = usePendingSubmission();

  return (
    <AuthPage
      title="Forgot your password?"
      intro="Enter the address you signed up with and we will email you a link to choose a new one."
      footer={
        <>
          Remembered it?{" "}
          <Link to="/sign-in" className={textLinkClass}>
            Sign in
          </Link>
        </>
      }
    >
      {actionData?.sentTo ? (
        <Notice title="Check your inbox">
          <p>
            If an account uses <strong>{actionData.sentTo}</strong>, we have sent it a link to reset the password. It
            works for one hour.
          </p>
          <p>Nothing after a few minutes? Check your spam folder, or send the form again.</p>
        </Notice>
      ) : null}
      <Form method="post" {...getFormProps(form)} className={actionData?.sentTo ? "mt-6 space-y-5" : "space-y-5"}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <InputField meta={fields.email} label="Email" type="email" autoComplete="email" spellCheck={false} />
        <Button type="submit" pending={pending} className="w-full">
          {pending ? "Sending…" : actionData?.sentTo ? "Send another link" : "Email me a reset link"}
        </Button>
      </Form>
    </AuthPage>
  );
}
