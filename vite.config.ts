import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig, type Plugin } from "vite";
import { serverExternals } from "./scripts/server-externals.js";

// React Router names every SSR entry after its server build (index.js, index2.js…): entries
// other than the server keep their own names, so that package.json can run them.
const namedServerEntries: Plugin = {
  name: "tasklane:named-server-entries",
  configEnvironment(name, options) {
    const output = options.build?.rollupOptions?.output;
    if (name !== "ssr" || !output || Array.isArray(output)) return;
    const serverBuildFile = output.entryFileNames;
    output.entryFileNames = (chunk) => (chunk.name === "index" ? String(serverBuildFile) : `${chunk.name}.js`);
  },
};

// SERVER_BUNDLE=1 (the Dockerfile's build): the server build takes its dependencies in, tree-
// shaken, but the few in scripts/server-externals.js, so the image carries no other node_modules
// (decision 073).
const bundleDependencies = process.env.SERVER_BUNDLE === "1";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter(), namedServerEntries],
  resolve: { tsconfigPaths: true },
  environments: {
    ssr: {
      ...(bundleDependencies && {
        resolve: { noExternal: true, external: serverExternals },
      }),
      build: {
        // server.js imports server/index.ts through the SSR build, so the app, its
        // database and the request listener share one module graph. The backup commands
        // (`npm run backup`, `npm run restore`) are a second entry, built beside it.
        rollupOptions: { input: { index: "./server/index.ts", "backup-cli": "./server/backup-cli.ts" } },
      },
    },
  },
  // PGlite ships WASM and data files that Vite's pre-bundler cannot handle.
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
});
