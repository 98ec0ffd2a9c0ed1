// The list page's loader and action, shared by /tasks (every task of the unarchived projects)
// and /projects/:projectId (one project's tasks): the routes only say which tasks they show.
import { parseWithZod } from "@conform-to/zod/v4";
import { refusingByRole } from "~/projects/role-refusal.server";
import { InsufficientRoleError } from "~/projects/project-access.server";
import { data } from "react-router";
import { type Flash, replaceWithFlash } from "~/flash.server";
import { labelColorsOnTasks } from "~/labels/labels.server";
import { chosenLabels, UnknownLabelError } from "~/labels/task-labels.server";
import { ProjectNotFoundError } from "~/projects/projects.server";
import { bulkFormAction } from "~/tasks/bulk/bulk-form-action.server";
import type { CreateTaskFailure } from "~/tasks/create-task-form";
import { todayFor } from "~/tasks/due-date";
import { toTaskForPage } from "~/tasks/task-for-page";
import { TaskFormSchema } from "~/tasks/task-schema";
import { remindersFromForm } from "~/reminders/reminder-schema";
import type { QuickAdd } from "~/tasks/quick-add";
import { QuickAddError, quickAddInput } from "~/tasks/quick-add.server";
import { repeatFromForm, takeRepeatValues } from "~/tasks/repeat-rule";
import {
  AssigneeNotMemberError,
  createTaskForUser,
  deleteTaskForUser,
  RepeatNeedsDueDateError,
  setTaskCompletion,
} from "~/tasks/tasks.server";
import { accountTimeZone, DEFAULT_TIME_ZONE } from "~/tasks/time-zone";
import { readTaskListQuery, type TaskListQuery, type TaskView, VIEW_MATCHING_MAX } from "./task-list-query";
import { listTasksForUser, summarizeTasksForUser, taskMatchesQuery } from "./task-list.server";
import { hasChosenFilters, readPage, taskListHref, taskListPath, TASKS_PER_PAGE } from "./task-list-url";
import type { TaskRowFailure } from "./task-row";

interface ListOwner {
  id: string;
  keyboardShortcuts: boolean;
  timeZone?: string | null;
}

/**
 * The list as the URL asks for it, within `project` when the page is one project's (the
 * caller has checked it is the person's), else across every unarchived project.
 */
export async function loadTaskListPage(
  request: Request,
  url: URL,
  user: ListOwner,
  project?: string,
  pageView?: TaskView,
) {
  const query: TaskListQuery = { ...readTaskListQuery(url.searchParams), project };
  // Today's and Upcoming's own pages: soonest first unless the person sorts otherwise.
  if (pageView) {
    query.view = pageView;
    if (!url.searchParams.has("sort")) query.sort = "due_date";
  }
  const reader = todayFor(accountTimeZone(user));
  const requestedPage = readPage(url.searchParams);
  const listPage = (page: number) =>
    listTasksForUser(user.id, query, { limit: TASKS_PER_PAGE, offset: (page - 1) * TASKS_PER_PAGE, reader });
  // The first page (nearly every visit) needs no count first: read it alongside the summary.
  const [summary, firstPage] = await Promise.all([
    summarizeTasksForUser(user.id, query, reader),
    requestedPage === 1 ? listPage(1) : null,
  ]);
  // A view counts up to VIEW_MATCHING_MAX (decision 115): past it, the pages are known to go
  // on, not how far.
  const countedAll = summary.matching <= VIEW_MATCHING_MAX;
  const pageCount = Math.max(1, Math.ceil(Math.min(summary.matching, VIEW_MATCHING_MAX) / TASKS_PER_PAGE));
  // Past the end (the last task of a page was just deleted, an old bookmark): show the last page.
  const page = countedAll ? Math.min(requestedPage, pageCount) : requestedPage;
  const { tasks, nextCursor } = firstPage ?? (await listPage(page));
  // The badges' colours: the person's labels, and other members' labels on this page's shared tasks.
  const onPage = await labelColorsOnTasks(
    user.id,
    tasks.filter((each) => each.labels.length > 0).map((each) => each.id),
  );
  const own = new Set(summary.labels.map((each) => each.name));
  return {
    tasks: tasks.map(toTaskForPage),
    badgeLabels: [...summary.labels, ...onPage.filter((each) => !own.has(each.name))],
    view: { ...query, page },
    pageCount,
    countedAll,
    hasNextPage: countedAll ? page < pageCount : nextCursor !== null,
    counts: { pending: summary.pending, completed: summary.completed },
    // Of what is being viewed: the project, or every unarchived one.
    categories: summary.categories,
    labels: summary.labels,
    today: reader,
    keyboardShortcuts: user.keyboardShortcuts,
  };
}

export type TaskListPageData = Awaited<ReturnType<typeof loadTaskListPage>>;

// Fetcher submissions follow this action's redirects client-side: replaceWithFlash (React
// Router's `replace`) keeps Back from stepping through every toggle.
export async function taskListPageAction(...args: Parameters<typeof listPageAction>) {
  // A viewer's toggle or delete: a page that says why (create and bulk say it in place).
  return refusingByRole(() => listPageAction(...args));
}

