// What the search (`q`) reads, declared once: the stored column in schema.ts, its index and
// the list's condition in app/tasks/task-list-query.ts all come from here.
// `tasklane_unaccent` is `unaccent` declared IMMUTABLE (migration 0004): a generated column
// and an index may only call immutable functions, and unaccent's dictionary lookup is not
// marked so. The `sql` tag is passed in: the filter form imports this module without the
// database layer.
import type { SQL, SQLWrapper, sql as sqlTag } from "drizzle-orm";

/**
 * The title and description in lower case without accents, as one string (no search word
 * holds the space). Stored as a generated column: a search then rechecks each candidate row
 * with a plain LIKE instead of unaccenting its text again (decision 023).
 */
export function taskSearchText(sql: typeof sqlTag, title: SQLWrapper, description: SQLWrapper): SQL {
  return sql`lower(tasklane_unaccent(${title} || ' ' || ${description}))`;
}

/**
 * One search word's condition on the stored text. The pattern is folded the same way as the
 * column, once per statement (a subquery: an InitPlan), not once per row rechecked; the
 * planner cannot read the pattern either, so it keeps to the index for any word.
 *
 * The pattern calls what `tasklane_unaccent` wraps (its whole body, migration 0004) rather than
 * the wrapper: PostgreSQL never inlines a SQL function declared IMMUTABLE around a STABLE one,
 * so each statement that calls the wrapper sets it up again, ~50 µs of a search's ~300
 * (docs/benchmarks.md, "The search pattern's fold"). A statement may call a STABLE function;
 * only the column and its index need the wrapper's promise.
 */
export function taskSearchCondition(sql: typeof sqlTag, searchText: SQLWrapper, likePattern: unknown): SQL {
  return sql`${searchText} like (select lower(public.unaccent('public.unaccent'::regdictionary, ${likePattern})))`;
}
