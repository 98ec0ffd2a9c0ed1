import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";
import { serverExternals } from "./scripts/server-externals.js";

// SERVER_BUNDLE=1 (the Dockerfile's build): the server build takes its dependencies in, tree-
// shaken, but the few in scripts/server-externals.js, so the image carries no other node_modules
// (decision 073).
const bundleDependencies = process.env.SERVER_BUNDLE === "1";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  resolve: { tsconfigPaths: true },
  environments: {
    ssr: {
      ...(bundleDependencies && {
        resolve: { noExternal: true, external: serverExternals },
      }),
      build: {
        // server.js imports server/index.ts through the SSR build, so the app, its
        // database and the request listener share one module graph.
        rollupOptions: { input: "./server/index.ts" },
      },
    },
  },
  // PGlite ships WASM and data files that Vite's pre-bundler cannot handle.
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
});
