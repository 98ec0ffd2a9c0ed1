import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),

  // Signed-in pages
  layout("routes/_app.tsx", [
    route("tasks", "routes/tasks.tsx"),
    route("tasks/:taskId", "routes/tasks.$taskId.tsx"),
    // The confirmation step for deleting without JavaScript.
    route("tasks/:taskId/delete", "routes/tasks.$taskId.delete.tsx"),
  ]),

  // Operations
  route("healthz", "routes/healthz.ts"),
  route("readyz", "routes/readyz.ts"),

  // Better Auth's own HTTP endpoints
  route("api/auth/*", "routes/api.auth.$.ts"),
] satisfies RouteConfig;
