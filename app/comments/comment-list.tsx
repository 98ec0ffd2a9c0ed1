import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { useFetcher } from "react-router";
import { Button, buttonClass } from "~/ui/button";
import { TextareaField } from "~/ui/field";
import { useFetcherSettled } from "~/ui/use-fetcher-settled";
import {
  COMMENT_BODY_MAX,
  type CommentFailure,
  type CommentForPage,
  commentFormId,
  CommentFormSchema,
} from "./comment-schema";

const constraint = getZodConstraint(CommentFormSchema);
const validate = ({ formData }: { formData: FormData }) => parseWithZod(formData, { schema: CommentFormSchema });

/**
 * The task's comments, oldest first, and a field that adds one. Plain posts to the page's
 * action without JavaScript; with it, fetchers: no reload, a delete hides the comment at once,
 * a refusal stays next to its comment. `failure`: the page's action data after a plain post.
 */
export function CommentList({
  comments,
  back,
  failure,
}: {
  comments: readonly CommentForPage[];
  back: string;
  failure?: CommentFailure;
}) {
  return (
    <section
      id="comments"
      aria-labelledby="comments-heading"
      className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 dark:bg-slate-900 dark:ring-slate-800"
    >
      <h2 id="comments-heading" className="font-medium">
        Comments
      </h2>
      {comments.length > 0 ? (
        <ol className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="comment-list">
          {comments.map((comment) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              back={back}
              failure={failure?.form === commentFormId(comment.id) ? failure : undefined}
            />
          ))}
        </ol>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-300">No comments yet.</p>
      )}
      <AddCommentForm back={back} failure={failure?.form === commentFormId(null) ? failure : undefined} />
    </section>
  );
}

function CommentItem({ comment, back, failure }: { comment: CommentForPage; back: string; failure?: CommentFailure }) {
  const formId = commentFormId(comment.id);
  const fetcher = useFetcher<CommentFailure>({ key: formId });
  const remover = useFetcher<CommentFailure>({ key: `${formId}-delete` });
  const reply = fetcher.data ?? failure;
  const [form, fields] = useForm({
    id: formId,
    lastResult: reply?.result,
    constraint,
    defaultValue: { body: comment.body },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: validate,
  });
  // Hidden while its delete is on its way; back if it fails.
  if (remover.state !== "idle") return null;
  const message = reply?.message ?? remover.data?.message;
  return (
    <li className="space-y-2 py-3" data-testid="comment" data-comment-id={comment.id}>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        <span className="font-medium text-slate-900 dark:text-slate-100">{comment.authorName}</span>
        {" · "}
        <time dateTime={comment.createdAt}>{comment.when}</time>
        {comment.edited ? " · edited" : null}
      </p>
      <p className="text-sm break-words whitespace-pre-wrap" data-testid="comment-body">
        {comment.body}
      </p>
      {message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      ) : null}
      <div className="flex flex-wrap items-start gap-2">
        {comment.canEdit ? (
          <details className="min-w-0 flex-1" open={Boolean(reply?.result)}>
            <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300">
              Edit<span className="sr-only"> comment by {comment.authorName}</span>
            </summary>
            <fetcher.Form method="post" preventScrollReset {...getFormProps(form)} className="mt-2 space-y-2">
              <input type="hidden" name="intent" value="comment-edit" />
              <input type="hidden" name="commentId" value={comment.id} />
              <input type="hidden" name="back" value={back} />
              <TextareaField meta={fields.body} label="Comment" maxLength={COMMENT_BODY_MAX} rows={3} />
              <Button type="submit" variant="secondary" pending={fetcher.state !== "idle"}>
                Save comment
              </Button>
            </fetcher.Form>
          </details>
        ) : null}
        {comment.canDelete ? (
          <remover.Form method="post" preventScrollReset className="ml-auto">
            <input type="hidden" name="intent" value="comment-delete" />
            <input type="hidden" name="commentId" value={comment.id} />
            <input type="hidden" name="back" value={back} />
            <button type="submit" className={buttonClass("ghost", "px-2 py-1 text-sm")}>
              Delete<span className="sr-only"> comment by {comment.authorName}</span>
            </button>
          </remover.Form>
        ) : null}
      </div>
    </li>
  );
}

function AddCommentForm({ back, failure }: { back: string; failure?: CommentFailure }) {
  const formId = commentFormId(null);
  const fetcher = useFetcher<CommentFailure>({ key: formId });
  const [form, fields] = useForm({
    id: formId,
    lastResult: fetcher.data?.result ?? failure?.result,
    constraint,
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: validate,
  });
  // Added (a redirect, no reply): an empty field for the next one.
  useFetcherSettled(fetcher, (settled) => {
    if (settled === undefined) form.reset();
  });
  return (
    <fetcher.Form method="post" preventScrollReset {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="comment-add" />
      <input type="hidden" name="back" value={back} />
      <TextareaField meta={fields.body} label="New comment" maxLength={COMMENT_BODY_MAX} rows={3} />
      {(fetcher.data?.message ?? failure?.message) ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {fetcher.data?.message ?? failure?.message}
        </p>
      ) : null}
      <Button type="submit" pending={fetcher.state !== "idle"}>
        Comment
      </Button>
    </fetcher.Form>
  );
}
