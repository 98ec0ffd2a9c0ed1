import { useState } from "react";
import { Form, Link, useSubmit } from "react-router";
import { buttonClass } from "~/ui/button";
import { cx } from "~/ui/cx";
import { useHydrated } from "~/ui/use-hydrated";
import { ProjectDot } from "./project-badge";
import type { ProjectForPage } from "./project-for-page";

const smallButton = buttonClass("ghost", "px-2 py-1");

/**
 * The person's projects in their order, each with its plain forms: move up or down, favourite,
 * and a link to its settings (or, archived, Unarchive and Delete). The same without JavaScript;
 * with it, a project can also be dragged onto another's place (the buttons stay, for keyboards).
 */
export function ProjectList({ projects, back }: { projects: readonly ProjectForPage[]; back: string }) {
  // Only the person's own projects have a place in their order (shared ones follow, A to Z):
  // a shared project offers no move buttons, and is no drop target (decision 095).
  const movable = projects.filter((project) => !project.inbox && !project.archived && project.role === "owner");
  const hydrated = useHydrated();
  const submit = useSubmit();
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const dropOn = (target: ProjectForPage) => {
    const from = movable.findIndex((project) => project.id === dragged);
    const to = movable.indexOf(target);
    if (from < 0 || to < 0 || from === to) return;
    // Dragged down it lands after the project dropped on, dragged up before it.
    const side = from < to ? "after" : "before";
    void submit(
      { intent: "place", [side]: target.id, back },
      { method: "post", action: `/projects/${dragged}/edit`, preventScrollReset: true },
    );
  };
  return (
    <ul
      aria-label={back === "/projects/archived" ? "Archived projects" : "Your projects"}
      className="divide-y divide-slate-200 rounded-lg bg-white shadow-sm ring-1 ring-slate-200 dark:divide-slate-800 dark:bg-slate-900 dark:ring-slate-800"
    >
      {projects.map((project) => {
        const index = movable.indexOf(project);
        const action = `/projects/${project.id}/edit`;
        return (
          <li
            key={project.id}
            className={cx(
              "flex flex-wrap items-center gap-x-3 gap-y-2 px-4 py-3",
              index >= 0 && hydrated && "cursor-grab",
              over === project.id && dragged !== project.id && "bg-indigo-50 dark:bg-slate-800",
            )}
            data-testid="project-row"
            draggable={index >= 0 && hydrated ? true : undefined}
            onDragStart={(event) => {
              event.dataTransfer.effectAllowed = "move";
              setDragged(project.id);
            }}
            onDragOver={(event) => {
              if (!dragged || index < 0) return;
              event.preventDefault();
              setOver(project.id);
            }}
            onDragLeave={() => setOver((current) => (current === project.id ? null : current))}
            onDrop={(event) => {
              event.preventDefault();
              setOver(null);
              dropOn(project);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
          >
            <ProjectDot color={project.color} />
            <Link
              to={`/projects/${project.id}`}
              className="min-w-0 flex-1 basis-40 font-medium break-words text-slate-900 hover:underline dark:text-slate-100"
            >
              {project.name}
            </Link>
            <span className="text-sm text-slate-600 dark:text-slate-400">{project.pendingCount} pending</span>
            {project.archived || index >= 0 ? (
              <Form method="post" action={action} className="flex flex-wrap items-center gap-1">
                <input type="hidden" name="back" value={back} />
                {project.archived ? (
                  <button type="submit" name="intent" value="unarchive" className={smallButton}>
                    Unarchive<span className="sr-only"> “{project.name}”</span>
                  </button>
                ) : (
                  <>
                    {index >= 0 ? (
                      <>
                        <input type="hidden" name="intent" value="move" />
                        <button
                          type="submit"
                          name="direction"
                          value="up"
                          disabled={index === 0}
                          className={smallButton}
                          aria-label={`Move “${project.name}” up`}
                        >
                          ↑
                        </button>
                        <button
                          type="submit"
                          name="direction"
                          value="down"
                          disabled={index === movable.length - 1}
                          className={smallButton}
                          aria-label={`Move “${project.name}” down`}
                        >
                          ↓
                        </button>
                      </>
                    ) : null}
                  </>
                )}
              </Form>
            ) : null}
            {/* The Inbox is always first: a favourite flag would change nothing. */}
            {project.archived || project.inbox ? null : (
              <Form method="post" action={action}>
                <input type="hidden" name="back" value={back} />
                <input type="hidden" name="intent" value="favorite" />
                <button
                  type="submit"
                  name="favorite"
                  value={String(!project.favorite)}
                  aria-pressed={project.favorite}
                  aria-label={`Favourite “${project.name}”`}
                  className={smallButton}
                >
                  <span aria-hidden="true">{project.favorite ? "★" : "☆"}</span>
                </button>
              </Form>
            )}
            <Link to={project.archived ? `/projects/${project.id}/delete` : action} className={smallButton}>
              {project.archived ? "Delete…" : "Edit"}
              <span className="sr-only"> “{project.name}”</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
