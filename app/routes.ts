import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),

  // Signed-in pages
  layout("routes/_app.tsx", [route("tasks", "routes/tasks.tsx")]),

  // Operations
  route("healthz", "routes/healthz.ts"),
  route("readyz", "routes/readyz.ts"),

  // Better Auth's own HTTP endpoints
  route("api/auth/*", "routes/api.auth.$.ts"),
] satisfies RouteConfig;
