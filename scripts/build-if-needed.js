// `npm start` on a fresh clone: build once, then reuse the build until the sources change.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const output = "build/server/index.js";

function newestMtime(entry) {
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestMtime(path.join(entry, name))));
}

const sources = ["app", "server", "db", "public", "vite.config.ts", "react-router.config.ts", "package-lock.json"];
const stale =
  !existsSync(output) ||
  newestMtime(output) < Math.max(...sources.filter((source) => existsSync(source)).map(newestMtime));

if (stale) {
  console.log("Building the app (first start, or sources changed)…");
  execSync("npm run build", { stdio: "inherit" });
}
