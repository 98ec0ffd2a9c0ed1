import { parseWithZod } from "@conform-to/zod/v4";
import { data, Link, useRouteLoaderData, useSubmit } from "react-router";
import { requireUser } from "~/auth/session.server";
import { commentFormAction } from "~/comments/comment-form-action.server";
import { CommentList } from "~/comments/comment-list";
import { isCommentIntent } from "~/comments/comment-schema";
import { listTaskComments } from "~/comments/comments.server";
import { toCommentsForPage } from "~/comments/comments-for-page.server";
import { listLabelsForUser } from "~/labels/labels.server";
import { chosenLabels, UnknownLabelError } from "~/labels/task-labels.server";
import { toProjectForPage } from "~/projects/project-for-page";
import { getProjectForUser, ProjectNotFoundError } from "~/projects/projects.server";
import { replaceWithFlash } from "~/flash.server";
import { DeleteTaskButton } from "~/tasks/delete-task-button";
import { EditTaskForm } from "~/tasks/edit-task-form";
import { ReminderHistory } from "~/tasks/reminder-history";
import { safeTaskListHref, withBack } from "~/tasks/list/task-list-url";
import { stepFormAction } from "~/tasks/steps/step-form-action.server";
import { isStepIntent } from "~/tasks/steps/step-schema";
import { StepList } from "~/tasks/steps/step-list";
import { TaskErrorBoundary } from "~/tasks/task-not-found";
import { TaskFormSchema } from "~/tasks/task-schema";
import { remindersFromForm } from "~/reminders/reminder-schema";
import { remindersOfTask } from "~/reminders/task-reminders.server";
import { accountTimeZone } from "~/tasks/time-zone";
import { toTaskForPage } from "~/tasks/task-for-page";
import { listCategoriesForUser } from "~/tasks/list/task-list.server";
import { repeatFromForm, takeRepeatValues } from "~/tasks/repeat-rule";
import {
  AssigneeNotMemberError,
  deleteTaskForUser,
  getTaskForUser,
  RepeatNeedsDueDateError,
  updateTaskForUser,
} from "~/tasks/tasks.server";
import { refusingByRole } from "~/projects/role-refusal.server";
import { roleGrants } from "~/projects/project-access.server";
import { listProjectMembers } from "~/projects/members.server";
import type { loader as appLoader } from "./_app";
import type { Route } from "./+types/tasks.$taskId";

export const meta: Route.MetaFunction = ({ loaderData }) => [
  { title: loaderData ? `Edit “${loaderData.task.title}” · Tasklane` : "Task not found · Tasklane" },
];

export async function loader({ request, url, params, context }: Route.LoaderArgs) {
  const { user } = await requireUser(request, context);
  const [task, categories, labels, comments] = await Promise.all([
    getTaskForUser(user.id, params.taskId),
    listCategoriesForUser(user.id),
    listLabelsForUser(user.id),
    listTaskComments(user.id, params.taskId),
  ]);
  if (!task) throw data("Task not found", { status: 404 });
  // Its project, for the picker when it is archived (the navigation's list leaves those out),
  // its members, whom it can be assigned to, and its reminders.
  const [project, members, reminders] = await Promise.all([
    getProjectForUser(user.id, task.projectId),
    listProjectMembers(user.id, task.projectId),
    remindersOfTask(task.id),
  ]);
  // Labels another member put on it stay ticked in the picker (decision 096), in the neutral colour.
  const others = task.labels
    .filter((name) => !labels.some((own) => own.name.toLowerCase() === name.toLowerCase()))
    .map((name) => ({ id: `on-task:${name}`, name, color: "gray" as const }));
  return {
    task: toTaskForPage(task),
    reminders: reminders.map((reminder) => ({
      ...reminder,
      at: reminder.at && new Date(reminder.at).toISOString(),
      sendAt: reminder.sendAt && new Date(reminder.sendAt).toISOString(),
      sentAt: reminder.sentAt && new Date(reminder.sentAt).toISOString(),
    })),
    project: project && toProjectForPage(project),
    steps: task.steps,
    comments: toCommentsForPage(comments ?? [], accountTimeZone(user)),
    categories,
    labels: [...labels, ...others],
    assignees: (members ?? []).map((member) => ({ value: member.userId, label: member.name })),
    canEdit: roleGrants(project?.role, "edit"),
    back: safeTaskListHref(url.searchParams.get("back")),
    timeZone: accountTimeZone(user),
  };
}

export async function action(args: Route.ActionArgs) {
  // A viewer's post (a page shown before their role was lowered, say): a page that says why.
  return refusingByRole(() => taskAction(args));
}

