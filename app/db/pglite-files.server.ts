// How the embedded database lies in DATA_DIR and how PGlite opens it: one home for the server
// (client.server.ts) and for the backup and restore commands (backup.server.ts).
import path from "node:path";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";

// The task search's index needs these (migration 0004); PGlite loads contrib modules on request.
export const pgliteExtensions = { btree_gin, pg_trgm, unaccent };

/** PGlite's own folder inside DATA_DIR (beside the lock, the auth secret and the admin socket). */
export const pgliteFolder = (dataDir: string) => path.resolve(dataDir, "pglite");

/**
 * The running server's admin socket, through which `npm run backup` asks it for a backup
 * (decision 075). Left relative when DATA_DIR is: a socket's path is limited to 107 bytes.
 */
export const adminSocketPath = (dataDir: string) => path.join(dataDir, "admin.sock");
