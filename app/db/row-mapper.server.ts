import { Column, is, SQL } from "drizzle-orm";

/** What Drizzle keeps of a prepared select (both drivers): its columns in order, and how it maps rows. */
interface PreparedSelect {
  fields?: { path: string[]; field: unknown }[];
  customResultMapper?: (rows: unknown[][]) => unknown;
}

interface Decoder {
  mapFromDriverValue(value: unknown): unknown;
}

/**
 * Gives a prepared flat select (one level of keys, no joins) a row mapper built once from its
 * own columns. Drizzle's generic mapper works out each column's decoder and path again for
 * every value of every row: about a tenth of the JSON list's CPU (decision 050). The same
 * decoders run, so rows come out as Drizzle maps them (tests/integration/compiled-row-mapper.test.ts).
 * A nested selection keeps Drizzle's own.
 */
export function withCompiledRowMapper<Statement>(statement: Statement): Statement {
  const prepared = statement as PreparedSelect;
  const fields = prepared.fields;
  // (Drizzle's join bookkeeping only touches nested keys: a flat select has none.)
  if (!fields || prepared.customResultMapper || fields.some(({ path }) => path.length !== 1)) return statement;
  const keys = fields.map(({ path }) => path[0]!);
  const decoders = fields.map(({ field }) => decoderOf(field));
  if (decoders.includes(null)) return statement;
  prepared.customResultMapper = (rows) =>
    rows.map((row) => {
      const result: Record<string, unknown> = {};
      for (let index = 0; index < keys.length; index++) {
        const value = row[index];
        result[keys[index]!] = value === null ? null : decoders[index]!.mapFromDriverValue(value);
      }
      return result;
    });
  return statement;
}

/**
 * A column decodes its own values, an sql`` field (aliased or not: `sql`…`.as(name)`) through
 * its decoder, as Drizzle's mapResultRow picks them.
 */
function decoderOf(field: unknown): Decoder | null {
  if (is(field, Column)) return field as unknown as Decoder;
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL.Aliased)) return (field as unknown as { sql: { decoder: Decoder } }).sql.decoder;
  return null;
}
