// A PostgreSQL database of its own for one test or one bench script's run, dropped at the end.
// Plain JavaScript: the bench scripts run under node without a TypeScript loader.
import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Creates `<prefix>_<now>_<random>` beside `adminUrl` (tests running in parallel start in the
 * same millisecond), empty or as a copy of the database `template`; returns its name, its URL
 * and a drop that ends any session on it.
 */
export async function createScratchDatabase(adminUrl, prefix, template) {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"${template ? ` template "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
