// What an export reads: the projects the person owns (or the one project asked for), their
// labels, and the tasks of those projects a page at a time, so 10,000 tasks never sit in
// memory at once (the route streams each page out before the next is read).
import { and, asc, eq, gt, inArray, or } from "drizzle-orm";
import { db } from "~/db.server";
import { listLabelsForUser } from "~/labels/labels.server";
import type { Label } from "~/labels/label-schema";
import { projectsOwnedBy } from "~/projects/project-access.server";
import type { Project } from "~/projects/project-schema";
import { getProjectForUser, listProjectsForUser } from "~/projects/projects.server";
import { project, task } from "../../../db/schema";
import { type Task, taskColumns } from "../tasks.server";

export const EXPORT_PAGE_SIZE = 1000;

export interface ExportScope {
  projects: Project[];
  labels: Label[];
}

/**
 * Everything the person owns (their projects, archived ones too, and labels), or with
 * `projectId` that project alone (any project they may see); null when there is no such project.
 */
export async function exportScopeFor(userId: string, projectId?: string): Promise<ExportScope | null> {
  const labels = await listLabelsForUser(userId);
  if (projectId !== undefined) {
    const one = await getProjectForUser(userId, projectId);
    return one && { projects: [one], labels };
  }
  const [listed, archived, owned] = await Promise.all([
    listProjectsForUser(userId),
    listProjectsForUser(userId, { archived: true }),
    db.select({ id: project.id }).from(project).where(projectsOwnedBy(userId)),
  ]);
  const ownIds = new Set(owned.map((row) => row.id));
  return { projects: [...listed, ...archived].filter((each) => ownIds.has(each.id)), labels };
}

/** The tasks of the scope's projects, oldest first, a page at a time. */
export async function* exportedTasks(scope: ExportScope): AsyncGenerator<Task[]> {
  const projectIds = scope.projects.map((each) => each.id);
  if (projectIds.length === 0) return;
  let after: Pick<Task, "createdAt" | "id"> | null = null;
  for (;;) {
    const page: Task[] = await db
      .select(taskColumns)
      .from(task)
      .where(
        and(
          inArray(task.projectId, projectIds),
          after
            ? or(gt(task.createdAt, after.createdAt), and(eq(task.createdAt, after.createdAt), gt(task.id, after.id)))
            : undefined,
        ),
      )
      .orderBy(asc(task.createdAt), asc(task.id))
      .limit(EXPORT_PAGE_SIZE);
    if (page.length > 0) yield page;
    if (page.length < EXPORT_PAGE_SIZE) return;
    after = page.at(-1)!;
  }
}
