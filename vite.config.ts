import { reactRouter } from "@react-router/dev/vite";
import tailwindcss from "@tailwindcss/vite";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [tailwindcss(), reactRouter()],
  resolve: { tsconfigPaths: true },
  environments: {
    ssr: {
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
