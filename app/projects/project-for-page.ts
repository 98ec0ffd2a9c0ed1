import type { Project } from "./project-schema";

/** A project as the navigation, the pickers and the rows receive it: no timestamps. */
export type ProjectForPage = Pick<
  Project,
  "id" | "name" | "color" | "favorite" | "archived" | "inbox" | "pendingCount" | "role" | "memberCount"
>;

/** Only the fields a page shows: the loader's data is sent to the browser as it is. */
export function toProjectForPage(project: Project): ProjectForPage {
  const { id, name, color, favorite, archived, inbox, pendingCount, role, memberCount } = project;
  return { id, name, color, favorite, archived, inbox, pendingCount, role, memberCount };
}
