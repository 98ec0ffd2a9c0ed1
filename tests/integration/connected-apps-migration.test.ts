// Migration 0023 adds Better Auth's OAuth provider tables and our connected_app_use (decision
// 123) to a database the previous release filled: nothing that was there changes; an app's
// grants, tokens and last use go with the app, and a person's with the person.
import { afterAll, expect, it } from "vitest";
import { migrationNamed, migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const migration = migrationNamed("_connected_apps.sql");
const lastRelease = migrationsBefore(migration);

const database = await openMigrationDatabase();
afterAll(() => database.close());

const ADA = "00000000-0000-4000-8000-000000000001";
const BEA = "00000000-0000-4000-8000-000000000002";

const count = async (table: string) => (await database.rows(`select count(*)::int as n from ${table}`))[0];

it("keeps every row, and ties an app's grants, tokens and last use to the app and the person", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified) values
      ('${ADA}', 'Ada', 'ada@example.com', true), ('${BEA}', 'Bea', 'bea@example.com', true);
    insert into api_key (user_id, name, scope, start, key_hash, expires_at)
      values ('${ADA}', 'Script', 'read', 'tl_abcdef', 'hash', now() + interval '30 days')`);
  const before = {
    users: await database.rows(`select * from "user" order by id`),
    keys: await database.rows(`select * from api_key order by id`),
  };

  for (const statement of statements(migration)) await database.exec(statement);

  expect(await database.rows(`select * from "user" order by id`)).toEqual(before.users);
  expect(await database.rows(`select * from api_key order by id`)).toEqual(before.keys);
  expect(await count("oauth_client")).toEqual({ n: 0 });

  await database.exec(`
    insert into oauth_client (client_id, user_id, name, redirect_uris) values ('app', '${ADA}', 'App', '{http://127.0.0.1/cb}');
    insert into oauth_consent (client_id, user_id, scopes, created_at, updated_at)
      values ('app', '${BEA}', '{tasks:read}', now(), now());
    insert into oauth_refresh_token (token, client_id, user_id, expires_at, created_at, scopes)
      values ('hashed', 'app', '${BEA}', now() + interval '30 days', now(), '{tasks:read,offline_access}');
    insert into connected_app_use (user_id, client_id, last_used_at) values ('${BEA}', 'app', now())`);
  await expect(
    database.exec(`insert into connected_app_use (user_id, client_id, last_used_at) values ('${BEA}', 'app', now())`),
  ).rejects.toThrow(/connected_app_use_user_id_client_id_pk/);
  await expect(
    database.exec(`insert into connected_app_use (user_id, client_id, last_used_at) values ('${BEA}', 'none', now())`),
  ).rejects.toThrow(/connected_app_use_client_id/);

  // The person who allowed it goes: their grant, tokens and last use go too (the app stays).
  await database.exec(`delete from "user" where id = '${BEA}'`);
  for (const table of ["oauth_consent", "oauth_refresh_token", "connected_app_use"])
    expect(await count(table)).toEqual({ n: 0 });
  expect(await count("oauth_client")).toEqual({ n: 1 });
  // Its developer goes: the app goes.
  await database.exec(`delete from "user" where id = '${ADA}'`);
  expect(await count("oauth_client")).toEqual({ n: 0 });
});
