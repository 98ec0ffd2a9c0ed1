import type { ReactNode } from "react";
import { Link } from "react-router";
import type { LabelColor } from "~/labels/label-colors";
import { ProjectDot } from "~/projects/project-badge";

/** The top of a project's own pages (members, activity, calendar feed): back to its list, then the title. */
export function ProjectPageHeader({
  project,
  title,
  children,
}: {
  project: { id: string; name: string; color: LabelColor };
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div>
      <Link
        to={`/projects/${project.id}`}
        className="text-sm font-medium text-indigo-700 hover:underline dark:text-indigo-300"
      >
        ← Back to {project.name}
      </Link>
      <h1 className="mt-2 flex min-w-0 items-center gap-2 text-2xl font-semibold tracking-tight break-words">
        <ProjectDot color={project.color} className="size-3" />
        {title}
      </h1>
      {children}
    </div>
  );
}
