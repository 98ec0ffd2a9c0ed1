// What the search (`q`) reads, declared once: the index in db/schema.ts and the list's
// condition in task-list-query.ts must write the same expression, or the index goes unused.
// `tasklane_unaccent` is `unaccent` declared IMMUTABLE (migration 0004): an index expression
// may only call immutable functions, and unaccent's dictionary lookup is not marked so.
// The `sql` tag is passed in: the filter form imports this module without the database layer.
import type { SQL, SQLWrapper, sql as sqlTag } from "drizzle-orm";

/** The title and description without accents, as one string (no search word holds the space). */
export function taskSearchText(sql: typeof sqlTag, title: SQLWrapper, description: SQLWrapper): SQL {
  return sql`tasklane_unaccent(${title} || ' ' || ${description})`;
}
