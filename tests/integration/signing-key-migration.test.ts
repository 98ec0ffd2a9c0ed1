// Migration 0002 moves API tokens to RS256: a database from before keeps its RS256 keys (none,
// in practice) and loses the Ed25519 ones, so the next start-up creates an RS256 key.
import { readFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { expect, it } from "vitest";

const migration = (name: string) =>
  readFileSync(new URL(`../../db/migrations/${name}.sql`, import.meta.url), "utf8").split("--> statement-breakpoint");

it("removes the signing keys that are not RS256 and keeps the RS256 ones", async () => {
  const database = new PGlite();
  for (const statement of [...migration("0000_init"), ...migration("0001_unlogged_counters")])
    await database.exec(statement);
  await database.exec(`
    insert into jwks (public_key, private_key, created_at, alg, crv) values
      ('{"kty":"OKP"}', 'secret', now(), 'EdDSA', 'Ed25519'),
      ('{"kty":"OKP"}', 'secret', now(), null, null),
      ('{"kty":"RSA"}', 'secret', now(), 'RS256', null)`);

  for (const statement of migration("0002_rs256_signing_keys")) await database.exec(statement);

  const { rows } = await database.query<{ alg: string }>("select alg from jwks");
  expect(rows).toEqual([{ alg: "RS256" }]);
  await database.close();
});
