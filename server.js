// Production entry. The server itself (request policy, static files, the drain, the workers) is
// TypeScript in server/, compiled with the app into build/server/index.js by `npm run build`.
import { existsSync } from "node:fs";

// React's server renderer must match react-dom's production build.
process.env.NODE_ENV = "production";

const buildEntry = new URL("./build/server/index.js", import.meta.url);
if (!existsSync(buildEntry)) {
  process.stderr.write("No production build found: run `npm run build` first (npm start does it for you).\n");
  process.exit(1);
}

let build;
try {
  build = await import(buildEntry.href);
} catch (error) {
  // One plain line on stderr and exit 1, as every start-up failure (server/main.ts).
  process.stderr.write(`start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
build.runServer();
