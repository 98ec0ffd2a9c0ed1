// SQL pieces that any domain's queries share.
import { type Column, getTableName, type SQL, sql } from "drizzle-orm";

/**
 * `"table"."column"`. Drizzle leaves columns unqualified in a select list (a single table needs
 * no more), but inside a subquery there a bare "id" would name the subquery's table's column.
 */
export function qualified(column: Column): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}
