// Issue 29's "second wall" as tried (decision 102, not adopted): row-level security on `task`
// and `project` for a database role that does not bypass it, keyed on the acting person set per
// transaction (`set_config('app.person', …, true)`). Used by
// tests/integration/row-level-security.test.ts (both engines) and bench/rls-micro.ts (its cost).
import { sql, type SQL } from "drizzle-orm";

/** The statements that create `role` (no login, no bypass) and the policies. */
export function enableRowLevelSecurity(role: string): SQL[] {
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`bad role name ${role}`);
  return [
    sql.raw(`do $$ begin
      if not exists (select from pg_roles where rolname = '${role}') then create role ${role} nologin nobypassrls; end if;
    end $$`),
    sql.raw(`grant usage on schema public to ${role}`),
    sql.raw(`grant select, insert, update, delete on all tables in schema public to ${role}`),
    sql.raw(`create or replace function app_person() returns uuid language sql stable
      as $f$ select nullif(current_setting('app.person', true), '')::uuid $f$`),
    sql.raw(`alter table task enable row level security`),
    sql.raw(`alter table project enable row level security`),
    sql.raw(`drop policy if exists task_person on task`),
    sql.raw(`drop policy if exists project_person on project`),
    // A task is the person's when its project is theirs (task.user_id is the project's owner,
    // decision 095) or a project they are a member of.
    sql.raw(`create policy task_person on task using (
      user_id = app_person()
      or project_id = any(array(select project_id from project_member where user_id = app_person())))`),
    sql.raw(`create policy project_person on project using (
      user_id = app_person()
      or id = any(array(select project_id from project_member where user_id = app_person())))`),
  ];
}

/** The statements that take the policies away again (the role stays: roles are the cluster's). */
export function disableRowLevelSecurity(role: string): SQL[] {
  return [
    sql.raw(`drop policy if exists task_person on task`),
    sql.raw(`drop policy if exists project_person on project`),
    sql.raw(`alter table task disable row level security`),
    sql.raw(`alter table project disable row level security`),
    sql.raw(`revoke all on all tables in schema public from ${role}`),
    sql.raw(`revoke usage on schema public from ${role}`),
  ];
}
