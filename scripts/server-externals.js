// The packages that the server bundle (SERVER_BUNDLE=1, the Dockerfile's build) leaves out and
// loads from node_modules at run time, and the only ones the image carries (decision 073):
// PGlite loads its WASM, data and extension files from beside its own modules;
// rate-limiter-flexible imports drizzle-orm by a name computed at run time, so drizzle-orm stays
// one shared copy; and drizzle-orm's node-postgres driver then imports pg.
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const serverExternals = ["@electric-sql/pglite", "drizzle-orm", "pg"];

// Never loaded at run time: type declarations, source maps, and the CommonJS copies that
// drizzle-orm and PGlite ship beside their ES modules (the bundle imports, never requires them;
// pg's own CommonJS files end in .js).
const notRun = /\.(d\.[cm]?ts|map|cjs)$/;

function prune(dir) {
  for (const name of readdirSync(dir)) {
    const entry = path.join(dir, name);
    if (statSync(entry).isDirectory()) prune(entry);
    else if (notRun.test(name)) rmSync(entry);
  }
}

// Where Node finds package `name` when required from the folder `from`.
function locate(name, from) {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed (needed from ${from})`);
  }
}

// `node scripts/server-externals.js DIR`: copies those packages and the packages they depend on
// (their dependencies, not optional or peer ones, as npm installed them) to DIR/node_modules,
// without what is never run.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) throw new Error("usage: node scripts/server-externals.js DIR");
  const root = process.cwd();
  const found = new Set();
  const visit = (location) => {
    if (found.has(location)) return;
    found.add(location);
    const manifest = JSON.parse(readFileSync(path.join(location, "package.json"), "utf8"));
    const optional = new Set(Object.keys(manifest.optionalDependencies ?? {}));
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!optional.has(name)) visit(locate(name, location));
    }
  };
  for (const name of serverExternals) visit(locate(name, root));
  for (const location of found) {
    cpSync(location, path.join(target, path.relative(root, location)), { recursive: true });
  }
  prune(path.join(target, "node_modules"));
  // drizzle-orm's other dialects (only pg-core is run): the image's size limit (decision 073).
  for (const dialect of ["mysql-core", "sqlite-core", "singlestore-core", "gel-core"]) {
    rmSync(path.join(target, "node_modules", "drizzle-orm", dialect), { recursive: true, force: true });
  }
  // PGlite's contrib archives but the ones the app loads (its imports in pglite-files.server.ts,
  // the one list): 1.4 MB, most of it pgcrypto, under the same limit.
  const loaded = new Set(
    [...readFileSync("app/db/pglite-files.server.ts", "utf8").matchAll(/@electric-sql\/pglite\/contrib\/(\w+)/g)].map(
      ([, name]) => `${name}.tar.gz`,
    ),
  );
  const pgliteDist = path.join(target, "node_modules", "@electric-sql", "pglite", "dist");
  for (const name of readdirSync(pgliteDist)) {
    if (name.endsWith(".tar.gz") && !loaded.has(name)) rmSync(path.join(pgliteDist, name));
  }
}