async function taskAction({ request, params, context }: Route.ActionArgs) {
  const { user } = await requireUser(request, context);
  const formData = await request.formData();
  // Back to the list as the user left it: same search, filters, sort and page.
  const back = safeTaskListHref(formData.get("back"));
  const intent = formData.get("intent");
  if (isStepIntent(intent)) {
    return stepFormAction(user.id, params.taskId, intent, formData, withBack(`/tasks/${params.taskId}`, back));
  }
  if (isCommentIntent(intent)) {
    return commentFormAction(user.id, params.taskId, formData, withBack(`/tasks/${params.taskId}`, back));
  }
  switch (intent) {
    case "update": {
      const submission = parseWithZod(formData, { schema: TaskFormSchema });
      if (submission.status !== "success") return data(submission.reply(), { status: 400 });
      const { newLabel, literal: _literal, reminders: reminderSlots, ...values } = submission.value;
      const [repeatValues, fields] = takeRepeatValues(values);
      const reminders = remindersFromForm(reminderSlots);
      if (typeof reminders === "string")
        return data(submission.reply({ fieldErrors: { reminders: [reminders] } }), { status: 400 });
      let task;
      try {
        task = await updateTaskForUser(user.id, params.taskId, {
          ...fields,
          timeZone: accountTimeZone(user),
          labels: await chosenLabels(user.id, { labels: fields.labels, newLabel }),
          assigneeId: fields.assigneeId ?? null,
          repeat: repeatFromForm(repeatValues, fields.dueDate),
          reminders,
        });
      } catch (error) {
        // A label or project deleted in another tab since this form was shown (or not the
        // person's), or a repeat without a due date.
        const field =
          error instanceof UnknownLabelError
            ? "labels"
            : error instanceof ProjectNotFoundError
              ? "projectId"
              : error instanceof RepeatNeedsDueDateError
                ? "repeatFrequency"
                : error instanceof AssigneeNotMemberError
                  ? "assigneeId"
                  : null;
        if (!field) throw error;
        return data(submission.reply({ fieldErrors: { [field]: [(error as Error).message] } }), { status: 400 });
      }
      if (!task) throw data("Task not found", { status: 404 });
      // With JavaScript the redirect replaces the edit page's history entry: Back after saving
      // (or deleting) must not reopen the form.
      return replaceWithFlash(back, { kind: "success", message: "Task updated" });
    }
    case "delete": {
      const task = await deleteTaskForUser(user.id, params.taskId);
      if (!task) throw data("Task not found", { status: 404 });
      return replaceWithFlash(back, { kind: "success", message: "Task deleted" });
    }
    default:
      throw data("Unknown intent", { status: 400 });
  }
}

const VIEWER_NOTE =
  "You can view this project's tasks but not change them: ask one of its admins to make you an editor.";

export default function EditTaskPage({ loaderData, actionData }: Route.ComponentProps) {
  const { task, steps, comments, project, categories, labels, back, assignees, canEdit } = loaderData;
  const submit = useSubmit();
  const unarchived = useRouteLoaderData<typeof appLoader>("routes/_app")?.projects ?? [];
  const projects =
    project && !unarchived.some((each) => each.id === project.id) ? [...unarchived, project] : unarchived;
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <div>
        <Link to={back} className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          ← Back to tasks
        </Link>
        <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words">Edit task</h1>
      </div>
      {canEdit ? null : (
        <p
          role="note"
          className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800"
        >
          {VIEWER_NOTE}
        </p>
      )}
      {/* Above the fields: after a plain post the page opens at its top, where the checklist is. */}
      <StepList
        key={task.id}
        taskId={task.id}
        steps={steps}
        back={back}
        failure={actionData && "form" in actionData && actionData.intent === "step" ? actionData : undefined}
        readOnly={!canEdit}
      />
      <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6 dark:bg-slate-900 dark:ring-slate-800">
        {/* Keyed by task: going from one task to another starts a fresh form. */}
        <EditTaskForm
          key={task.id}
          task={task}
          categories={categories}
          labels={labels}
          projects={projects}
          assignees={assignees}
          back={back}
          timeZone={loaderData.timeZone}
          reminders={loaderData.reminders}
          lastResult={actionData && !("form" in actionData) ? actionData : undefined}
          readOnlyReason={canEdit ? undefined : "Read only: you are a viewer of this project."}
        />
      </div>
      <ReminderHistory reminders={loaderData.reminders} timeZone={loaderData.timeZone} />
      <CommentList
        comments={comments}
        back={back}
        failure={actionData && "form" in actionData && actionData.intent === "comment" ? actionData : undefined}
      />
      {/* Deleting needs an editor: a viewer is not offered it (the note above says why). */}
      {canEdit ? (
        <section
          aria-labelledby="danger-zone"
          className="flex flex-wrap items-center justify-between gap-3 rounded-lg p-4 ring-1 ring-red-200 dark:ring-red-900"
        >
          <div>
            <h2 id="danger-zone" className="font-medium">
              Delete this task
            </h2>
            <p className="text-sm text-slate-600 dark:text-slate-300">It is gone for good: there is no undo.</p>
          </div>
          <DeleteTaskButton
            taskTitle={task.title}
            confirmHref={withBack(`/tasks/${task.id}/delete`, back)}
            variant="danger"
            onConfirm={() => submit({ intent: "delete", back }, { method: "post" })}
          />
        </section>
      ) : null}
    </div>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return <TaskErrorBoundary error={error} />;
}
