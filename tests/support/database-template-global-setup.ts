// For the integration projects: the migrated database every test file starts from, built once
// per run instead of once per file (decision 132). PGlite: dumps of its data folder (an initdb
// costs seconds in WASM; loading a dump, a fraction), one empty for the migration tests and one
// migrated. PostgreSQL: a migrated database that each file's database is created from
// (`create database … template`, a copy in tens of milliseconds). Both go through Drizzle's
// migrator and the migrations folder, as the app's start-up does; each file's setup then runs
// the app's own migrateDatabase on its copy, which must find nothing left to do.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { pgliteExtensions } from "~/db/pglite-files.server";
import { createScratchDatabase } from "./scratch-database.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite data folder dumps (uncompressed tarballs): a fresh initdb, and it migrated. */
    pgliteTemplates: { empty: string; migrated: string };
    /** The migrated PostgreSQL database to create each file's database from. */
    postgresTemplate: string;
  }
}

const migrationsFolder = path.resolve(import.meta.dirname, "../../db/migrations");

async function pgliteTemplates(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), "tasklane-pglite-template-"));
  const client = await PGlite.create({ extensions: pgliteExtensions });
  const dump = async (name: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, new Uint8Array(await (await client.dumpDataDir("none")).arrayBuffer()));
    return file;
  };
  try {
    const empty = await dump("empty.tar");
    await migratePglite(drizzlePglite({ client }), { migrationsFolder });
    project.provide("pgliteTemplates", { empty, migrated: await dump("migrated.tar") });
  } finally {
    await client.close();
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL is required for the postgres projects");
  const template = await createScratchDatabase(adminUrl, "tasklane_template");
  // Nobody may stay connected to it: PostgreSQL copies a template only while no session is on it.
  const pool = new pg.Pool({ connectionString: template.url, max: 1 });
  try {
    await migratePg(drizzlePg({ client: pool }), { migrationsFolder });
  } finally {
    await pool.end();
  }
  project.provide("postgresTemplate", template.name);
  return template.drop;
}

export default async function setup(project: TestProject) {
  // The project's env reaches its test files, not this process.
  return project.config.env.TEST_DB_DRIVER === "pglite" ? pgliteTemplates(project) : postgresTemplate(project);
}
