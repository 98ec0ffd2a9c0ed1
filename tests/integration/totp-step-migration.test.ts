// Migration 0011 adds two_factor.last_totp_step (decision 060) to a database the previous
// release filled: its people and their two-factor secrets stay, and the first code each of
// them sends afterwards is accepted (no step claimed yet). On the project's own database kind.
import { afterAll, expect, it } from "vitest";
import { migrationsBefore, openMigrationDatabase, statements } from "../support/migration-database";

const lastRelease = migrationsBefore("0011_");

const database = await openMigrationDatabase();
afterAll(() => database.close());

it("keeps every two-factor account and claims no step for it", async () => {
  for (const file of lastRelease) for (const statement of statements(file)) await database.exec(statement);
  await database.exec(`
    insert into "user" (id, name, email, email_verified, two_factor_enabled) values
      ('00000000-0000-4000-8000-000000000001', 'Ada', 'ada@example.com', true, true),
      ('00000000-0000-4000-8000-000000000002', 'Bo', 'bo@example.com', true, false);
    insert into two_factor (secret, backup_codes, user_id, failed_verification_count) values
      ('encrypted-secret', 'encrypted-codes', '00000000-0000-4000-8000-000000000001', 2)`);

  for (const statement of statements("0011_totp_last_step.sql")) await database.exec(statement);

  expect(await database.rows(`select email, two_factor_enabled from "user" order by email`)).toEqual([
    { email: "ada@example.com", two_factor_enabled: true },
    { email: "bo@example.com", two_factor_enabled: false },
  ]);
  expect(
    await database.rows(`select secret, backup_codes, failed_verification_count, last_totp_step from two_factor`),
  ).toEqual([
    { secret: "encrypted-secret", backup_codes: "encrypted-codes", failed_verification_count: 2, last_totp_step: null },
  ]);
});
