// The database, one concern per module under app/db/; this file is the door the app imports.
export { listenFor, type Listening } from "./db/listen.server";
export { backupDatabase, closeDatabase, type Database, databaseKind, databasePoolStats, db } from "./db/client.server";
export { migrateDatabase, pingDatabase, runExclusively, waitForDatabase } from "./db/start-up.server";
export { withCompiledRowMapper } from "./db/row-mapper.server";
