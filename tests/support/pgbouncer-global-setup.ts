// For the integration-pooled project: one PgBouncer (transaction mode) in front of
// TEST_DATABASE_URL's server for the whole run; database-setup.ts points each file through it.
import type { TestProject } from "vitest/node";
import { startPgbouncer } from "./pgbouncer.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgbouncerPort: number;
  }
}

export default async function setup(project: TestProject) {
  const pooler = await startPgbouncer(process.env.TEST_DATABASE_URL!);
  project.provide("pgbouncerPort", pooler.port);
  return () => pooler.stop();
}