async function listPageAction(
  request: Request,
  url: URL,
  userId: string,
  project?: string,
  timeZone: string = DEFAULT_TIME_ZONE,
  pageView?: TaskView,
) {
  const formData = await request.formData();
  const intent = formData.get("intent");
  // Back to the list as the user was looking at it: same filters, sort and page.
  const listUrl = `${url.pathname}${url.search}`;

  switch (intent) {
    case "create": {
      const submission = parseWithZod(formData, { schema: TaskFormSchema });
      if (submission.status !== "success") {
        return data({ intent, result: submission.reply() } satisfies CreateTaskFailure, { status: 400 });
      }
      const { newLabel, literal, reminders: reminderSlots, ...values } = submission.value;
      const [repeatValues, fields] = takeRepeatValues(values);
      const reminders = remindersFromForm(reminderSlots);
      if (typeof reminders === "string") {
        const result = submission.reply({ fieldErrors: { reminders: [reminders] } });
        return data({ intent, result } satisfies CreateTaskFailure, { status: 400 });
      }
      let created;
      let quickAdd: QuickAdd | undefined;
      try {
        // The title field is quick add: what it names wins over the options below it.
        const read = await quickAddInput(userId, fields.title, { literal, projectId: fields.projectId ?? project });
        quickAdd = read.parsed;
        const dueDate = read.parsed.dueDate ?? fields.dueDate;
        created = await createTaskForUser(userId, {
          ...fields,
          title: read.input.title,
          dueDate,
          dueTime: read.parsed.dueTime ?? fields.dueTime,
          priority: read.parsed.priority ?? fields.priority,
          timeZone,
          // The picker's choice, else the project being looked at, else (on /tasks) the Inbox.
          projectId: read.input.projectId,
          assigneeId: fields.assigneeId ?? null,
          labels: [...(await chosenLabels(userId, { labels: fields.labels, newLabel })), ...read.parsed.labels],
          repeat: read.parsed.repeat ?? repeatFromForm(repeatValues, dueDate),
          reminders,
        });
      } catch (error) {
        // A #project or @label the person does not have, a label or project deleted in another
        // tab since this form was shown (or not the person's), a repeat without a due date.
        const typed = (name: string) => quickAdd?.labels.some((label) => label.toLowerCase() === name.toLowerCase());
        const field =
          error instanceof QuickAddError
            ? "title"
            : error instanceof UnknownLabelError
              ? error.names.some(typed)
                ? "title"
                : "labels"
              : error instanceof ProjectNotFoundError || error instanceof InsufficientRoleError
                ? "projectId"
                : error instanceof AssigneeNotMemberError
                  ? "assigneeId"
                  : error instanceof RepeatNeedsDueDateError
                    ? "repeatFrequency"
                    : null;
        if (!field) throw error;
        const result = submission.reply({ fieldErrors: { [field]: [(error as Error).message] } });
        return data({ intent, result } satisfies CreateTaskFailure, { status: 400 });
      }
      // Page 1, where a new task shows first in the default order.
      const view = { ...readTaskListQuery(url.searchParams), project, page: 1 };
      if (pageView) view.view = pageView;
      if (project && created.projectId !== project) {
        // The picker sent it elsewhere: say so, and offer the way there.
        return replaceWithFlash(taskListHref(view), {
          kind: "success",
          message: "Task created in another project",
          action: { label: "Open that project", href: taskListPath(created.projectId) },
        });
      }
      // The view stays as the user chose it; if it hides the new task, the toast says so
      // and offers the way out, rather than a "created" with nothing to see.
      const hidden =
        (hasChosenFilters(view) || pageView !== undefined) &&
        !(await taskMatchesQuery(userId, created.id, view, todayFor(timeZone)));
      const flash: Flash = hidden
        ? {
            kind: "success",
            message: "Task created. The current filters hide it.",
            action: { label: "Clear filters", href: taskListPath(project) },
          }
        : { kind: "success", message: "Task created" };
      return replaceWithFlash(taskListHref(view), flash);
    }
    case "toggle": {
      const taskId = String(formData.get("taskId") ?? "");
      const completed = formData.get("completed");
      if (completed !== "true" && completed !== "false") throw data("completed must be true or false", { status: 400 });
      const task = await setTaskCompletion(userId, taskId, completed === "true");
      if (!task) return taskGone(intent, taskId);
      const message = task.completed ? "Task completed" : "Task reopened";
      return replaceWithFlash(listUrl, { kind: "success", message });
    }
    case "delete": {
      const taskId = String(formData.get("taskId") ?? "");
      const task = await deleteTaskForUser(userId, taskId);
      if (!task) return taskGone(intent, taskId);
      return replaceWithFlash(listUrl, { kind: "success", message: "Task deleted" });
    }
    case "bulk":
      return bulkFormAction(userId, formData, listUrl);
    default:
      throw data("Unknown intent", { status: 400 });
  }
}

/** The same answer for a task that never existed and one that belongs to someone else. */
function taskGone(intent: TaskRowFailure["intent"], taskId: string) {
  const message = "That task no longer exists. It may have been deleted in another tab.";
  return data({ intent, taskId, message } satisfies TaskRowFailure, { status: 404 });
}
